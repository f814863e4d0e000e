package com.clinicbackbone.booking.clinic;

import com.clinicbackbone.booking.clinic.ClinicService.Prerequisite;
import java.time.Duration;
import java.util.List;

/** The clinics of the demo and of every test; seeded at startup. */
public final class DemoCatalog {

    static final String ZONE = "America/Edmonton";
    public static final String ULTRASOUND = "ULTRASOUND";
    /** DOMAIN.md's aftercare after a prolotherapy session. */
    public static final String PROLOTHERAPY_AFTERCARE = "After your treatment: soreness, swelling or bruising for a few"
            + " days up to a week is normal. Avoid strenuous activity, use ice and over-the-counter pain relief as"
            + " needed; normal activities usually resume the next day.";

    public static final List<Clinic> CLINICS = List.of(
            new Clinic("running-shoe", "Running Shoe Restorative Healthcare", ZONE),
            new Clinic("calgary-concussion", "Calgary Concussion Centre", ZONE),
            new Clinic("integrative-pain", "Integrative Medical Pain Clinic", ZONE));

    public static final List<Practitioner> PRACTITIONERS = List.of(
            new Practitioner("maya-chen", "Maya Chen", "Physiotherapist (concussion certified)",
                    List.of("running-shoe", "calgary-concussion")),
            new Practitioner("liam-okafor", "Dr. Liam Okafor", "Physician (prolotherapy, PRP)",
                    List.of("integrative-pain", "running-shoe")),
            new Practitioner("sofia-ramirez", "Sofia Ramirez", "Massage therapist", List.of("running-shoe")),
            new Practitioner("noah-tremblay", "Dr. Noah Tremblay", "Physician", List.of("calgary-concussion")),
            new Practitioner("amira-haddad", "Dr. Amira Haddad", "Physician (PRP, trigger point, Botox)",
                    List.of("running-shoe")));

    public static final List<Resource> RESOURCES = List.of(
            new Resource("rs-ultrasound-1", "running-shoe", "Ultrasound 1", ULTRASOUND),
            new Resource("ip-ultrasound-1", "integrative-pain", "Ultrasound 1", ULTRASOUND));

    static final Duration TWO_HOURS = Duration.ofHours(2);
    static final Duration DAY = Duration.ofDays(1);
    static final Duration DAYS_90 = Duration.ofDays(90);
    static final Duration DAYS_180 = Duration.ofDays(180);

    /**
     * Every service keeps the default 24 h late-cancellation window and a 15-minute grid. Physiotherapy and massage:
     * online, 2 h notice, 90-day horizon; injections need an ultrasound and the desk; prolotherapy needs a completed
     * consultation at the same clinic within 180 days. Chiropractic and orthotics have no provider among the demo
     * practitioners (nobody can be booked for them until one is named).
     */
    public static final List<ClinicService> SERVICES = List.of(
            online("physio-assessment", "running-shoe", "Physiotherapy assessment", 60, TWO_HOURS, DAYS_90,
                    "maya-chen"),
            online("physio-follow-up", "running-shoe", "Physiotherapy follow-up", 30, TWO_HOURS, DAYS_90,
                    "maya-chen"),
            online("chiropractic-adjustment", "running-shoe", "Chiropractic adjustment", 30, TWO_HOURS, DAYS_90),
            online("massage-60", "running-shoe", "Massage therapy, 60 minutes", 60, TWO_HOURS, DAYS_90,
                    "sofia-ramirez"),
            online("orthotic-assessment", "running-shoe", "Orthotic (pedorthic) assessment", 45, DAY, DAYS_180),
            online("prolotherapy-consultation", "running-shoe", "Prolotherapy consultation", 30, DAY, DAYS_180,
                    "liam-okafor"),
            prolotherapy("running-shoe", "prolotherapy-consultation"),
            new ClinicService("prp-injection", "running-shoe", "PRP injection", 30, null, 0, 0, false, DAY,
                    DAYS_180, ULTRASOUND, null, List.of("liam-okafor", "amira-haddad"), 15, null),
            online("trigger-point-injection", "running-shoe", "Trigger point injection", 30, DAY, DAYS_180,
                    "amira-haddad"),
            new ClinicService("botox-injection", "running-shoe", "Botox injection", 30, null, 0, 0, false, DAY,
                    DAYS_180, null, null, List.of("amira-haddad"), 15, null),
            online("concussion-baseline", "calgary-concussion", "Concussion baseline assessment", 90, DAY,
                    DAYS_180, "maya-chen", "noah-tremblay"),
            online("concussion-follow-up", "calgary-concussion", "Concussion follow-up", 30, TWO_HOURS, DAYS_90,
                    "maya-chen", "noah-tremblay"),
            online("physio-follow-up", "calgary-concussion", "Physiotherapy follow-up", 30, TWO_HOURS, DAYS_90,
                    "maya-chen"),
            online("pain-consultation", "integrative-pain", "Pain consultation", 60, DAY, DAYS_180, "liam-okafor"),
            prolotherapy("integrative-pain", "pain-consultation"),
            online("trigger-point-injection", "integrative-pain", "Trigger point injection", 30, DAY, DAYS_180,
                    "liam-okafor"));

    private DemoCatalog() {
    }

    private static ClinicService online(String id, String clinicId, String name, int minutes, Duration notice,
                                        Duration horizon, String... practitionerIds) {
        return new ClinicService(id, clinicId, name, minutes, null, 0, 0, true, notice, horizon, null, null,
                List.of(practitionerIds), 15, null);
    }

    /** 45 min + 15 min after, ultrasound-guided, booked by the desk after a completed consultation. */
    private static ClinicService prolotherapy(String clinicId, String consultationId) {
        return new ClinicService("prolotherapy", clinicId, "Prolotherapy", 45, null, 0, 15, false, DAY, DAYS_180,
                ULTRASOUND, new Prerequisite(consultationId, DAYS_180), List.of("liam-okafor"), 15,
                PROLOTHERAPY_AFTERCARE);
    }
}
