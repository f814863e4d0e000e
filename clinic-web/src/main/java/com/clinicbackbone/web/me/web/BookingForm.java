package com.clinicbackbone.web.me.web;

import java.time.Instant;

/**
 * The booking form's fields: what was chosen on the clinic page (the patient id is never taken from a form, it is
 * the signed-in person's own). {@code key} is the form's idempotency key, so a double click books once.
 */
record BookingForm(String clinicId, String serviceId, String practitionerId, Instant start, String key) {

    private static final String UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    /** Everything a booking needs is there (a tampered or cut-off form is not). */
    boolean isComplete() {
        return !isBlank(clinicId) && !isBlank(serviceId) && !isBlank(practitionerId) && start != null;
    }

    /** The key when it is one this page made (a UUID), else null: then the booking is sent without one. */
    String idempotencyKey() {
        return key != null && key.matches(UUID) ? key : null;
    }

    BookingForm withKey(String newKey) {
        return new BookingForm(clinicId, serviceId, practitionerId, start, newKey);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
