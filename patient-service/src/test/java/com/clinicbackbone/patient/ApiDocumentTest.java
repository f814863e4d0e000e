package com.clinicbackbone.patient;

import com.clinicbackbone.security.CommittedApiDocument;
import org.junit.jupiter.api.Test;

/**
 * The committed {@code docs/api/patient-service.openapi.json} is the document this service serves, so that a change
 * to the API shows as a diff in review. Regenerate: {@code mvn -pl patient-service test -Dtest=ApiDocumentTest
 * -Dapi.docs.write=true}.
 */
class ApiDocumentTest extends PatientServiceIntegrationTest {

    @Test
    void committedDocumentIsTheOneTheServiceServes() {
        CommittedApiDocument.assertCommitted("patient-service", port);
    }

    @Test
    void swaggerUiOpensWithoutAToken() {
        CommittedApiDocument.assertSwaggerUiIsOpen(port);
    }
}
