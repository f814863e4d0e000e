package com.clinicbackbone.booking.clinic;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** The demo catalog, held in memory; tests may change it. */
public class InMemoryCatalog implements Catalog {

    private final List<Clinic> clinics = new CopyOnWriteArrayList<>(DemoCatalog.CLINICS);
    private final List<ClinicService> services = new CopyOnWriteArrayList<>(DemoCatalog.SERVICES);
    private final List<Resource> resources = new CopyOnWriteArrayList<>(DemoCatalog.RESOURCES);

    @Override
    public List<Clinic> clinics() {
        return List.copyOf(clinics);
    }

    @Override
    public Optional<Clinic> clinic(String clinicId) {
        return clinics.stream().filter(clinic -> clinic.id().equals(clinicId)).findFirst();
    }

    @Override
    public synchronized void save(Clinic clinic) {
        clinics.removeIf(it -> it.id().equals(clinic.id()));
        clinics.add(clinic);
    }

    @Override
    public List<ClinicService> services(String clinicId) {
        return services.stream().filter(service -> service.clinicId().equals(clinicId)).toList();
    }

    @Override
    public Optional<ClinicService> service(String clinicId, String serviceId) {
        return services(clinicId).stream().filter(service -> service.id().equals(serviceId)).findFirst();
    }

    @Override
    public synchronized void save(ClinicService service) {
        services.removeIf(it -> it.clinicId().equals(service.clinicId()) && it.id().equals(service.id()));
        services.add(service);
    }

    /** Changes the demo service with the id at the clinic. */
    public InMemoryCatalog change(String clinicId, String serviceId,
                                  java.util.function.UnaryOperator<ClinicService> change) {
        save(change.apply(service(clinicId, serviceId).orElseThrow()));
        return this;
    }

    @Override
    public List<Resource> resources(String clinicId) {
        List<Resource> found = new ArrayList<>(resources.stream().filter(it -> it.clinicId().equals(clinicId))
                .toList());
        found.sort(Comparator.comparing(Resource::id));
        return found;
    }

    @Override
    public synchronized void save(Resource resource) {
        resources.removeIf(it -> it.clinicId().equals(resource.clinicId()) && it.id().equals(resource.id()));
        resources.add(resource);
    }

    @Override
    public List<Practitioner> practitionersAt(String clinicId) {
        return DemoCatalog.PRACTITIONERS.stream().filter(practitioner -> practitioner.worksAt(clinicId)).toList();
    }

    @Override
    public Optional<Practitioner> practitioner(String practitionerId) {
        return DemoCatalog.PRACTITIONERS.stream().filter(p -> p.id().equals(practitionerId)).findFirst();
    }
}
