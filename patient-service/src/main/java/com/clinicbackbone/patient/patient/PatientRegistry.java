package com.clinicbackbone.patient.patient;

import com.clinicbackbone.patient.patient.Actor.Role;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The patient use cases, each checked against who asks:
 * <ul>
 * <li>FRONT_DESK: patients linked to their clinics; registers only at their own clinics; may change contact
 * details and consents, merge and erase.</li>
 * <li>PRACTITIONER: reads and searches the patients on their own appointments, at every clinic: those with a pair
 * in {@link PractitionerPatients}, fed by the appointment events ({@link #recordAppointment}).</li>
 * <li>PATIENT: their own record, contact details, consents, erasure and access log; without a record yet, signing up
 * for one ({@link #registerSelf}).</li>
 * <li>AUDITOR: the access log of any patient. OPERATOR: nothing.</li>
 * </ul>
 * A role that may not do an action at all gets {@link NotPermittedException}; a record the caller may not see is
 * {@link PatientNotFoundException}, exactly as an unknown id, so its existence does not leak. Every answer that
 * carries a stored patient record is written to the {@link AccessLog} first.
 */
public class PatientRegistry {

    static final int SEARCH_LIMIT = 50;
    /** How many merges in a row {@link #recordAppointment} follows to the surviving record. */
    static final int MAX_MERGE_HOPS = 10;

    private final Patients patients;
    private final AccessLog accessLog;
    private final PractitionerPatients practitionerPatients;
    private final Set<String> clinicIds;
    private final Clock clock;

    public PatientRegistry(Patients patients, AccessLog accessLog, PractitionerPatients practitionerPatients,
                           Collection<String> clinicIds, Clock clock) {
        this.patients = patients;
        this.accessLog = accessLog;
        this.practitionerPatients = practitionerPatients;
        this.clinicIds = Set.copyOf(clinicIds);
        this.clock = clock;
    }

    /** Stores the demo patients unless they exist (by id); safe on every start of every instance. */
    public void seedDemoPatients() {
        for (Patient patient : DemoPatients.at(clinicIds, clock.instant())) {
            if (patients.find(patient.id()).isEmpty()) {
                patients.addIfAbsent(patient);
            }
        }
    }

    /**
     * Registers the patient at the clinic named in the registration, or links the existing record of the same
     * person to it (see {@link Patient#isSamePersonAs}) and answers only what the clinic submitted itself.
     *
     * @throws InvalidPatientException (storing nothing) when a rule is broken
     * @throws NotPermittedException   unless a front desk registers at their own clinic
     */
    public Registered register(Actor actor, Registration registration, String purpose) {
        requireRole(actor, "register patients", Role.FRONT_DESK);
        Instant now = clock.instant();
        Patient submitted = Patient.register(UUID.randomUUID().toString(), registration, clinicIds, now);
        String clinic = submitted.clinicId();
        if (!actor.clinicIds().contains(clinic)) {
            throw new NotPermittedException("a front desk registers patients only at their own clinic");
        }
        for (Patient existing : patients.findByIdentity(submitted.familyKey(), submitted.birthDate())) {
            if (existing.isSamePersonAs(submitted)) {
                if (existing.linkTo(clinic, now)) {
                    patients.update(existing);
                }
                logRead(actor, existing.id(), purpose);
                return new Registered(existing.id(), existing.viewForLinkedRegistration(submitted, clinic), true);
            }
        }
        patients.add(submitted);
        return new Registered(submitted.id(), submitted.viewFor(actor), false);
    }

    /**
     * A signed-in person without a record signs up at a clinic: the record holding their verified email (exactly that
     * address, and only when one active record holds it) is linked to the clinic and becomes theirs (200, the whole
     * record: they proved they receive that record's email); otherwise a new record with that email is made (201), and
     * a desk can merge it with an older one later. Names and birth date never pick a record here, so knowing someone's
     * name and birth date reaches nothing. The submitted values are checked in both cases.
     *
     * @param verifiedEmail the email of the sign-in, only if the issuer verified it; null otherwise
     * @throws NotPermittedException   unless the actor is a PATIENT without a patient id and with a verified email
     * @throws InvalidPatientException (storing nothing) when a value breaks a rule
     */
    public Registered registerSelf(Actor actor, String verifiedEmail, SelfRegistration registration, String purpose) {
        requireRole(actor, "sign up for a record", Role.PATIENT);
        if (PatientRules.blankToNull(actor.patientId()) != null) {
            throw new NotPermittedException("the sign-in has a patient record already");
        }
        if (PatientRules.blankToNull(verifiedEmail) == null) {
            throw new NotPermittedException("signing up for a record needs a verified email in the sign-in");
        }
        Instant now = clock.instant();
        Patient submitted = Patient.register(UUID.randomUUID().toString(), registration.withEmail(verifiedEmail),
                clinicIds, now);
        List<Patient> holders = patients.findByEmail(submitted.email(), 2);
        if (holders.size() == 1) {
            Patient existing = holders.get(0);
            if (existing.linkTo(submitted.clinicId(), now)) {
                patients.update(existing);
            }
            logRead(actor, existing.id(), purpose);
            return new Registered(existing.id(), existing.view(), true);
        }
        patients.add(submitted);
        return new Registered(submitted.id(), submitted.view(), false);
    }

    /** The record as the actor may see it. */
    public PatientView read(Actor actor, String id, String purpose) {
        requireRole(actor, "read patient records", Role.FRONT_DESK, Role.PRACTITIONER, Role.PATIENT);
        Patient patient = visible(actor, id);
        logRead(actor, id, purpose);
        return patient.viewFor(actor);
    }

    /** A front desk searches among the patients linked to their clinics, a practitioner among their patients. */
    public List<PatientView> search(Actor actor, PatientSearch search, String purpose) {
        requireRole(actor, "search patients", Role.FRONT_DESK, Role.PRACTITIONER);
        List<Patient> found = actor.is(Role.PRACTITIONER)
                ? patients.searchAmong(search, patientsOnAppointmentsOf(actor), SEARCH_LIMIT)
                : patients.search(search, actor.clinicIds(), SEARCH_LIMIT);
        found.forEach(patient -> logRead(actor, patient.id(), purpose));
        return found.stream().map(patient -> patient.viewFor(actor)).toList();
    }

    public PatientView changeContact(Actor actor, String id, ContactChange change, String purpose) {
        requireRole(actor, "change contact details", Role.FRONT_DESK, Role.PATIENT);
        Patient patient = visible(actor, id);
        patient.changeContact(change, clock.instant());
        if (!patient.events().isEmpty()) {
            patients.update(patient);
        }
        logRead(actor, id, purpose);
        return patient.viewFor(actor);
    }

    public PatientView recordConsents(Actor actor, String id, List<ConsentChange> consents, String purpose) {
        requireRole(actor, "record consents", Role.FRONT_DESK, Role.PATIENT);
        Patient patient = visible(actor, id);
        patient.recordConsents(consents, clock.instant());
        patients.update(patient);
        logRead(actor, id, purpose);
        return patient.viewFor(actor);
    }

    /**
     * Merges two records of one person, both linked to one of the front desk's clinics: the survivor takes over the
     * clinic links and the practitioners of the other, which is retired into it. The survivor is written first, so a
     * failure in between leaves no link lost and the merge can simply be repeated. The practitioners' pairs move
     * last, once the retired record says where it went (see {@link #recordAppointment}); should that step fail, the
     * practitioners of the retired record get 404 for the survivor (nothing leaks) until an appointment event of
     * theirs about the retired id arrives and moves them.
     */
    public PatientView merge(Actor actor, String survivingId, String mergedId, String purpose) {
        requireRole(actor, "merge patients", Role.FRONT_DESK);
        if (PatientRules.blankToNull(mergedId) == null) {
            throw new InvalidPatientException(List.of(new Violation("mergedPatientId", "is required")));
        }
        Patient survivor = visible(actor, survivingId);
        Patient merged = visible(actor, mergedId);
        Instant now = clock.instant();
        survivor.absorb(merged, now);
        merged.retireInto(survivor, now);
        patients.update(survivor);
        patients.update(merged);
        practitionerPatients.move(mergedId, survivingId);
        logRead(actor, survivingId, purpose);
        return survivor.viewFor(actor);
    }

    /**
     * Removes the personal data of a patient (a front desk of a linked clinic, or the patient themself). The
     * practitioners' pairs stay: they hold ids only, and the erased record answers 404 to everyone.
     */
    public void erase(Actor actor, String id) {
        requireRole(actor, "erase patients", Role.FRONT_DESK, Role.PATIENT);
        Patient patient = visible(actor, id);
        patient.erase(clock.instant());
        patients.update(patient);
    }

    /** The reads of one patient's record: for the auditor (any patient) and the patient themself. */
    public List<AccessEntry> accessLog(Actor actor, String patientId) {
        requireRole(actor, "read the access log", Role.AUDITOR, Role.PATIENT);
        if (actor.is(Role.PATIENT) && !actor.isPatient(patientId)) {
            throw new PatientNotFoundException(patientId);
        }
        return accessLog.entriesFor(patientId);
    }

    /**
     * Records that the practitioner has an appointment with the patient, whatever became of it (booked, cancelled,
     * rescheduled, confirmed, checked in, completed, no-show): from then on the practitioner may read the record.
     * Idempotent. An appointment of a record merged since counts for the surviving record; a merge that retires the
     * record while this runs may have moved the pairs just before this one was added, so it is checked again.
     */
    public void recordAppointment(String practitionerId, String patientId) {
        String current = survivorOf(patientId);
        practitionerPatients.add(practitionerId, current);
        String survivor = survivorOf(current);
        if (!survivor.equals(current)) {
            practitionerPatients.move(current, survivor);
        }
    }

    /**
     * The patient replied STOP (opted out) or START to an SMS at {@code at} (notification-service's
     * {@code SmsOptOutChanged}): withdraws or grants again the SMS consent, method {@link Patient#SMS_REPLY}, which
     * publishes the contact record like any consent change. Idempotent and order-safe (see
     * {@link Patient#recordSmsReply}); a merged id counts for the survivor; unknown or erased ids are ignored.
     *
     * @return whether the consent changed
     */
    public boolean recordSmsReply(String patientId, boolean optedOut, Instant at) {
        Patient patient = holderOf(patientId).orElse(null);
        if (patient == null || !patient.isActive() || !patient.recordSmsReply(optedOut, at, clock.instant())) {
            return false;
        }
        patients.update(patient);
        return true;
    }

    /** The record that holds the patient now: the id itself unless it was merged (unknown ids are kept as given). */
    private String survivorOf(String patientId) {
        String id = patientId;
        for (int hop = 0; hop < MAX_MERGE_HOPS; hop++) {
            Patient patient = patients.find(id).orElse(null);
            if (patient == null || patient.status() != PatientStatus.MERGED || patient.mergedInto() == null) {
                return id;
            }
            id = patient.mergedInto();
        }
        return id;
    }

    /**
     * The record that holds the patient now, read once: the record itself unless it was merged, then the one it was
     * merged into (at most {@link #MAX_MERGE_HOPS} hops); empty for an unknown id.
     */
    private Optional<Patient> holderOf(String patientId) {
        Optional<Patient> holder = patients.find(patientId);
        for (int hop = 0; hop < MAX_MERGE_HOPS && holder.isPresent(); hop++) {
            Patient patient = holder.get();
            if (patient.status() != PatientStatus.MERGED || patient.mergedInto() == null) {
                return holder;
            }
            Optional<Patient> next = patients.find(patient.mergedInto());
            if (next.isEmpty()) {
                return holder;
            }
            holder = next;
        }
        return holder;
    }

    /**
     * The active record, if the actor may see it: a front desk of a linked clinic, the patient themself, or a
     * practitioner with the patient on one of their appointments. Otherwise not found, like an unknown id.
     */
    private Patient visible(Actor actor, String id) {
        return patients.find(id).filter(patient -> patient.isVisibleTo(actor) || isOnAppointmentsOf(actor, patient))
                .orElseThrow(() -> new PatientNotFoundException(id));
    }

    private Set<String> patientsOnAppointmentsOf(Actor actor) {
        return actor.isNamedPractitioner() ? practitionerPatients.patientsOf(actor.practitionerId()) : Set.of();
    }

    private boolean isOnAppointmentsOf(Actor actor, Patient patient) {
        return patient.isActive() && actor.isNamedPractitioner()
                && practitionerPatients.contains(actor.practitionerId(), patient.id());
    }

    private void logRead(Actor actor, String patientId, String purpose) {
        accessLog.append(new AccessEntry(patientId, actor.subject(), actor.role().name(),
                clock.instant().truncatedTo(ChronoUnit.MILLIS), purpose));
    }

    private static void requireRole(Actor actor, String action, Role... allowed) {
        if (Arrays.stream(allowed).noneMatch(actor::is)) {
            throw new NotPermittedException("the role " + actor.role() + " may not " + action);
        }
    }
}
