package com.clinicbackbone.security;

import java.util.Set;

/**
 * The demo sign-ins of the local stack and the tests (client id = persona name, secret {@code demo-secret} locally).
 * The two patients are seeded by patient-service with these ids; the practitioners by booking-service.
 */
public enum DemoPersona {
    FRONTDESK_RUNNING_SHOE("frontdesk-running-shoe", Role.FRONT_DESK, Set.of("running-shoe"), null, null),
    FRONTDESK_CALGARY_CONCUSSION("frontdesk-calgary-concussion", Role.FRONT_DESK, Set.of("calgary-concussion"), null, null),
    FRONTDESK_INTEGRATIVE_PAIN("frontdesk-integrative-pain", Role.FRONT_DESK, Set.of("integrative-pain"), null, null),
    PRACTITIONER_MAYA_CHEN("practitioner-maya-chen", Role.PRACTITIONER, Set.of("running-shoe", "calgary-concussion"),
            null, "maya-chen"),
    PRACTITIONER_NOAH_TREMBLAY("practitioner-noah-tremblay", Role.PRACTITIONER, Set.of("calgary-concussion"), null,
            "noah-tremblay"),
    PATIENT_ANN_LEE("patient-ann-lee", Role.PATIENT, Set.of("running-shoe"), DemoPersona.ANN_LEE_ID, null),
    PATIENT_BEN_ROY("patient-ben-roy", Role.PATIENT, Set.of("integrative-pain"), DemoPersona.BEN_ROY_ID, null),
    OPERATOR("operator", Role.OPERATOR, Set.of(), null, null),
    AUDITOR("auditor", Role.AUDITOR, Set.of(), null, null);

    public static final String ANN_LEE_ID = "11111111-1111-4111-8111-111111111111";
    public static final String BEN_ROY_ID = "22222222-2222-4222-8222-222222222222";

    private final String clientId;
    private final Role role;
    private final Set<String> clinicIds;
    private final String patientId;
    private final String practitionerId;

    DemoPersona(String clientId, Role role, Set<String> clinicIds, String patientId, String practitionerId) {
        this.clientId = clientId;
        this.role = role;
        this.clinicIds = clinicIds;
        this.patientId = patientId;
        this.practitionerId = practitionerId;
    }

    public String clientId() {
        return clientId;
    }

    public Role role() {
        return role;
    }

    public Set<String> clinicIds() {
        return clinicIds;
    }

    public String patientId() {
        return patientId;
    }

    public String practitionerId() {
        return practitionerId;
    }

    public Caller caller() {
        return new Caller(clientId, role, clinicIds, patientId, practitionerId);
    }
}
