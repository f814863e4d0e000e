package com.clinicbackbone.patient.patient.web;

import com.clinicbackbone.patient.patient.PatientRegistry;
import com.clinicbackbone.patient.patient.PatientSearch;
import com.clinicbackbone.patient.patient.Registered;
import com.clinicbackbone.security.Caller;
import com.clinicbackbone.security.apidocs.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Patient records; who may do what is decided by {@link PatientRegistry} from the signed-in caller. */
@Tag(name = "Patients", description = "Patient records, contact details, consents, merges, erasure and the access log.")
@RestController
@RequestMapping("/api/patients")
class PatientController {

    private final PatientRegistry registry;

    PatientController(PatientRegistry registry) {
        this.registry = registry;
    }

    /** 201 with the new record, or 200 when an existing record of the same person was linked to the clinic. */
    @Operation(summary = "Register a patient at a clinic", description = """
            Email and phone (E.164) are checked; the same person (birth date, family name, and email or phone) \
            already known at another clinic is linked, not duplicated, and the answer shows only what this clinic \
            submitted.

            **Roles:** FRONT_DESK, at its own clinic.""")
    @ApiResponse(responseCode = "200", description = "Already known: linked to the clinic (`linkedExisting: true`).",
            content = @Content(schema = @Schema(implementation = PatientResponse.class)))
    @ApiResponse(responseCode = "201", description = "Registered; `Location` is the record.",
            content = @Content(schema = @Schema(implementation = PatientResponse.class)))
    @ProblemResponses({403, 409})
    @PostMapping
    ResponseEntity<PatientResponse> register(@RequestBody RegisterPatientRequest request, Caller caller,
                                             HttpServletRequest http) {
        Registered registered = registry.register(Actors.of(caller), request.toRegistration(), Actors.purpose(http));
        PatientResponse body = PatientResponse.of(registered.view(), registered.linkedExisting());
        return registered.linkedExisting() ? ResponseEntity.ok(body)
                : ResponseEntity.created(URI.create("/api/patients/" + registered.id())).body(body);
    }

    /**
     * A signed-in person without a record signs up for one (see {@link PatientRegistry#registerSelf}): 200 with the
     * record holding their verified email, now linked to the clinic, or 201 with a new record; 403 for anyone else.
     */
    @Operation(summary = "Sign up for a patient record", description = """
            For a signed-in patient without a record, with a verified email in the token: the one live record \
            holding that email is linked to the clinic and becomes theirs (200), else a new record is made (201). \
            Never chosen by name and birth date.

            **Roles:** PATIENT without a patient id and with a verified email.""")
    @ApiResponse(responseCode = "200", description = "The record holding the verified email, now linked to the clinic.",
            content = @Content(schema = @Schema(implementation = PatientResponse.class)))
    @ApiResponse(responseCode = "201", description = "A new record; `Location` is the record.",
            content = @Content(schema = @Schema(implementation = PatientResponse.class)))
    @ProblemResponses({403, 409})
    @PostMapping("/self")
    ResponseEntity<PatientResponse> registerSelf(@RequestBody SelfRegistrationRequest request, Caller caller,
                                                 @AuthenticationPrincipal Jwt token, HttpServletRequest http) {
        Registered registered = registry.registerSelf(Actors.of(caller), Actors.verifiedEmail(token),
                request.toSelfRegistration(), Actors.purpose(http));
        PatientResponse body = PatientResponse.of(registered.view(), registered.linkedExisting());
        return registered.linkedExisting() ? ResponseEntity.ok(body)
                : ResponseEntity.created(URI.create("/api/patients/" + registered.id())).body(body);
    }

    @Operation(summary = "Read a patient record", description = """
            Every read is added to the record's access log.

            **Roles:** FRONT_DESK (patients linked to its clinics), PRACTITIONER (patients on their own \
            appointments), PATIENT (their own); anyone else of these roles gets 404.""")
    @ProblemResponses({403, 404})
    @GetMapping("/{id}")
    PatientResponse get(@PathVariable String id, Caller caller, HttpServletRequest http) {
        return PatientResponse.of(registry.read(Actors.of(caller), id, Actors.purpose(http)));
    }

    /**
     * A front desk searches its clinics' patients, a practitioner the patients on their own appointments; at least
     * one criterion.
     */
    @Operation(summary = "Search patients", description = """
            By `name`, `phone`, `email` and/or `birthDate` (at least one). Each hit is added to its access log.

            **Roles:** FRONT_DESK (within its clinics), PRACTITIONER (the patients on their own appointments).""")
    @ProblemResponses(403)
    @GetMapping
    List<PatientResponse> search(@RequestParam(required = false) String name,
                                 @RequestParam(required = false) String phone,
                                 @RequestParam(required = false) String email,
                                 @RequestParam(required = false) String birthDate, Caller caller,
                                 HttpServletRequest http) {
        PatientSearch search = PatientSearch.of(name, phone, email, birthDate);
        return registry.search(Actors.of(caller), search, Actors.purpose(http)).stream().map(PatientResponse::of)
                .toList();
    }

    @Operation(summary = "Read a patient's contact details", description = """
            Email, phone, language, channels and consents. Added to the access log.

            **Roles:** FRONT_DESK, PRACTITIONER, PATIENT as for reading the record.""")
    @ProblemResponses({403, 404})
    @GetMapping("/{id}/contact")
    ContactResponse contact(@PathVariable String id, Caller caller, HttpServletRequest http) {
        return ContactResponse.of(registry.read(Actors.of(caller), id, Actors.purpose(http)));
    }

    @Operation(summary = "Change a patient's contact details", description = """
            Published on the contact directory for notification-service.

            **Roles:** FRONT_DESK (patients linked to its clinics), PATIENT (their own).""")
    @ProblemResponses({403, 404, 409})
    @PutMapping("/{id}/contact")
    PatientResponse changeContact(@PathVariable String id, @RequestBody ContactRequest request, Caller caller,
                                  HttpServletRequest http) {
        return PatientResponse.of(registry.changeContact(Actors.of(caller), id, request.toChange(),
                Actors.purpose(http)));
    }

    @Operation(summary = "Record a patient's consents", description = """
            Per channel: granted or withdrawn, and how (the time is recorded).

            **Roles:** FRONT_DESK (patients linked to its clinics), PATIENT (their own).""")
    @ProblemResponses({403, 404, 409})
    @PutMapping("/{id}/consents")
    PatientResponse recordConsents(@PathVariable String id, @RequestBody ConsentsRequest request, Caller caller,
                                   HttpServletRequest http) {
        return PatientResponse.of(registry.recordConsents(Actors.of(caller), id,
                ConsentRequest.toChanges(request.consents()), Actors.purpose(http)));
    }

    /** Retires {@code mergedPatientId} into the surviving record; answers the survivor. */
    @Operation(summary = "Merge two records of one person", description = """
            `mergedPatientId` is retired into the surviving record; both must be linked to the desk's clinics.

            **Roles:** FRONT_DESK.""")
    @ProblemResponses({403, 404, 409})
    @PostMapping("/{survivingId}/merge")
    PatientResponse merge(@PathVariable String survivingId, @RequestBody MergeRequest request, Caller caller,
                          HttpServletRequest http) {
        return PatientResponse.of(registry.merge(Actors.of(caller), survivingId, request.mergedPatientId(),
                Actors.purpose(http)));
    }

    /** Erases the personal data; afterwards the record answers 404 like an unknown one. */
    @Operation(summary = "Erase a patient", description = """
            The personal data leaves every service; only the id and the fact of erasure stay.

            **Roles:** FRONT_DESK (patients linked to its clinics), PATIENT (themself).""")
    @ApiResponse(responseCode = "204", description = "Erased.")
    @ProblemResponses({403, 404, 409})
    @DeleteMapping("/{id}")
    ResponseEntity<Void> erase(@PathVariable String id, Caller caller) {
        registry.erase(Actors.of(caller), id);
        return ResponseEntity.noContent().build();
    }

    /** Reads of the record, oldest first: for the auditor and the patient themself. Read-only: no API changes it. */
    @Operation(summary = "Read who read a patient record", description = """
            Oldest first: who, role, when, which endpoint. No API changes it.

            **Roles:** AUDITOR, PATIENT (their own).""")
    @ProblemResponses({403, 404})
    @GetMapping("/{id}/access-log")
    List<AccessEntryResponse> accessLog(@PathVariable String id, Caller caller) {
        return registry.accessLog(Actors.of(caller), id).stream().map(AccessEntryResponse::of).toList();
    }
}
