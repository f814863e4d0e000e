package com.clinicbackbone.booking.availability.web;

import com.clinicbackbone.booking.appointment.Party;
import com.clinicbackbone.booking.availability.AvailabilityEngine;
import com.clinicbackbone.booking.availability.Slot;
import com.clinicbackbone.booking.clinic.Catalog;
import com.clinicbackbone.booking.clinic.Clinic;
import com.clinicbackbone.booking.clinic.InvalidFieldException;
import com.clinicbackbone.booking.clinic.UnknownClinicException;
import com.clinicbackbone.security.Caller;
import com.clinicbackbone.security.Role;
import com.clinicbackbone.security.apidocs.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Free slots of a service at a clinic over clinic-local dates (inclusive, at most 92 days apart). Patients see
 * online-bookable services only (others 403) and nothing inside the minimum notice; the desk and practitioners see
 * every slot from now on. Unknown clinic, service or practitioner: 404.
 */
@Tag(name = "Availability", description = "Free times to book.")
@RestController
class AvailabilityController {

    static final int LONGEST_SPAN_DAYS = 92;

    record AvailabilityResponse(String clinicId, String serviceId, String timeZone, LocalDate from, LocalDate to,
                                List<Slot> slots) {
    }

    private final AvailabilityEngine engine;
    private final Catalog catalog;

    AvailabilityController(AvailabilityEngine engine, Catalog catalog) {
        this.engine = engine;
        this.catalog = catalog;
    }

    @Operation(summary = "Find free times", description = """
            The free starts of the service at the clinic (of one practitioner, or of everyone who provides it) on \
            the clinic-local dates `from`..`to` (inclusive, at most 92 days apart): hours minus breaks, plus extra \
            hours, minus leave, closures and bookings at every clinic, as UTC instants by start, then practitioner. \
            `clinicId`, `serviceId`, `from` and `to` are required (400 without). A patient sees what they may book \
            online.""")
    @ProblemResponses(404)
    @GetMapping("/api/availability")
    @PreAuthorize("hasAnyRole('PATIENT', 'FRONT_DESK', 'PRACTITIONER')")
    AvailabilityResponse availability(@RequestParam(required = false) String clinicId,
                                      @RequestParam(required = false) String serviceId,
                                      @RequestParam(required = false) String from,
                                      @RequestParam(required = false) String to,
                                      @RequestParam(required = false) String practitionerId, Caller caller) {
        required("clinicId", clinicId);
        required("serviceId", serviceId);
        LocalDate first = date("from", from);
        LocalDate last = date("to", to);
        if (last.isBefore(first)) {
            throw new InvalidFieldException("to", "must not be before from");
        }
        if (ChronoUnit.DAYS.between(first, last) > LONGEST_SPAN_DAYS) {
            throw new InvalidFieldException("to", "must be at most " + LONGEST_SPAN_DAYS + " days after from");
        }
        Clinic clinic = catalog.clinic(clinicId).orElseThrow(() -> new UnknownClinicException(clinicId));
        List<Slot> slots = engine.slots(clinicId, serviceId, practitionerId == null || practitionerId.isBlank()
                ? null : practitionerId, first, last, caller.is(Role.PATIENT) ? Party.PATIENT : Party.CLINIC);
        return new AvailabilityResponse(clinicId, serviceId, clinic.timeZone(), first, last, slots);
    }

    private static void required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidFieldException(field, "must be given");
        }
    }

    private static LocalDate date(String field, String value) {
        required(field, value);
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException(field, "must be a date like 2026-03-02 (clinic-local)");
        }
    }
}
