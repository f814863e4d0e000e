package com.clinicbackbone.booking.clinic.persistence;

import com.clinicbackbone.booking.clinic.Clinic;
import com.clinicbackbone.booking.clinic.ClinicService;
import com.clinicbackbone.booking.clinic.Practitioner;
import com.clinicbackbone.booking.clinic.Resource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.data.mongodb.core.MongoOperations;

/** The whole catalog as one instance holds it in memory (immutable), indexed the way the reads ask for it. */
record CatalogSnapshot(List<Clinic> clinics, Map<String, Clinic> clinicsById,
                       Map<String, ClinicService> servicesByKey, Map<String, List<ClinicService>> servicesByClinic,
                       Map<String, List<Resource>> resourcesByClinic, Map<String, Practitioner> practitionersById,
                       Map<String, List<Practitioner>> practitionersByClinic) {

    /** Reads the four small collections whole: one query each. */
    static CatalogSnapshot load(MongoOperations mongo) {
        return of(mongo.findAll(Clinic.class, MongoCatalog.CLINICS),
                mongo.findAll(ServiceDocument.class, MongoCatalog.SERVICES).stream()
                        .map(ServiceDocument::toService).toList(),
                mongo.findAll(ResourceDocument.class, MongoCatalog.RESOURCES).stream()
                        .map(ResourceDocument::toResource).toList(),
                mongo.findAll(Practitioner.class, MongoCatalog.PRACTITIONERS));
    }

    static CatalogSnapshot of(List<Clinic> clinics, List<ClinicService> services, List<Resource> resources,
                              List<Practitioner> practitioners) {
        Map<String, List<Practitioner>> byClinic = new HashMap<>();
        practitioners.stream().sorted(Comparator.comparing(Practitioner::name).thenComparing(Practitioner::id))
                .forEach(practitioner -> practitioner.clinicIds().forEach(clinicId ->
                        byClinic.computeIfAbsent(clinicId, id -> new ArrayList<>()).add(practitioner)));
        return new CatalogSnapshot(
                clinics.stream().sorted(Comparator.comparing(Clinic::name).thenComparing(Clinic::id)).toList(),
                byId(clinics, Clinic::id),
                byId(services, service -> ServiceDocument.key(service.clinicId(), service.id())),
                grouped(services, ClinicService::clinicId,
                        Comparator.comparing(ClinicService::name).thenComparing(ClinicService::id)),
                grouped(resources, Resource::clinicId, Comparator.comparing(Resource::id)),
                byId(practitioners, Practitioner::id),
                byClinic.entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey,
                        entry -> List.copyOf(entry.getValue()))));
    }

    private static <T> Map<String, T> byId(List<T> items, Function<T, String> key) {
        return items.stream().collect(Collectors.toUnmodifiableMap(key, Function.identity()));
    }

    private static <T> Map<String, List<T>> grouped(List<T> items, Function<T, String> key, Comparator<T> order) {
        return items.stream().sorted(order).collect(Collectors.groupingBy(key,
                Collectors.collectingAndThen(Collectors.toList(), List::copyOf)));
    }
}
