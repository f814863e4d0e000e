package com.clinicbackbone.booking.clinic.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.clinicbackbone.booking.clinic.Catalog;
import com.clinicbackbone.booking.clinic.Clinic;
import com.clinicbackbone.booking.clinic.ClinicService;
import com.clinicbackbone.booking.clinic.Practitioner;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/** The catalog in collections {@code clinics}, {@code practitioners} and {@code services}. */
@Repository
class MongoCatalog implements Catalog {

    static final String CLINICS = "clinics";
    static final String PRACTITIONERS = "practitioners";
    static final String SERVICES = "services";

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
