package com.clinicbackbone.booking.clinic;

import java.util.List;
import java.util.Optional;

/** The clinics, their services, rooms/devices and their practitioners. */
public interface Catalog {

    List<Clinic> clinics();

    Optional<Clinic> clinic(String clinicId);

    /** Creates or replaces the clinic. */
    void save(Clinic clinic);

    List<ClinicService> services(String clinicId);

    Optional<ClinicService> service(String clinicId, String serviceId);

    /** Creates or replaces the service of its clinic. */
    void save(ClinicService service);

    /** The clinic's rooms and devices, by id. */
    List<Resource> resources(String clinicId);

    /** Creates or replaces the resource of its clinic. */
    void save(Resource resource);

    List<Practitioner> practitionersAt(String clinicId);

    Optional<Practitioner> practitioner(String practitionerId);
}
