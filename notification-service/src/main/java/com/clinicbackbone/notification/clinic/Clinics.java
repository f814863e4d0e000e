package com.clinicbackbone.notification.clinic;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The configured clinics, and the aftercare instructions per clinic and service; a clinic that is not configured
 * gets the defaults.
 */
public final class Clinics {

    private final Map<String, Clinic> byId;
    private final Map<String, Aftercare> aftercare;

    public Clinics(Collection<Clinic> clinics) {
        this(clinics, List.of());
    }

    public Clinics(Collection<Clinic> clinics, Collection<Aftercare> aftercare) {
        this.byId = clinics.stream().collect(Collectors.toUnmodifiableMap(Clinic::id, Function.identity()));
        this.aftercare = aftercare.stream().collect(Collectors.toUnmodifiableMap(
                text -> text.clinicId() + "/" + text.serviceId(), Function.identity()));
    }

    /** The aftercare instructions of a clinic's service, if it has any. */
    public Optional<Aftercare> aftercare(String clinicId, String serviceId) {
        return serviceId == null ? Optional.empty() : Optional.ofNullable(aftercare.get(clinicId + "/" + serviceId));
    }

    public Clinic clinic(String id) {
        Clinic clinic = byId.get(id);
        return clinic != null ? clinic : Clinic.withDefaults(id, null, null, null);
    }

    /** True for a configured clinic. */
    public boolean isKnown(String id) {
        return byId.containsKey(id);
    }

    public Collection<Clinic> all() {
        return byId.values();
    }
}
