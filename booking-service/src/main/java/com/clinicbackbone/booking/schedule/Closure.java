package com.clinicbackbone.booking.schedule;

import com.clinicbackbone.booking.clinic.InvalidFieldException;
import java.time.LocalDate;

/** A day the clinic is closed (HOLIDAY): nobody is booked there on that clinic-local date. */
public record Closure(String id, String clinicId, LocalDate date, String name) {

    public Closure {
        if (date == null) {
            throw new InvalidFieldException("date", "must be a clinic-local date like 2026-12-25");
        }
        if (name != null && name.length() > 200) {
            throw new InvalidFieldException("name", "must be at most 200 characters");
        }
    }
}
