package com.clinicbackbone.booking;

import com.clinicbackbone.security.CommittedApiDocument;
import org.junit.jupiter.api.Test;

/**
 * The committed {@code docs/api/booking-service.openapi.json} is the document this service serves, so that a change
 * to the API shows as a diff in review. Regenerate: {@code mvn -pl booking-service test -Dtest=ApiDocumentTest
 * -Dapi.docs.write=true}.
 */
class ApiDocumentTest extends AbstractIntegrationTest {

    @Test
    void committedDocumentIsTheOneTheServiceServes() {
        CommittedApiDocument.assertCommitted("booking-service", port);
    }

    @Test
    void swaggerUiOpensWithoutAToken() {
        CommittedApiDocument.assertSwaggerUiIsOpen(port);
    }
}
