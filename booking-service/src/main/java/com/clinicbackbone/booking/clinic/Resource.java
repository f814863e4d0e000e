package com.clinicbackbone.booking.clinic;

/** A room or device of one clinic; a service that needs a {@code kind} takes one free resource of that kind. */
public record Resource(String id, String clinicId, String name, String kind) {

    public Resource {
        if (name == null || name.isBlank()) {
            throw new InvalidFieldException("name", "must not be blank");
        }
        if (kind == null || !kind.matches("[A-Z][A-Z0-9_]{0,39}")) {
            throw new InvalidFieldException("kind", "must be an upper-case kind such as ULTRASOUND");
        }
    }
}
