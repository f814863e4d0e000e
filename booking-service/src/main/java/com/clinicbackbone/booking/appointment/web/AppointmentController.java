package com.clinicbackbone.booking.appointment.web;

import com.clinicbackbone.booking.appointment.Appointment;
import com.clinicbackbone.booking.appointment.AppointmentNotFoundException;
import com.clinicbackbone.booking.appointment.AppointmentService;
import com.clinicbackbone.booking.appointment.BookAppointment;
import com.clinicbackbone.booking.appointment.InvalidAppointmentException;
import com.clinicbackbone.booking.clinic.Catalog;
import com.clinicbackbone.booking.clinic.Practitioner;
import com.clinicbackbone.booking.clinic.UnknownPractitionerException;
import com.clinicbackbone.booking.idempotency.IdempotentRequests;
import com.clinicbackbone.booking.idempotency.StoredResponse;
import com.clinicbackbone.security.Caller;
import com.clinicbackbone.security.apidocs.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;

/** Appointments, as {@link AppointmentAccess} allows the caller; OPERATOR and AUDITOR have no access (403). */
@Tag(name = "Appointments", description = "Booking, the day views and the lifecycle of an appointment.")
@RestController
@RequestMapping("/api/appointments")
class AppointmentController {

    /** How far back and ahead a patient's list reaches by default (finished visits are archived after 400 days). */
    static final int PATIENT_LIST_DAYS = 400;

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";

    private final AppointmentService appointments;
    private final Catalog catalog;
    private final IdempotentRequests idempotent;
    private final JsonMapper json;

    AppointmentController(AppointmentService appointments, Catalog catalog, IdempotentRequests idempotent,
                          JsonMapper json) {
        this.appointments = appointments;
        this.catalog = catalog;
        this.idempotent = idempotent;
        this.json = json;
    }

    /**
     * Books (a walk-in with {@code walkIn: true}). With an {@code Idempotency-Key} a retry of the same request by the
     * same caller books nothing more and gets the first answer again (status and body, header
     * {@code Idempotent-Replayed: true}); the key with a different request is 422.
     */
    @Operation(summary = "Book an appointment", description = """
            Books `start` with the practitioner for the patient, or now for a walk-in (`walkIn: true`, front desk \
            only). The start must lie on the service's slot grid in clinic time, in the practitioner's hours at \
            that clinic, and be free on their calendar at every clinic. A front desk books at its own clinic for a \
            patient linked to it; a patient books for themself, online-bookable services only, outside the \
            minimum notice. With an `Idempotency-Key` a retry books once and gets the first answer again \
            (`Idempotent-Replayed: true`).""")
    @ApiResponse(responseCode = "201", description = "Booked; `Location` is the appointment.", headers = {
            @Header(name = "Location", description = "The appointment's URL", schema = @Schema(type = "string")),
            @Header(name = REPLAYED, description = "`true` when this answers a retry",
                    schema = @Schema(type = "string"))},
            content = @Content(schema = @Schema(implementation = AppointmentResponse.class)))
    @ApiResponse(responseCode = "409", description = """
            The time overlaps another appointment of the practitioner at any clinic, no room or device of the \
            kind is free (`rule: NO_FREE_RESOURCE`), or a request with the same key is still running \
            (`Retry-After`).""")
    @ApiResponse(responseCode = "422", description = """
            Unknown clinic, service or practitioner; a patient unknown, erased, merged (`survivingPatientId`) or \
            not linked to the clinic (`reason`); a booking rule (`rule`: OUTSIDE_HOURS, IN_BREAK, ON_LEAVE, \
            CLINIC_CLOSED, NOT_PROVIDED, BEYOND_HORIZON, INSIDE_MINIMUM_NOTICE, PREREQUISITE_MISSING); or the \
            `Idempotency-Key` reused with another request.""")
    @ProblemResponses(403)
    @PostMapping
    @PreAuthorize("hasAnyRole('FRONT_DESK', 'PATIENT')")
    ResponseEntity<?> book(@Valid @RequestBody BookAppointmentRequest request,
                           @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
                           Caller caller, UriComponentsBuilder uri) {
        AppointmentAccess.requireMayBook(caller, request.clinicId(), request.patientId(), request.walkIn());
        if (idempotencyKey == null) {
            Appointment appointment = appointments.book(request.toCommand(AppointmentAccess.partyOf(caller)));
            return ResponseEntity.created(location(uri, appointment.id())).body(AppointmentResponse.of(appointment));
        }
        Function<Appointment, StoredResponse> created = appointment -> new StoredResponse(
                HttpStatus.CREATED.value(), appointment.id(),
                json.writeValueAsString(AppointmentResponse.of(appointment)));
        BookAppointment command = request.toCommand(AppointmentAccess.partyOf(caller));
        var outcome = idempotent.execute(caller.subject(), idempotencyKey, fingerprint(request),
                id -> created.apply(appointments.book(id, command)),
                id -> appointments.resumeBooking(id, command).map(created));
        StoredResponse response = outcome.response();
        var answer = ResponseEntity.status(response.status()).contentType(MediaType.APPLICATION_JSON)
                .location(location(uri, response.resourceId()));
        if (outcome.replayed()) {
            answer.header(REPLAYED, "true");
        }
        return answer.body(response.body());
    }

    /** The front desk's day at their clinic ({@code date} is clinic-local), by start. */
    @Operation(summary = "List appointments: a clinic's day, a practitioner's day or a patient's list")
    @ProblemResponses(404)
    @GetMapping(params = {"clinicId", "!practitionerId"})
    @PreAuthorize("hasRole('FRONT_DESK')")
    List<AppointmentResponse> clinicDay(@RequestParam String clinicId,
                                        @RequestParam(required = false) String date, Caller caller) {
        AppointmentAccess.requireMaySeeDayOf(caller, clinicId);
        return appointments.clinicDay(clinicId, date(date)).stream().map(AppointmentResponse::of).toList();
    }

    /** A practitioner's day across clinics: their own, or the front desk's view of it (their clinics only). */
    @GetMapping(params = {"practitionerId", "!clinicId"})
    @PreAuthorize("hasAnyRole('FRONT_DESK', 'PRACTITIONER')")
    List<AppointmentResponse> practitionerDay(@RequestParam String practitionerId,
                                              @RequestParam(required = false) String date, Caller caller) {
        AppointmentAccess.requireMayAskForDayOf(caller, practitionerId);
        Practitioner practitioner = catalog.practitioner(practitionerId)
                .orElseThrow(() -> new UnknownPractitionerException(practitionerId));
        AppointmentAccess.requireMaySeeDayOf(caller, practitioner);
        return appointments.practitionerDay(practitionerId, date(date)).stream()
                .filter(appointment -> AppointmentAccess.maySee(caller, appointment))
                .map(AppointmentResponse::of).toList();
    }

    /**
     * A patient's appointments at every clinic, by start, from {@code from} to {@code to} (UTC dates; by default
     * {@value #PATIENT_LIST_DAYS} days back and ahead, at most twice that): the patient their own; a front desk
     * those at its clinics; a practitioner their own with the patient (others are left out, never an error).
     */
    @GetMapping(params = {"patientId", "!clinicId", "!practitionerId"})
    @PreAuthorize("hasAnyRole('FRONT_DESK', 'PRACTITIONER', 'PATIENT')")
    List<AppointmentResponse> ofPatient(@RequestParam String patientId, @RequestParam(required = false) String from,
                                        @RequestParam(required = false) String to, Caller caller) {
        AppointmentAccess.requireMayListOf(caller, patientId);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate first = from == null || from.isBlank() ? today.minusDays(PATIENT_LIST_DAYS) : utcDate("from", from);
        LocalDate last = to == null || to.isBlank() ? today.plusDays(PATIENT_LIST_DAYS) : utcDate("to", to);
        if (last.isBefore(first) || first.plusDays(2L * PATIENT_LIST_DAYS).isBefore(last)) {
            throw new InvalidAppointmentException("to", "must be on or after from and at most "
                    + 2 * PATIENT_LIST_DAYS + " days after it");
        }
        return appointments.ofPatient(patientId, first.atStartOfDay(ZoneOffset.UTC).toInstant(),
                        last.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()).stream()
                .filter(appointment -> AppointmentAccess.maySee(caller, appointment))
                .map(AppointmentResponse::of).toList();
    }

    private static LocalDate utcDate(String field, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidAppointmentException(field, "must be a date like 2026-03-02 (UTC)");
        }
    }

    @Operation(summary = "Read an appointment", description = """
            The front desk of its clinic, its practitioner and its patient see it; anyone else gets 404.""")
    @ProblemResponses(404)
    @GetMapping("/{id}")
    @PreAuthorize("hasAnyRole('FRONT_DESK', 'PRACTITIONER', 'PATIENT')")
    AppointmentResponse get(@PathVariable String id, Caller caller) {
        return AppointmentResponse.of(visible(id, caller));
    }

    @Operation(summary = "Confirm an appointment", description = "BOOKED becomes CONFIRMED.")
    @ProblemResponses({404, 409})
    @PostMapping("/{id}/confirm")
    @PreAuthorize("hasAnyRole('FRONT_DESK', 'PATIENT')")
    AppointmentResponse confirm(@PathVariable String id, Caller caller) {
        return AppointmentResponse.of(appointments.confirm(visible(id, caller)));
    }

    @Operation(summary = "Check a patient in", description = "BOOKED or CONFIRMED becomes CHECKED_IN.")
    @ProblemResponses({404, 409})
    @PostMapping("/{id}/check-in")
    @PreAuthorize("hasRole('FRONT_DESK')")
    AppointmentResponse checkIn(@PathVariable String id, Caller caller) {
        return AppointmentResponse.of(appointments.checkIn(visible(id, caller)));
    }

    @Operation(summary = "Complete an appointment", description = "CHECKED_IN becomes COMPLETED.")
    @ProblemResponses({404, 409})
    @PostMapping("/{id}/complete")
    @PreAuthorize("hasAnyRole('FRONT_DESK', 'PRACTITIONER')")
    AppointmentResponse complete(@PathVariable String id, Caller caller) {
        return AppointmentResponse.of(appointments.complete(visible(id, caller)));
    }

    @Operation(summary = "Record a no-show", description = "A BOOKED or CONFIRMED appointment that has started.")
    @ProblemResponses({404, 409})
    @PostMapping("/{id}/no-show")
    @PreAuthorize("hasRole('FRONT_DESK')")
    AppointmentResponse noShow(@PathVariable String id, Caller caller) {
        return AppointmentResponse.of(appointments.markNoShow(visible(id, caller)));
    }

    @Operation(summary = "Cancel an appointment", description = """
            Frees the time. Inside the service's late-cancellation window the cancellation is flagged `late`; a \
            patient cannot cancel online there (422) and must call the clinic. The reason stays in this service.""")
    @ApiResponse(responseCode = "200", description = "Cancelled.",
            content = @Content(schema = @Schema(implementation = AppointmentResponse.class)))
    @ApiResponse(responseCode = "422", description = "A patient inside the late-cancellation window "
            + "(`lateCancellationWindow`).")
    @ProblemResponses({404, 409})
    @PostMapping("/{id}/cancel")
    @PreAuthorize("hasAnyRole('FRONT_DESK', 'PATIENT')")
    AppointmentResponse cancel(@PathVariable String id,
                               @Valid @RequestBody(required = false) CancelAppointmentRequest request,
                               Caller caller) {
        return AppointmentResponse.of(appointments.cancel(visible(id, caller),
                request == null ? null : request.reason(), AppointmentAccess.partyOf(caller)));
    }

    @Operation(summary = "Move an appointment", description = """
            Moves it to `start` (same id, revision + 1) under the same rules as a booking.""")
    @ProblemResponses({404, 409, 422})
    @PostMapping("/{id}/reschedule")
    @PreAuthorize("hasAnyRole('FRONT_DESK', 'PATIENT')")
    AppointmentResponse reschedule(@PathVariable String id, @Valid @RequestBody RescheduleAppointmentRequest request,
                                   Caller caller) {
        return AppointmentResponse.of(appointments.reschedule(visible(id, caller), request.start(),
                AppointmentAccess.partyOf(caller)));
    }

    /** The appointment if the caller may see it; otherwise the same 404 as for an unknown id. */
    private Appointment visible(String id, Caller caller) {
        Appointment appointment = appointments.get(id);
        if (!AppointmentAccess.maySee(caller, appointment)) {
            throw new AppointmentNotFoundException(id);
        }
        return appointment;
    }

    private static URI location(UriComponentsBuilder uri, String id) {
        return uri.cloneBuilder().path("/api/appointments/{id}").build(id);
    }

    private static LocalDate date(String date) {
        if (date == null || date.isBlank()) {
            throw new InvalidAppointmentException("date", "must be given as a clinic-local date, e.g. 2026-03-02");
        }
        try {
            return LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            throw new InvalidAppointmentException("date", "must be a date like 2026-03-02 (clinic-local)");
        }
    }

    /** The request as its canonical JSON (whitespace and field order do not matter), hashed. */
    private String fingerprint(BookAppointmentRequest request) {
        try {
            byte[] canonical = json.writeValueAsString(request).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
