package com.clinicbackbone.booking.clinic;

import java.util.List;
import java.util.Optional;

/** The demo catalog, held in memory. */
public class InMemoryCatalog implements Catalog {

    @Override
    public List<Clinic> clinics() {
        return DemoCatalog.CLINICS;
    }

    @Override
    public Optional<Clinic> clinic(String clinicId) {
        return DemoCatalog.CLINICS.stream().filter(clinic -> clinic.id().equals(clinicId)).findFirst();
    }

    @Override
    public List<ClinicService> services(String clinicId) {
        return DemoCatalog.SERVICES.stream().filter(service -> service.clinicId().equals(clinicId)).toList();
    }

    @Override
    public Optional<ClinicService> service(String clinicId, String serviceId) {
        return services(clinicId).stream().filter(service -> service.id().equals(serviceId)).findFirst();
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
