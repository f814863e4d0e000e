package com.clinicbackbone.notification;

import com.clinicbackbone.security.CommittedApiDocument;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The committed {@code docs/api/notification-service.openapi.json} is the document this service serves, so that a change
 * to the API shows as a diff in review. Regenerate: {@code mvn -pl notification-service test -Dtest=ApiDocumentTest
 * -Dapi.docs.write=true}.
 */
class ApiDocumentTest extends RunningServiceTest {

    @LocalServerPort
    int port;

    @Test
    void committedDocumentIsTheOneTheServiceServes() {
        CommittedApiDocument.assertCommitted("notification-service", port);
    }

    @Test
    void swaggerUiOpensWithoutAToken() {
        CommittedApiDocument.assertSwaggerUiIsOpen(port);
    }
}
