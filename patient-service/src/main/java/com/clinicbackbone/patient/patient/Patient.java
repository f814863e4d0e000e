package com.clinicbackbone.patient.patient;

import com.clinicbackbone.events.PatientContactRecord;
import com.clinicbackbone.events.PatientErased;
import com.clinicbackbone.events.PatientLinkedToClinic;
import com.clinicbackbone.events.PatientRegistered;
import com.clinicbackbone.events.PatientsMerged;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A patient: one identity shared by the clinics it is linked to, with contact details, the channels the patient
 * wants messages on and their consents. Guards its rules, raises the revision with every change and registers the
 * events of each change.
 */
public final class Patient {

    private final String id;
    /** The revision as loaded; a write succeeds only if the stored record is still at it. 0 for a new patient. */
    private final long storedRevision;
    /** The email as loaded (null for a new patient): the store files the patient under its email by it. */
    private String storedEmail;
    private PatientStatus status;
    private String givenName;
    private String familyName;
    private LocalDate birthDate;
    private String email;
    private String phone;
    private Language language;
    private List<Channel> channels;
    static final String CHOSEN_AT_REGISTRATION = "preferred channel chosen at registration";
    /** The consent method of an SMS opt-out or opt-in the patient sent by replying STOP or START. */
    public static final String SMS_REPLY = "SMS_REPLY";

    private final Map<Channel, Consent> consents = new EnumMap<>(Channel.class);
    private String clinicId;
    private List<String> clinicIds;
    private long revision;
    private Instant registeredAt;
    private Instant updatedAt;
    private String mergedInto;
    private Instant erasedAt;
    private final List<Record> events = new ArrayList<>();

    private Patient(String id, long storedRevision) {
        this.id = id;
        this.storedRevision = storedRevision;
    }

    /**
     * Registers a new patient at one of the known clinics, at revision 1, and registers
     * {@link PatientRegistered} and {@link PatientContactRecord}. Names are NFC-normalised, the email lower case.
     *
     * @throws InvalidPatientException naming every field that breaks a rule
     */
    public static Patient register(String id, Registration registration, Set<String> knownClinicIds, Instant now) {
        List<Violation> violations = PatientRules.none();
        String givenName = PatientRules.name("givenName", registration.givenName(), violations);
        String familyName = PatientRules.name("familyName", registration.familyName(), violations);
        LocalDate birthDate = registration.birthDate();
        if (birthDate == null) {
            violations.add(new Violation("birthDate", "is required"));
        } else if (!birthDate.isBefore(LocalDate.ofInstant(now, ZoneOffset.UTC))) {
            violations.add(new Violation("birthDate", "must be in the past"));
        }
        String email = PatientRules.email(registration.email(), violations);
        String phone = PatientRules.phone(registration.phone(), violations);
        Language language = PatientRules.language(registration.language(), violations);
        Set<Channel> channels = PatientRules.channels(registration.channels(), violations);
        PatientRules.addressesOfChannels(channels, email, phone, violations);
        String clinicId = registration.clinicId();
        if (clinicId == null || !knownClinicIds.contains(clinicId)) {
            violations.add(new Violation("clinicId",
                    "must be one of " + String.join(", ", new TreeSet<>(knownClinicIds))));
        }
        Map<Channel, ConsentChange> consents = registration.consents() == null ? consentToChosen(channels)
                : PatientRules.consents(registration.consents(), violations);
        PatientRules.throwIfAny(violations);

        Instant at = now.truncatedTo(ChronoUnit.MILLIS);
        Patient patient = new Patient(id, 0);
        patient.status = PatientStatus.ACTIVE;
        patient.givenName = givenName;
        patient.familyName = familyName;
        patient.birthDate = birthDate;
        patient.email = email;
        patient.phone = phone;
        patient.language = language;
        patient.channels = sorted(channels);
        consents.forEach((channel, change) -> patient.consents.put(channel,
                new Consent(channel, change.granted(), change.method(), at)));
        patient.clinicId = clinicId;
        patient.clinicIds = List.of(clinicId);
        patient.revision = 1;
        patient.registeredAt = at;
        patient.updatedAt = at;
        patient.events.add(new PatientRegistered(id, clinicId));
        patient.events.add(patient.contactRecord());
        return patient;
    }

    /** A stored patient, as it was saved; registers no events. Fields a retired record lost are null or empty. */
    public static Patient restore(String id, PatientStatus status, String givenName, String familyName,
                                  LocalDate birthDate, String email, String phone, Language language,
                                  Collection<Channel> channels, Collection<Consent> consents, String clinicId,
                                  List<String> clinicIds, long revision, Instant registeredAt, Instant updatedAt,
                                  String mergedInto, Instant erasedAt) {
        Patient patient = new Patient(id, revision);
        patient.status = status;
        patient.givenName = givenName;
        patient.familyName = familyName;
        patient.birthDate = birthDate;
        patient.email = email;
        patient.phone = phone;
        patient.language = language;
        patient.channels = sorted(channels == null ? List.of() : channels);
        if (consents != null) {
            consents.forEach(consent -> patient.consents.put(consent.channel(), consent));
        }
        patient.clinicId = clinicId;
        patient.clinicIds = clinicIds == null ? List.of() : List.copyOf(clinicIds);
        patient.revision = revision;
        patient.registeredAt = registeredAt;
        patient.updatedAt = updatedAt;
        patient.mergedInto = mergedInto;
        patient.erasedAt = erasedAt;
        patient.storedEmail = email;
        return patient;
    }

    /**
     * Whether {@code other} is the same person: same birth date and family name (compared without case and accents)
     * and the same email or the same phone. Only active records match.
     */
    public boolean isSamePersonAs(Patient other) {
        return isActive() && other.isActive() && Objects.equals(birthDate, other.birthDate)
                && Objects.equals(familyKey(), other.familyKey())
                && (email != null && email.equals(other.email) || phone != null && phone.equals(other.phone));
    }

    /**
     * Links this identity to one more clinic, registering {@link PatientLinkedToClinic}; does nothing and returns
     * false when it is linked already.
     */
    boolean linkTo(String clinic, Instant now) {
        requireActive();
        if (clinicIds.contains(clinic)) {
            return false;
        }
        List<String> linked = new ArrayList<>(clinicIds);
        linked.add(clinic);
        clinicIds = List.copyOf(linked);
        changed(now);
        events.add(new PatientLinkedToClinic(id, clinic));
        return true;
    }

    /**
     * Replaces email, phone, language and channels and registers the new contact record; an identical change
     * changes nothing.
     *
     * @throws InvalidPatientException naming every field that breaks a rule
     */
    void changeContact(ContactChange change, Instant now) {
        requireActive();
        List<Violation> violations = PatientRules.none();
        String newEmail = PatientRules.email(change.email(), violations);
        String newPhone = PatientRules.phone(change.phone(), violations);
        Language newLanguage = PatientRules.language(change.language(), violations);
        Set<Channel> newChannels = PatientRules.channels(change.channels(), violations);
        PatientRules.addressesOfChannels(newChannels, newEmail, newPhone, violations);
        PatientRules.throwIfAny(violations);
        List<Channel> sortedChannels = sorted(newChannels);
        if (Objects.equals(email, newEmail) && Objects.equals(phone, newPhone) && language == newLanguage
                && channels.equals(sortedChannels)) {
            return;
        }
        email = newEmail;
        phone = newPhone;
        language = newLanguage;
        channels = sortedChannels;
        changed(now);
        events.add(contactRecord());
    }

    /**
     * Records the patient's answers for the listed channels (others keep theirs), each stamped with {@code now},
     * and registers the new contact record.
     *
     * @throws InvalidPatientException naming every field that breaks a rule
     */
    void recordConsents(List<ConsentChange> changes, Instant now) {
        requireActive();
        List<Violation> violations = PatientRules.none();
        if (changes == null || changes.isEmpty()) {
            violations.add(new Violation("consents", "must name at least one of EMAIL, SMS"));
            PatientRules.throwIfAny(violations);
        }
        Map<Channel, ConsentChange> answers = PatientRules.consents(changes, violations);
        PatientRules.throwIfAny(violations);
        Instant at = now.truncatedTo(ChronoUnit.MILLIS);
        answers.forEach((channel, answer) -> consents.put(channel,
                new Consent(channel, answer.granted(), answer.method(), at)));
        changed(now);
        events.add(contactRecord());
    }

    /**
     * The patient replied STOP (withdrawn) or START (granted again) to an SMS, at {@code at}: recorded as the SMS
     * consent with method {@link #SMS_REPLY}, registering the new contact record. Nothing changes (false) when the
     * SMS consent on record is as recent or more recent (a redelivered or older reply, or a later answer given to
     * the clinic), or already says the same.
     */
    boolean recordSmsReply(boolean optedOut, Instant at, Instant now) {
        requireActive();
        Instant when = at.truncatedTo(ChronoUnit.MILLIS);
        Consent current = consents.get(Channel.SMS);
        if (current != null && (current.recordedAt() != null && !current.recordedAt().isBefore(when)
                || current.granted() == !optedOut)) {
            return false;
        }
        consents.put(Channel.SMS, new Consent(Channel.SMS, !optedOut, SMS_REPLY, when));
        changed(now);
        events.add(contactRecord());
        return true;
    }

    /**
     * Takes over the clinic links of {@code merged}, which is the same person, and registers this record's new
     * contact record. The caller then retires {@code merged} with {@link #retireInto}.
     */
    void absorb(Patient merged, Instant now) {
        requireActive();
        merged.requireActive();
        if (merged.id.equals(id)) {
            throw new InvalidPatientException(List.of(new Violation("mergedPatientId",
                    "must name another patient than the surviving one")));
        }
        List<String> linked = new ArrayList<>(clinicIds);
        merged.clinicIds.stream().filter(clinic -> !linked.contains(clinic)).forEach(linked::add);
        clinicIds = List.copyOf(linked);
        changed(now);
        events.add(contactRecord());
    }

    /**
     * Retires this record into {@code survivor}: personal data removed, status {@link PatientStatus#MERGED}, and
     * registers {@link PatientsMerged} and the tombstone of its contact record.
     */
    void retireInto(Patient survivor, Instant now) {
        requireActive();
        removePersonalData();
        status = PatientStatus.MERGED;
        mergedInto = survivor.id;
        changed(now);
        events.add(new PatientsMerged(id, survivor.id, survivor.clinicIds));
        events.add(new ContactTombstone(id));
    }

    /**
     * Erases the personal data: only the id, the status {@link PatientStatus#ERASED}, the revision and the time
     * remain. Registers {@link PatientErased} and the tombstone of its contact record.
     */
    void erase(Instant now) {
        requireActive();
        removePersonalData();
        status = PatientStatus.ERASED;
        changed(now);
        erasedAt = updatedAt;
        events.add(new PatientErased(id));
        events.add(new ContactTombstone(id));
    }

    private void removePersonalData() {
        givenName = null;
        familyName = null;
        birthDate = null;
        email = null;
        phone = null;
        language = null;
        channels = List.of();
        consents.clear();
        clinicId = null;
        clinicIds = List.of();
        registeredAt = null;
    }

    private void changed(Instant now) {
        revision++;
        updatedAt = now.truncatedTo(ChronoUnit.MILLIS);
    }

    private void requireActive() {
        if (!isActive()) {
            throw new PatientNotFoundException(id);
        }
    }

    /**
     * Whether the record itself lets the actor see it: a front desk of a linked clinic, or the patient themself.
     * A practitioner sees a record through their appointments instead, which this record does not know (see
     * {@link PatientRegistry}).
     */
    boolean isVisibleTo(Actor actor) {
        return isActive() && (actor.isFrontDeskAtAnyOf(clinicIds) || actor.isPatient(id));
    }

    /** The record as the actor may see it: staff see only the links to their own clinics. */
    PatientView viewFor(Actor actor) {
        if (actor.isPatient(id)) {
            return view(clinicId, clinicIds);
        }
        List<String> visibleClinics = clinicIds.stream().filter(actor.clinicIds()::contains).toList();
        return view(actor.clinicIds().contains(clinicId) ? clinicId : null, visibleClinics);
    }

    /**
     * What a clinic that just registered {@code submitted} and was linked to this record may see: only the values it
     * submitted itself and that match, and only its own clinic; nothing that came from other clinics.
     */
    PatientView viewForLinkedRegistration(Patient submitted, String clinic) {
        return new PatientView(id, same(givenName, submitted.givenName), familyName, birthDate,
                same(email, submitted.email), same(phone, submitted.phone), same(language, submitted.language),
                same(channels, submitted.channels), null, null, List.of(clinic), revision, null);
    }

    private static <T> T same(T stored, T submitted) {
        return Objects.equals(stored, submitted) ? stored : null;
    }

    PatientView view() {
        return view(clinicId, clinicIds);
    }

    private PatientView view(String registeringClinic, List<String> linkedClinics) {
        return new PatientView(id, givenName, familyName, birthDate, email, phone, language, channels, consents(),
                registeringClinic, linkedClinics, revision, registeredAt);
    }

    /** The contact-directory record of this patient: the only event that carries contact details. */
    PatientContactRecord contactRecord() {
        return new PatientContactRecord(id, givenName, email, phone, language.code(),
                channels.stream().map(Channel::name).toList(),
                consents.values().stream().filter(Consent::granted).map(consent -> consent.channel().name()).toList());
    }

    private static List<Channel> sorted(Collection<Channel> channels) {
        return channels.stream().distinct().sorted().toList();
    }

    /** The events registered since this object was created, oldest first, to be published with the change. */
    public List<Record> events() {
        return List.copyOf(events);
    }

    public String id() {
        return id;
    }

    /** The revision the store held when this object was loaded (0 for a new patient). */
    public long storedRevision() {
        return storedRevision;
    }

    /** The email the stored record had when it was loaded; null for a new patient. */
    public String storedEmail() {
        return storedEmail;
    }

    public PatientStatus status() {
        return status;
    }

    public boolean isActive() {
        return status == PatientStatus.ACTIVE;
    }

    public String givenName() {
        return givenName;
    }

    public String familyName() {
        return familyName;
    }

    /** The family name reduced for matching (see {@link IdentityKey}); null once personal data is removed. */
    public String familyKey() {
        return IdentityKey.of(familyName);
    }

    /** Given and family name reduced for searching; null once personal data is removed. */
    public String nameKey() {
        return givenName == null ? null : IdentityKey.of(givenName + " " + familyName);
    }

    public LocalDate birthDate() {
        return birthDate;
    }

    /** In lower case; null when the patient gave none. */
    public String email() {
        return email;
    }

    /** E.164; null when the patient gave none. */
    public String phone() {
        return phone;
    }

    public Language language() {
        return language;
    }

    /** The chosen channels, in {@link Channel} order. */
    public List<Channel> channels() {
        return channels;
    }

    /** The recorded answers, in {@link Channel} order. */
    /** Without explicit answers, choosing a channel at registration is the consent to be contacted on it. */
    private static Map<Channel, ConsentChange> consentToChosen(Set<Channel> channels) {
        Map<Channel, ConsentChange> consents = new EnumMap<>(Channel.class);
        if (channels != null) {
            channels.forEach(channel -> consents.put(channel,
                    new ConsentChange(channel.name(), true, CHOSEN_AT_REGISTRATION)));
        }
        return consents;
    }

    public List<Consent> consents() {
        return List.copyOf(consents.values());
    }

    /** The clinic that registered the patient. */
    public String clinicId() {
        return clinicId;
    }

    /** The clinics the patient is linked to. */
    public List<String> clinicIds() {
        return clinicIds;
    }

    /** Grows with every change; 1 after registration. */
    public long revision() {
        return revision;
    }

    public Instant registeredAt() {
        return registeredAt;
    }

    /** When the last change happened (the time of the events it registered). */
    public Instant updatedAt() {
        return updatedAt;
    }

    /** The surviving record, once merged. */
    public String mergedInto() {
        return mergedInto;
    }

    public Instant erasedAt() {
        return erasedAt;
    }
}
