package com.clinicbackbone.booking.waitlist.web;

import com.clinicbackbone.booking.appointment.Party;
import com.clinicbackbone.booking.waitlist.WaitlistEntry;
import com.clinicbackbone.booking.waitlist.WaitlistEntryNotFoundException;
import com.clinicbackbone.booking.waitlist.WaitlistService;
import com.clinicbackbone.booking.waitlist.WaitlistStateException;
import com.clinicbackbone.booking.web.IdempotentCreation;
import com.clinicbackbone.security.Caller;
import com.clinicbackbone.security.Role;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/** The waitlist, as {@link WaitlistAccess} allows the caller; PRACTITIONER, OPERATOR and AUDITOR: 403. */
@RestController
@RequestMapping("/api/waitlist")
class WaitlistController {

    private final WaitlistService waitlist;
    private final IdempotentCreation creation;

    WaitlistController(WaitlistService waitlist, IdempotentCreation creation) {
        this.waitlist = waitlist;
        this.creation = creation;
    }

    /**
     * Puts the patient on the waitlist (201, {@code status: WAITING}); with an {@code Idempotency-Key} a retry adds
     * nothing more and gets the first answer again (the key with a different request is 422).
     */
    @PostMapping
    @PreAuthorize("hasAnyRole('FRONT_DESK', 'PATIENT')")
    ResponseEntity<?> add(@Valid @RequestBody AddToWaitlistRequest request,
                          @RequestHeader(name = IdempotentCreation.IDEMPOTENCY_KEY, required = false)
                          String idempotencyKey,
                          Caller caller, UriComponentsBuilder uri) {
        WaitlistAccess.requireMayAdd(caller, request.clinicId(), request.patientId());
        Party by = caller.is(Role.PATIENT) ? Party.PATIENT : Party.CLINIC;
        return creation.create(caller.subject(), idempotencyKey, "POST /api/waitlist", request,
                id -> WaitlistEntryResponse.of(waitlist.add(id, request.toCommand(by))),
                id -> waitlist.find(id).map(WaitlistEntryResponse::of),
                id -> uri.cloneBuilder().path("/api/waitlist/{id}").build(id));
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAnyRole('FRONT_DESK', 'PATIENT')")
    WaitlistEntryResponse get(@PathVariable String id, Caller caller) {
        return WaitlistEntryResponse.of(visible(id, caller));
    }

    /** The entries still waiting (or with an offer open) for the service at the clinic, in order of entry. */
    @GetMapping(params = {"clinicId", "serviceId"})
    @PreAuthorize("hasRole('FRONT_DESK')")
    List<WaitlistEntryResponse> list(@RequestParam String clinicId, @RequestParam String serviceId, Caller caller) {
        WaitlistAccess.requireMayList(caller, clinicId);
        return waitlist.waiting(clinicId, serviceId).stream().map(WaitlistEntryResponse::of).toList();
    }

    /** Withdraws the entry (an open offer's time goes to the next entry); 409 once booked. */
    @DeleteMapping("/{id}")
    @PreAuthorize("hasAnyRole('FRONT_DESK', 'PATIENT')")
    WaitlistEntryResponse withdraw(@PathVariable String id, Caller caller) {
        visible(id, caller);
        return WaitlistEntryResponse.of(waitlist.withdraw(id));
    }

    /**
     * Takes the entry's open offer (the patient on their page, or the desk on the phone with them): books the held
     * time through the booking rules → 200 with the entry BOOKED and its {@code appointmentId}; 409 when the offer is
     * not open (expired, answered, another offer) or the rules refuse it now (then it goes to the next entry).
     */
    @PostMapping("/{id}/accept")
    @PreAuthorize("hasAnyRole('FRONT_DESK', 'PATIENT')")
    WaitlistEntryResponse accept(@PathVariable String id, @Valid @RequestBody OfferAnswer answer, Caller caller) {
        return answer(visible(id, caller), answer.offerId(), true);
    }

    /** Passes on the entry's open offer (its time goes to the next entry; the entry waits on) → 200; 409 if not open. */
    @PostMapping("/{id}/decline")
    @PreAuthorize("hasAnyRole('FRONT_DESK', 'PATIENT')")
    WaitlistEntryResponse decline(@PathVariable String id, @Valid @RequestBody OfferAnswer answer, Caller caller) {
        return answer(visible(id, caller), answer.offerId(), false);
    }

    /** Which offer the answer is to (an answer to an older one must not take a newer one). */
    record OfferAnswer(@jakarta.validation.constraints.NotBlank String offerId) {
    }

    private WaitlistEntryResponse answer(WaitlistEntry entry, String offerId, boolean yes) {
        WaitlistService.AnswerOutcome outcome = waitlist.answer(entry.id(), offerId, entry.patientId(), yes);
        return switch (outcome) {
            case BOOKED, RELEASED -> WaitlistEntryResponse.of(waitlist.get(entry.id()));
            case NOT_BOOKABLE -> throw new WaitlistStateException("The offered time can no longer be booked for this"
                    + " patient; it goes to the next entry");
            case IGNORED -> throw new WaitlistStateException("Offer " + offerId + " of waitlist entry " + entry.id()
                    + " is not open");
        };
    }

    private WaitlistEntry visible(String id, Caller caller) {
        WaitlistEntry entry = waitlist.get(id);
        if (!WaitlistAccess.maySee(caller, entry)) {
            throw new WaitlistEntryNotFoundException(id);
        }
        return entry;
    }
}
