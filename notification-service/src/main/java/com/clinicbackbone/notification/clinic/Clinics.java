package com.clinicbackbone.notification.clinic;

import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The configured clinics; a clinic that is not configured gets the defaults. */
public final class Clinics {

    private final Map<String, Clinic> byId;

    public Clinics(Collection<Clinic> clinics) {
        this.byId = clinics.stream().collect(Collectors.toUnmodifiableMap(Clinic::id, Function.identity()));
    }

    public Clinic clinic(String id) {
        Clinic clinic = byId.get(id);
        return clinic != null ? clinic : Clinic.withDefaults(id, null, null, null, null);
    }
}
