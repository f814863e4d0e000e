package com.clinicbackbone.patient.patient;

import com.clinicbackbone.events.PatientContactRecord;
import com.clinicbackbone.events.PatientRegistered;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A patient: one identity shared by the clinics it is linked to, with contact details and the channels the
 * patient wants messages on. Guards its rules when created and registers the events of each change.
 */
public final class Patient {

    static final int MAX_NAME_LENGTH = 100;
    static final int MAX_EMAIL_LENGTH = 254;
    /** A mobile number in E.164 format. */
    static final Pattern PHONE = Pattern.compile("^\\+[1-9]\\d{7,14}$");
    private static final Pattern EMAIL = Pattern.compile(
            "^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$");

    private final String id;
    private final String givenName;
    private final String familyName;
    private final LocalDate birthDate;
    private final String email;
    private final String phone;
    private final Language language;
    private final List<Channel> channels;
    private final String clinicId;
    private final List<String> clinicIds;
    private final long revision;
    private final Instant registeredAt;
    private final List<Record> events = new ArrayList<>();

    private Patient(String id, String givenName, String familyName, LocalDate birthDate, String email, String phone,
                    Language language, Collection<Channel> channels, String clinicId, List<String> clinicIds,
                    long revision, Instant registeredAt) {
        this.id = id;
        this.givenName = givenName;
        this.familyName = familyName;
        this.birthDate = birthDate;
        this.email = email;
        this.phone = phone;
        this.language = language;
        this.channels = channels.stream().distinct().sorted().toList();
        this.clinicId = clinicId;
        this.clinicIds = List.copyOf(clinicIds);
        this.revision = revision;
        this.registeredAt = registeredAt;
    }

    /**
     * Registers a new patient at one of the known clinics, at revision 1, and registers
     * {@link PatientRegistered} and {@link PatientContactRecord}. The email is normalised to lower case.
     *
     * @throws InvalidPatientException naming every field that breaks a rule
     */
    public static Patient register(String id, Registration registration, Set<String> knownClinicIds, Instant now) {
        List<Violation> violations = new ArrayList<>();
        String givenName = name("givenName", registration.givenName(), violations);
        String familyName = name("familyName", registration.familyName(), violations);
        LocalDate birthDate = registration.birthDate();
        if (birthDate == null) {
            violations.add(new Violation("birthDate", "is required"));
        } else if (!birthDate.isBefore(LocalDate.ofInstant(now, ZoneOffset.UTC))) {
            violations.add(new Violation("birthDate", "must be in the past"));
        }
        String email = blankToNull(registration.email());
        if (email != null) {
            email = email.toLowerCase(Locale.ROOT);
            if (email.length() > MAX_EMAIL_LENGTH || !EMAIL.matcher(email).matches()) {
                violations.add(new Violation("email", "must be a valid email address"));
            }
        }
        String phone = blankToNull(registration.phone());
        if (phone != null && !PHONE.matcher(phone).matches()) {
            violations.add(new Violation("phone", "must be a mobile number in E.164 format, for example +14035550123"));
        }
        Language language = Language.ofCode(registration.language()).orElse(null);
        if (language == null) {
            violations.add(new Violation("language", "must be en or fr"));
        }
        Set<Channel> channels = channels(registration.channels(), violations);
        if (channels.contains(Channel.EMAIL) && email == null) {
            violations.add(new Violation("email", "is required when EMAIL is chosen"));
        }
        if (channels.contains(Channel.SMS) && phone == null) {
            violations.add(new Violation("phone", "is required when SMS is chosen"));
        }
        String clinicId = registration.clinicId();
        if (clinicId == null || !knownClinicIds.contains(clinicId)) {
            violations.add(new Violation("clinicId", "must be one of " + String.join(", ", new TreeSet<>(knownClinicIds))));
        }
        if (!violations.isEmpty()) {
            throw new InvalidPatientException(violations);
        }

        Patient patient = new Patient(id, givenName, familyName, birthDate, email, phone, language, channels, clinicId,
                List.of(clinicId), 1, now.truncatedTo(ChronoUnit.MILLIS));
        patient.events.add(new PatientRegistered(id, clinicId));
        patient.events.add(patient.contactRecord());
        return patient;
    }

    /** A stored patient, as it was saved; registers no events. */
    public static Patient restore(String id, String givenName, String familyName, LocalDate birthDate, String email,
                                  String phone, Language language, Collection<Channel> channels, String clinicId,
                                  List<String> clinicIds, long revision, Instant registeredAt) {
        return new Patient(id, givenName, familyName, birthDate, email, phone, language, channels, clinicId, clinicIds,
                revision, registeredAt);
    }

    private static String name(String field, String value, List<Violation> violations) {
        String name = blankToNull(value);
        if (name == null) {
            violations.add(new Violation(field, "must not be blank"));
        } else if (name.length() > MAX_NAME_LENGTH) {
            violations.add(new Violation(field, "must be at most " + MAX_NAME_LENGTH + " characters"));
        }
        return name;
    }

    private static Set<Channel> channels(List<String> values, List<Violation> violations) {
        Set<Channel> channels = EnumSet.noneOf(Channel.class);
        if (values == null || values.isEmpty()) {
            violations.add(new Violation("channels", "must name at least one of EMAIL, SMS"));
            return channels;
        }
        for (String value : values) {
            try {
                channels.add(Channel.valueOf(String.valueOf(value)));
            } catch (IllegalArgumentException e) {
                violations.add(new Violation("channels", "must contain only EMAIL or SMS"));
                return channels;
            }
        }
        return channels;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** The contact-directory record of this patient: the only event that carries contact details. */
    PatientContactRecord contactRecord() {
        return new PatientContactRecord(id, givenName, email, phone, language.code(),
                channels.stream().map(Channel::name).toList());
    }

    /** The events registered since this object was created, oldest first, to be published with the change. */
    public List<Record> events() {
        return List.copyOf(events);
    }

    public String id() {
        return id;
    }

    public String givenName() {
        return givenName;
    }

    public String familyName() {
        return familyName;
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
}
