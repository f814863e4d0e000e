package com.clinicbackbone.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.ActiveProfiles;

/** Under the {@code prod} profile every log line is one JSON object that carries the trace of its span. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("prod")
@ExtendWith(OutputCaptureExtension.class)
class ProdLoggingTest {

    private static final Logger log = LoggerFactory.getLogger(ProdLoggingTest.class);

    @Autowired
    Tracer tracer;

    @Test
    void writesJsonLinesWithTheTraceAndSpanIds(CapturedOutput output) {
        Span span = tracer.nextSpan().name("prod-logging-probe").start();
        try (Tracer.SpanInScope ignored = tracer.withSpan(span)) {
            log.info("probe line");
        } finally {
            span.end();
        }

        String line = output.getOut().lines().filter(it -> it.contains("probe line")).findFirst().orElseThrow();
        assertThat(line).startsWith("{").endsWith("}")
                .contains("\"message\":\"probe line\"")
                .contains("\"traceId\":\"" + span.context().traceId() + "\"")
                .contains("\"spanId\":\"" + span.context().spanId() + "\"")
                .contains("\"service\":{\"name\":\"auth-server\"");
    }
}
