package com.clinicbackbone.patient.patient.web;

import com.clinicbackbone.patient.patient.PatientRegistry;
import com.clinicbackbone.patient.patient.PatientSearch;
import com.clinicbackbone.patient.patient.Registered;
import com.clinicbackbone.security.Caller;
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
@RestController
@RequestMapping("/api/patients")
class PatientController {

    private final PatientRegistry registry;

    PatientController(PatientRegistry registry) {
        this.registry = registry;
    }

    /** 201 with the new record, or 200 when an existing record of the same person was linked to the clinic. */
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
    @PostMapping("/self")
    ResponseEntity<PatientResponse> registerSelf(@RequestBody SelfRegistrationRequest request, Caller caller,
                                                 @AuthenticationPrincipal Jwt token, HttpServletRequest http) {
        Registered registered = registry.registerSelf(Actors.of(caller), Actors.verifiedEmail(token),
                request.toSelfRegistration(), Actors.purpose(http));
        PatientResponse body = PatientResponse.of(registered.view(), registered.linkedExisting());
        return registered.linkedExisting() ? ResponseEntity.ok(body)
                : ResponseEntity.created(URI.create("/api/patients/" + registered.id())).body(body);
    }

    @GetMapping("/{id}")
    PatientResponse get(@PathVariable String id, Caller caller, HttpServletRequest http) {
        return PatientResponse.of(registry.read(Actors.of(caller), id, Actors.purpose(http)));
    }

    /**
     * A front desk searches its clinics' patients, a practitioner the patients on their own appointments; at least
     * one criterion.
     */
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

    @GetMapping("/{id}/contact")
    ContactResponse contact(@PathVariable String id, Caller caller, HttpServletRequest http) {
        return ContactResponse.of(registry.read(Actors.of(caller), id, Actors.purpose(http)));
    }

    @PutMapping("/{id}/contact")
    PatientResponse changeContact(@PathVariable String id, @RequestBody ContactRequest request, Caller caller,
                                  HttpServletRequest http) {
        return PatientResponse.of(registry.changeContact(Actors.of(caller), id, request.toChange(),
                Actors.purpose(http)));
    }

    @PutMapping("/{id}/consents")
    PatientResponse recordConsents(@PathVariable String id, @RequestBody ConsentsRequest request, Caller caller,
                                   HttpServletRequest http) {
        return PatientResponse.of(registry.recordConsents(Actors.of(caller), id,
                ConsentRequest.toChanges(request.consents()), Actors.purpose(http)));
    }

    /** Retires {@code mergedPatientId} into the surviving record; answers the survivor. */
    @PostMapping("/{survivingId}/merge")
    PatientResponse merge(@PathVariable String survivingId, @RequestBody MergeRequest request, Caller caller,
                          HttpServletRequest http) {
        return PatientResponse.of(registry.merge(Actors.of(caller), survivingId, request.mergedPatientId(),
                Actors.purpose(http)));
    }

    /** Erases the personal data; afterwards the record answers 404 like an unknown one. */
    @DeleteMapping("/{id}")
    ResponseEntity<Void> erase(@PathVariable String id, Caller caller) {
        registry.erase(Actors.of(caller), id);
        return ResponseEntity.noContent().build();
    }

    /** Reads of the record, oldest first: for the auditor and the patient themself. Read-only: no API changes it. */
    @GetMapping("/{id}/access-log")
    List<AccessEntryResponse> accessLog(@PathVariable String id, Caller caller) {
        return registry.accessLog(Actors.of(caller), id).stream().map(AccessEntryResponse::of).toList();
    }
}
