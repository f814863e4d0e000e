package com.clinicbackbone.booking.clinic.persistence;

import com.clinicbackbone.booking.clinic.Catalog;
import com.clinicbackbone.booking.clinic.Clinic;
import com.clinicbackbone.booking.clinic.ClinicService;
import com.clinicbackbone.booking.clinic.Practitioner;
import com.clinicbackbone.booking.clinic.Resource;
import com.clinicbackbone.booking.persistence.ReferenceCache;
import java.util.List;
import java.util.Optional;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Repository;

/**
 * The catalog in collections {@code clinics}, {@code practitioners}, {@code services} and {@code resources}, read
 * from a snapshot this instance holds in memory (see {@link ReferenceCache}): warm reads make no round trip. Every
 * save stores the document by its {@code _id}, then announces the change and reloads before it returns.
 */
@Repository
class MongoCatalog implements Catalog, SmartLifecycle {

    static final String CLINICS = "clinics";
    static final String PRACTITIONERS = "practitioners";
    static final String SERVICES = "services";
    static final String RESOURCES = "resources";

    private final MongoTemplate mongo;
    private final ReferenceCache<CatalogSnapshot> cache;

    MongoCatalog(MongoTemplate mongo, ReferenceCache.Settings settings) {
        this.mongo = mongo;
        this.cache = new ReferenceCache<>("catalog", mongo, () -> CatalogSnapshot.load(mongo), settings);
    }

    private CatalogSnapshot snapshot() {
        return cache.current();
    }

    /** After documents were written past {@link #save}s (seeding): announce and reload. */
    void changed() {
        cache.changed();
    }

    @Override
    public List<Clinic> clinics() {
        return snapshot().clinics();
    }

    @Override
    public Optional<Clinic> clinic(String clinicId) {
        return Optional.ofNullable(snapshot().clinicsById().get(clinicId));
    }

    @Override
    public void save(Clinic clinic) {
        mongo.save(clinic, CLINICS);
        cache.changed();
    }

    @Override
    public void save(ClinicService service) {
        mongo.save(ServiceDocument.of(service), SERVICES);
        cache.changed();
    }

    @Override
    public List<Resource> resources(String clinicId) {
        return snapshot().resourcesByClinic().getOrDefault(clinicId, List.of());
    }

    @Override
    public void save(Resource resource) {
        mongo.save(ResourceDocument.of(resource), RESOURCES);
        cache.changed();
    }

    @Override
    public List<ClinicService> services(String clinicId) {
        return snapshot().servicesByClinic().getOrDefault(clinicId, List.of());
    }

    @Override
    public Optional<ClinicService> service(String clinicId, String serviceId) {
        return Optional.ofNullable(snapshot().servicesByKey().get(ServiceDocument.key(clinicId, serviceId)));
    }

    @Override
    public List<Practitioner> practitionersAt(String clinicId) {
        return snapshot().practitionersByClinic().getOrDefault(clinicId, List.of());
    }

    @Override
    public Optional<Practitioner> practitioner(String practitionerId) {
        return Optional.ofNullable(snapshot().practitionersById().get(practitionerId));
    }

    @Override
    public void start() {
        cache.start();
    }

    @Override
    public void stop() {
        cache.stop();
    }

    @Override
    public boolean isRunning() {
        return cache.isRunning();
    }
}
