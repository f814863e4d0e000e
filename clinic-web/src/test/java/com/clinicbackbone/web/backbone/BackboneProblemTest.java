package com.clinicbackbone.web.backbone;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.client.MockClientHttpResponse;

class BackboneProblemTest {

    @Test
    void readsTheRuleAndTheFieldErrorsOfAProblem() throws Exception {
        BackboneProblem problem = Backbone.problemOf(response(422, """
                {"type":"about:blank","title":"Unprocessable","status":422,"detail":"too late to book online",
                 "rule":"MINIMUM_NOTICE","errors":[{"field":"start","message":"must be at least 24 h ahead"}]}"""));

        assertThat(problem.status()).isEqualTo(422);
        assertThat(problem.rule()).isEqualTo("MINIMUM_NOTICE");
        assertThat(problem.detail()).isEqualTo("too late to book online");
        assertThat(problem.errors()).containsEntry("start", "must be at least 24 h ahead");
    }

    @Test
    void keepsTheStatusOfAnAnswerThatIsNotAProblem() throws Exception {
        BackboneProblem problem = Backbone.problemOf(response(502, "<html>bad gateway</html>"));

        assertThat(problem.status()).isEqualTo(502);
        assertThat(problem.rule()).isNull();
        assertThat(problem.errors()).isEmpty();
    }

    private static MockClientHttpResponse response(int status, String body) {
        return new MockClientHttpResponse(body.getBytes(StandardCharsets.UTF_8), HttpStatus.valueOf(status));
    }
}
