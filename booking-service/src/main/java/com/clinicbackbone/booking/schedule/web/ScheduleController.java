package com.clinicbackbone.booking.schedule.web;

import com.clinicbackbone.booking.clinic.InvalidFieldException;
import com.clinicbackbone.booking.clinic.Practitioner;
import com.clinicbackbone.booking.schedule.DayHours;
import com.clinicbackbone.booking.schedule.ExceptionKind;
import com.clinicbackbone.booking.schedule.ScheduleException;
import com.clinicbackbone.booking.schedule.ScheduleService;
import com.clinicbackbone.booking.schedule.TimeRange;
import com.clinicbackbone.booking.schedule.WeeklyHours;
import com.clinicbackbone.booking.web.IdempotentCreation;
import com.clinicbackbone.security.Caller;
import com.clinicbackbone.security.Role;
import com.clinicbackbone.security.apidocs.ProblemResponses;
import com.fasterxml.jackson.annotation.JsonFormat;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * A practitioner's weekly hours per clinic (everyone signed in reads them; the front desk of that clinic replaces
 * them) and their exceptions (the front desk of any clinic they work at adds, lists and removes them; the
 * practitioner lists their own).
 */
@Tag(name = "Practitioners' schedules", description = "Weekly hours per clinic, leave and extra hours.")
@RestController
@RequestMapping("/api/practitioners/{practitionerId}")
class ScheduleController {

    static final int LONGEST_RANGE_DAYS = 366;
    /** Wall-clock times in and out as {@code 08:00}. */
    static final String HH_MM = "HH:mm";

    record BreakBody(@NotNull @JsonFormat(pattern = HH_MM) LocalTime start,
                     @NotNull @JsonFormat(pattern = HH_MM) LocalTime end) {
    }

    record DayBody(@NotNull DayOfWeek day, @NotNull @JsonFormat(pattern = HH_MM) LocalTime start,
                   @NotNull @JsonFormat(pattern = HH_MM) LocalTime end,
                   @Size(max = 10) List<@Valid @NotNull BreakBody> breaks) {
    }

    /** {@code {"weekly":[{"day":"MONDAY","start":"08:00","end":"16:00","breaks":[{"start":"12:00","end":"12:30"}]}]}} */
    record HoursBody(@NotNull @Size(max = 50) List<@Valid @NotNull DayBody> weekly) {
    }

    /** LEAVE: {@code start}/{@code end} clinic-local date-times, no clinic; EXTRA_HOURS: at {@code clinicId}. */
    record ExceptionBody(@NotNull ExceptionKind kind, @Size(max = 100) String clinicId, @NotNull LocalDateTime start,
                         @NotNull LocalDateTime end) {
    }

    private final ScheduleService schedule;
    private final IdempotentCreation creation;

    ScheduleController(ScheduleService schedule, IdempotentCreation creation) {
        this.schedule = schedule;
        this.creation = creation;
    }

    @Operation(summary = "Read a practitioner's weekly hours at a clinic")
    @ProblemResponses(404)
    @GetMapping("/hours/{clinicId}")
    HoursBody hours(@PathVariable String practitionerId, @PathVariable String clinicId) {
        return body(schedule.hours(practitionerId, clinicId));
    }

    /** Replaces the weekly hours at the clinic: 400 for a bad block or break, 409 when it overlaps another clinic's. */
    @Operation(summary = "Replace a practitioner's weekly hours at a clinic", description = """
            Blocks and breaks as clinic-local `HH:mm`. The front desk of that clinic only.""")
    @ApiResponse(responseCode = "200", description = "Replaced.",
            content = @Content(schema = @Schema(implementation = HoursBody.class)))
    @ApiResponse(responseCode = "409", description = "The hours overlap the practitioner's hours at another clinic.")
    @ProblemResponses(404)
    @PutMapping("/hours/{clinicId}")
    @PreAuthorize("hasRole('FRONT_DESK')")
    HoursBody replaceHours(@PathVariable String practitionerId, @PathVariable String clinicId,
                           @Valid @RequestBody HoursBody request, Caller caller) {
        if (!caller.worksAt(clinicId)) {
            throw new AccessDeniedException("front desk of another clinic");
        }
        List<DayHours> weekly = request.weekly().stream().map(day -> new DayHours(day.day(), day.start(), day.end(),
                day.breaks() == null ? List.of() : day.breaks().stream()
                        .map(pause -> new TimeRange(pause.start(), pause.end())).toList())).toList();
        return body(schedule.replaceHours(new WeeklyHours(practitionerId, clinicId, weekly)));
    }

    /** Adds leave or extra hours; accepts an {@code Idempotency-Key}. */
    @Operation(summary = "Add leave or extra hours", description = """
            LEAVE covers every clinic (no `clinicId`); EXTRA_HOURS adds hours at `clinicId`; `start` and `end` are \
            clinic-local date-times. The front desk of any clinic the practitioner works at.""")
    @ApiResponse(responseCode = "201", description = "Added; `Location` is its URL (with an `Idempotency-Key`: the first answer again on a retry, `Idempotent-Replayed: true`).",
            content = @Content(schema = @Schema(implementation = ScheduleException.class)))
    @ProblemResponses({404, 422})
    @PostMapping("/exceptions")
    @PreAuthorize("hasRole('FRONT_DESK')")
    ResponseEntity<?> addException(@PathVariable String practitionerId, @Valid @RequestBody ExceptionBody request,
                                   @RequestHeader(name = IdempotentCreation.IDEMPOTENCY_KEY, required = false)
                                   String key, Caller caller, UriComponentsBuilder uri) {
        requireDeskOf(caller, schedule.practitioner(practitionerId));
        return creation.create(caller.subject(), key, "POST /api/practitioners/" + practitionerId + "/exceptions",
                request,
                id -> schedule.addException(new ScheduleException(id, practitionerId, request.kind(),
                        request.clinicId(), request.start(), request.end())),
                id -> schedule.findException(practitionerId, id),
                id -> uri.cloneBuilder().path("/api/practitioners/{practitionerId}/exceptions/{id}")
                        .build(practitionerId, id));
    }

    /** The exceptions overlapping the clinic-local dates [from, to] (at most 366 days). */
    @Operation(summary = "List a practitioner's leave and extra hours", description = """
            Those overlapping the clinic-local dates `from`..`to` (required, at most 366 days apart): the front desk \
            of their clinics, the practitioner their own.""")
    @ProblemResponses(404)
    @GetMapping("/exceptions")
    @PreAuthorize("hasAnyRole('FRONT_DESK', 'PRACTITIONER')")
    List<ScheduleException> exceptions(@PathVariable String practitionerId,
                                       @RequestParam(required = false) String from,
                                       @RequestParam(required = false) String to, Caller caller) {
        if (caller.is(Role.PRACTITIONER) && !caller.isPractitioner(practitionerId)) {
            throw new AccessDeniedException("a practitioner sees their own exceptions only");
        }
        Practitioner practitioner = schedule.practitioner(practitionerId);
        if (caller.is(Role.FRONT_DESK)) {
            requireDeskOf(caller, practitioner);
        }
        LocalDate first = date("from", from);
        LocalDate last = date("to", to);
        if (last.isBefore(first)) {
            throw new InvalidFieldException("to", "must not be before from");
        }
        if (ChronoUnit.DAYS.between(first, last) > LONGEST_RANGE_DAYS) {
            throw new InvalidFieldException("to", "must be at most " + LONGEST_RANGE_DAYS + " days after from");
        }
        return schedule.exceptions(practitionerId, first, last);
    }

    @Operation(summary = "Remove leave or extra hours")
    @ApiResponse(responseCode = "204", description = "Removed.")
    @ProblemResponses(404)
    @DeleteMapping("/exceptions/{exceptionId}")
    @PreAuthorize("hasRole('FRONT_DESK')")
    ResponseEntity<Void> removeException(@PathVariable String practitionerId, @PathVariable String exceptionId,
                                         Caller caller) {
        requireDeskOf(caller, schedule.practitioner(practitionerId));
        schedule.removeException(practitionerId, exceptionId);
        return ResponseEntity.noContent().build();
    }

    private static void requireDeskOf(Caller caller, Practitioner practitioner) {
        if (practitioner.clinicIds().stream().noneMatch(caller::worksAt)) {
            throw new AccessDeniedException("practitioner works at none of the caller's clinics");
        }
    }

    private static HoursBody body(WeeklyHours hours) {
        return new HoursBody(hours.weekly().stream().map(day -> new DayBody(day.day(), day.start(), day.end(),
                day.breaks().stream().map(pause -> new BreakBody(pause.start(), pause.end())).toList())).toList());
    }

    private static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidFieldException(field, "must be given as a clinic-local date, e.g. 2026-03-02");
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException(field, "must be a date like 2026-03-02 (clinic-local)");
        }
    }
}
