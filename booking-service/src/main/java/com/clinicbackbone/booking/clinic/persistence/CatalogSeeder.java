package com.clinicbackbone.booking.clinic.persistence;

import com.clinicbackbone.booking.clinic.DemoCatalog;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Upserts the demo catalog (clinics, practitioners, services, rooms/devices) by id before the web server starts: a
 * restart adds no duplicates and puts the demo entries back as they are here (a staff edit of a demo service or
 * device is reset by a restart; entries the staff added stay), then has every instance reload its catalog.
 */
@Component
class CatalogSeeder implements SmartInitializingSingleton {

    private final MongoTemplate mongo;
    private final MongoCatalog catalog;

    CatalogSeeder(MongoTemplate mongo, MongoCatalog catalog) {
        this.mongo = mongo;
        this.catalog = catalog;
    }

    @Override
    public void afterSingletonsInstantiated() {
        seed();
    }

    void seed() {
        DemoCatalog.CLINICS.forEach(clinic -> mongo.save(clinic, MongoCatalog.CLINICS));
        DemoCatalog.PRACTITIONERS.forEach(practitioner -> mongo.save(practitioner, MongoCatalog.PRACTITIONERS));
        DemoCatalog.SERVICES.forEach(service -> mongo.save(ServiceDocument.of(service), MongoCatalog.SERVICES));
        DemoCatalog.RESOURCES.forEach(resource -> mongo.save(ResourceDocument.of(resource), MongoCatalog.RESOURCES));
        catalog.changed();
    }
}
