package com.clinicbackbone.booking.idempotency;

/**
 * The answer remembered for an idempotency key: HTTP status, the id of the resource the request created and the
 * exact response body (JSON), so a retry gets the same bytes.
 */
public record StoredResponse(int status, String resourceId, String body) {
}
