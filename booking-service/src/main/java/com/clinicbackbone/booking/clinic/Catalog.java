package com.clinicbackbone.booking.clinic;

import java.util.List;
import java.util.Optional;

/** The clinics, their services and their practitioners. */
public interface Catalog {

    List<Clinic> clinics();

    Optional<Clinic> clinic(String clinicId);

    List<ClinicService> services(String clinicId);

    Optional<ClinicService> service(String clinicId, String serviceId);

    List<Practitioner> practitionersAt(String clinicId);

    Optional<Practitioner> practitioner(String practitionerId);
}
