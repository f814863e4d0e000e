package com.clinicbackbone.patient.patient.web;

import java.util.List;

/** Body of {@code PUT /api/patients/{id}/consents}: the answers for the listed channels. */
record ConsentsRequest(List<ConsentRequest> consents) {
}
