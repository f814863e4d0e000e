package com.clinicbackbone.booking.clinic.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.clinicbackbone.booking.clinic.Catalog;
import com.clinicbackbone.booking.clinic.Clinic;
import com.clinicbackbone.booking.clinic.ClinicService;
import com.clinicbackbone.booking.clinic.Practitioner;
import com.clinicbackbone.booking.clinic.Resource;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/** The catalog in collections {@code clinics}, {@code practitioners}, {@code services} and {@code resources}. */
@Repository
class MongoCatalog implements Catalog {

    static final String CLINICS = "clinics";
    static final String PRACTITIONERS = "practitioners";
    static final String SERVICES = "services";
    static final String RESOURCES = "resources";

    private final MongoTemplate mongo;

    MongoCatalog(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public List<Clinic> clinics() {
        return mongo.find(new Query().with(Sort.by("name")), Clinic.class, CLINICS);
    }

    @Override
    public Optional<Clinic> clinic(String clinicId) {
        return Optional.ofNullable(mongo.findById(clinicId, Clinic.class, CLINICS));
    }

    @Override
    public void save(Clinic clinic) {
        mongo.save(clinic, CLINICS);
    }

    @Override
    public void save(ClinicService service) {
        mongo.save(ServiceDocument.of(service), SERVICES);
    }

    @Override
    public List<Resource> resources(String clinicId) {
        return mongo.find(query(where("clinicId").is(clinicId)).with(Sort.by("resourceId")), ResourceDocument.class,
                RESOURCES).stream().map(ResourceDocument::toResource).toList();
    }

    @Override
    public void save(Resource resource) {
        mongo.save(ResourceDocument.of(resource), RESOURCES);
    }

    @Override
    public List<ClinicService> services(String clinicId) {
        return mongo.find(query(where("clinicId").is(clinicId)).with(Sort.by("name")), ServiceDocument.class, SERVICES)
                .stream().map(ServiceDocument::toService).toList();
    }

    @Override
    public Optional<ClinicService> service(String clinicId, String serviceId) {
        return Optional.ofNullable(mongo.findById(ServiceDocument.key(clinicId, serviceId), ServiceDocument.class,
                SERVICES)).map(ServiceDocument::toService);
    }

    @Override
    public List<Practitioner> practitionersAt(String clinicId) {
        return mongo.find(query(where("clinicIds").is(clinicId)).with(Sort.by("name")), Practitioner.class,
                PRACTITIONERS);
    }

    @Override
    public Optional<Practitioner> practitioner(String practitionerId) {
        return Optional.ofNullable(mongo.findById(practitionerId, Practitioner.class, PRACTITIONERS));
    }
}
