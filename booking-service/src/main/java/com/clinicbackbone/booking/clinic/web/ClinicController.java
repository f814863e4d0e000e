package com.clinicbackbone.booking.clinic.web;

import com.clinicbackbone.booking.clinic.Catalog;
import com.clinicbackbone.booking.clinic.Clinic;
import com.clinicbackbone.booking.clinic.ClinicService;
import com.clinicbackbone.booking.clinic.InvalidFieldException;
import com.clinicbackbone.booking.clinic.Practitioner;
import com.clinicbackbone.booking.clinic.Resource;
import com.clinicbackbone.booking.clinic.UnknownClinicException;
import com.clinicbackbone.booking.clinic.web.ClinicRequests.ClinicRequest;
import com.clinicbackbone.booking.clinic.web.ClinicRequests.ClosureRequest;
import com.clinicbackbone.booking.clinic.web.ClinicRequests.ResourceRequest;
import com.clinicbackbone.booking.clinic.web.ClinicRequests.ServiceRequest;
import com.clinicbackbone.booking.schedule.Closure;
import com.clinicbackbone.booking.schedule.ScheduleService;
import com.clinicbackbone.booking.web.IdempotentCreation;
import com.clinicbackbone.security.Caller;
import com.clinicbackbone.security.Role;
import com.clinicbackbone.security.apidocs.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.http.HttpStatus;
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
 * The catalog: everyone signed in reads clinics, services, practitioners, rooms/devices and closures; the front desk
 * of a clinic changes that clinic's name and zone, services, rooms/devices and closures (another clinic's is 403).
 */
@Tag(name = "Clinics", description = "The catalog: clinics, their services, practitioners, rooms and devices, and closures.")
@RestController
@RequestMapping("/api/clinics")
class ClinicController {

    static final String ID = "[a-z0-9][a-z0-9-]{0,99}";
    static final int LONGEST_RANGE_DAYS = 366;

    private final Catalog catalog;
    private final ScheduleService schedule;
    private final IdempotentCreation creation;

    ClinicController(Catalog catalog, ScheduleService schedule, IdempotentCreation creation) {
        this.catalog = catalog;
        this.schedule = schedule;
        this.creation = creation;
    }

    @Operation(summary = "List the clinics", description = "With their time zones.")
    @GetMapping
    List<Clinic> clinics() {
        return catalog.clinics();
    }

    /** Updates the clinic's name and time zone (a known zone id, else 400 naming {@code timeZone}). */
    @Operation(summary = "Rename a clinic or change its time zone", description = """
            `timeZone` is a zone id such as `America/Edmonton` (else 400). The clinic's own front desk only.""")
    @ProblemResponses({403, 404})
    @PutMapping("/{clinicId}")
    @PreAuthorize("hasRole('FRONT_DESK')")
    Clinic update(@PathVariable String clinicId, @Valid @RequestBody ClinicRequest request, Caller caller) {
        requireDeskOf(caller, clinicId);
        existing(clinicId);
        Clinic clinic = new Clinic(clinicId, request.name().strip(), request.timeZone().strip());
        catalog.save(clinic);
        return clinic;
    }

    @Operation(summary = "List a clinic's services", description = "With their booking rules.")
    @ProblemResponses(404)
    @GetMapping("/{clinicId}/services")
    List<ClinicService> services(@PathVariable String clinicId) {
        return catalog.services(existing(clinicId));
    }

    /** Creates (201) or replaces (200) the service; every practitioner named must work at the clinic. */
    @Operation(summary = "Create or replace a service", description = """
            Every practitioner named must work at the clinic; a prerequisite must be another service of the clinic. \
            The clinic's own front desk only.""")
    @ApiResponse(responseCode = "200", description = "Replaced.",
            content = @Content(schema = @Schema(implementation = ClinicService.class)))
    @ApiResponse(responseCode = "201", description = "Created.",
            content = @Content(schema = @Schema(implementation = ClinicService.class)))
    @ProblemResponses({403, 404})
    @PutMapping("/{clinicId}/services/{serviceId}")
    @PreAuthorize("hasRole('FRONT_DESK')")
    ResponseEntity<ClinicService> putService(@PathVariable String clinicId, @PathVariable String serviceId,
                                             @Valid @RequestBody ServiceRequest request, Caller caller) {
        requireDeskOf(caller, clinicId);
        existing(clinicId);
        requireId("serviceId", serviceId);
        for (String practitionerId : request.practitionerIds()) {
            if (catalog.practitioner(practitionerId).filter(it -> it.worksAt(clinicId)).isEmpty()) {
                throw new InvalidFieldException("practitionerIds", practitionerId + " does not work at " + clinicId);
            }
        }
        ClinicService.Prerequisite prerequisite = request.prerequisite() == null ? null
                : new ClinicService.Prerequisite(request.prerequisite().serviceId(), request.prerequisite().within());
        if (prerequisite != null && (prerequisite.serviceId().equals(serviceId)
                || catalog.service(clinicId, prerequisite.serviceId()).isEmpty())) {
            throw new InvalidFieldException("prerequisite.serviceId", "must be another service of " + clinicId);
        }
        ClinicService service = new ClinicService(serviceId, clinicId, request.name().strip(),
                request.durationMinutes(), request.lateCancellationWindow(), orZero(request.bufferBeforeMinutes()),
                orZero(request.bufferAfterMinutes()), request.onlineBookable(), request.minimumNotice(),
                request.bookingHorizon(), request.resourceKind(), prerequisite, request.practitionerIds(),
                request.slotMinutes(), request.aftercare());
        boolean created = catalog.service(clinicId, serviceId).isEmpty();
        catalog.save(service);
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(service);
    }

    @Operation(summary = "List the practitioners of a clinic")
    @ProblemResponses(404)
    @GetMapping("/{clinicId}/practitioners")
    List<Practitioner> practitioners(@PathVariable String clinicId) {
        return catalog.practitionersAt(existing(clinicId));
    }

    @Operation(summary = "List the rooms and devices of a clinic")
    @ProblemResponses(404)
    @GetMapping("/{clinicId}/resources")
    List<Resource> resources(@PathVariable String clinicId) {
        return catalog.resources(existing(clinicId));
    }

    /** Creates (201) or replaces (200) the room/device. */
    @Operation(summary = "Create or replace a room or device", description = "The clinic's own front desk only.")
    @ApiResponse(responseCode = "200", description = "Replaced.",
            content = @Content(schema = @Schema(implementation = Resource.class)))
    @ApiResponse(responseCode = "201", description = "Created.",
            content = @Content(schema = @Schema(implementation = Resource.class)))
    @ProblemResponses({403, 404})
    @PutMapping("/{clinicId}/resources/{resourceId}")
    @PreAuthorize("hasRole('FRONT_DESK')")
    ResponseEntity<Resource> putResource(@PathVariable String clinicId, @PathVariable String resourceId,
                                         @Valid @RequestBody ResourceRequest request, Caller caller) {
        requireDeskOf(caller, clinicId);
        existing(clinicId);
        requireId("resourceId", resourceId);
        Resource resource = new Resource(resourceId, clinicId, request.name().strip(), request.kind());
        boolean created = catalog.resources(clinicId).stream().noneMatch(it -> it.id().equals(resourceId));
        catalog.save(resource);
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(resource);
    }

    /** The clinic's closures on the clinic-local dates [from, to] (at most 366 days). */
    @Operation(summary = "List a clinic's closures", description = """
            On the clinic-local dates `from`..`to` (required, at most 366 days apart).""")
    @ProblemResponses(404)
    @GetMapping("/{clinicId}/closures")
    List<Closure> closures(@PathVariable String clinicId, @RequestParam(required = false) String from,
                           @RequestParam(required = false) String to) {
        LocalDate first = date("from", from);
        LocalDate last = date("to", to);
        requireRange(first, last);
        return schedule.closures(existing(clinicId), first, last);
    }

    /** Closes the clinic on a date (HOLIDAY); accepts an {@code Idempotency-Key}. */
    @Operation(summary = "Close a clinic on a date", description = """
            A holiday: nothing can be booked at the clinic that day. The clinic's own front desk only.""")
    @ApiResponse(responseCode = "201", description = "Closed; `Location` is its URL (with an `Idempotency-Key`: the first answer again on a retry, `Idempotent-Replayed: true`).",
            content = @Content(schema = @Schema(implementation = Closure.class)))
    @ProblemResponses({403, 404, 422})
    @PostMapping("/{clinicId}/closures")
    @PreAuthorize("hasRole('FRONT_DESK')")
    ResponseEntity<?> close(@PathVariable String clinicId, @Valid @RequestBody ClosureRequest request,
                            @RequestHeader(name = IdempotentCreation.IDEMPOTENCY_KEY, required = false) String key,
                            Caller caller, UriComponentsBuilder uri) {
        requireDeskOf(caller, clinicId);
        existing(clinicId);
        return creation.create(caller.subject(), key, "POST /api/clinics/" + clinicId + "/closures", request,
                id -> schedule.addClosure(new Closure(id, clinicId, request.date(),
                        request.name() == null ? null : request.name().strip())),
                id -> schedule.findClosure(clinicId, id),
                id -> uri.cloneBuilder().path("/api/clinics/{clinicId}/closures/{id}").build(clinicId, id));
    }

    @Operation(summary = "Reopen a clinic on a closed date", description = "The clinic's own front desk only.")
    @ApiResponse(responseCode = "204", description = "Reopened.")
    @ProblemResponses({403, 404})
    @DeleteMapping("/{clinicId}/closures/{closureId}")
    @PreAuthorize("hasRole('FRONT_DESK')")
    ResponseEntity<Void> reopen(@PathVariable String clinicId, @PathVariable String closureId, Caller caller) {
        requireDeskOf(caller, clinicId);
        schedule.removeClosure(clinicId, closureId);
        return ResponseEntity.noContent().build();
    }

    private String existing(String clinicId) {
        return catalog.clinic(clinicId).map(Clinic::id).orElseThrow(() -> new UnknownClinicException(clinicId));
    }

    static void requireDeskOf(Caller caller, String clinicId) {
        if (!caller.is(Role.FRONT_DESK) || !caller.worksAt(clinicId)) {
            throw new AccessDeniedException("front desk of another clinic");
        }
    }

    private static void requireId(String field, String id) {
        if (!id.matches(ID)) {
            throw new InvalidFieldException(field, "must be lower-case letters, digits and dashes (at most 100)");
        }
    }

    private static int orZero(Integer minutes) {
        return minutes == null ? 0 : minutes;
    }

    static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidFieldException(field, "must be given as a clinic-local date, e.g. 2026-03-02");
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException(field, "must be a date like 2026-03-02 (clinic-local)");
        }
    }

    private static void requireRange(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw new InvalidFieldException("to", "must not be before from");
        }
        if (ChronoUnit.DAYS.between(from, to) > LONGEST_RANGE_DAYS) {
            throw new InvalidFieldException("to", "must be at most " + LONGEST_RANGE_DAYS + " days after from");
        }
    }
}
