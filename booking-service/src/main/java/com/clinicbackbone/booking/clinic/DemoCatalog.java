package com.clinicbackbone.booking.clinic;

import java.util.List;

/** The clinics of the demo and of every test; seeded at startup. */
public final class DemoCatalog {

    static final String ZONE = "America/Edmonton";

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
            new Practitioner("noah-tremblay", "Dr. Noah Tremblay", "Physician", List.of("calgary-concussion")));

    /** Every service keeps the default 24 h late-cancellation window ({@link ClinicService#DEFAULT_LATE_CANCELLATION_WINDOW}). */
    public static final List<ClinicService> SERVICES = List.of(
            new ClinicService("physio-assessment", "running-shoe", "Physiotherapy assessment", 60),
            new ClinicService("physio-follow-up", "running-shoe", "Physiotherapy follow-up", 30),
            new ClinicService("chiropractic-adjustment", "running-shoe", "Chiropractic adjustment", 30),
            new ClinicService("massage-60", "running-shoe", "Massage therapy, 60 minutes", 60),
            new ClinicService("orthotic-assessment", "running-shoe", "Orthotic (pedorthic) assessment", 45),
            new ClinicService("prolotherapy", "running-shoe", "Prolotherapy", 45),
            new ClinicService("prp-injection", "running-shoe", "PRP injection", 30),
            new ClinicService("concussion-baseline", "calgary-concussion", "Concussion baseline assessment", 90),
            new ClinicService("concussion-follow-up", "calgary-concussion", "Concussion follow-up", 30),
            new ClinicService("physio-follow-up", "calgary-concussion", "Physiotherapy follow-up", 30),
            new ClinicService("pain-consultation", "integrative-pain", "Pain consultation", 60),
            new ClinicService("prolotherapy", "integrative-pain", "Prolotherapy", 45),
            new ClinicService("trigger-point-injection", "integrative-pain", "Trigger point injection", 30));

    private DemoCatalog() {
    }
}
