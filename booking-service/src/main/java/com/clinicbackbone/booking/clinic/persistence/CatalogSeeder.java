package com.clinicbackbone.booking.clinic.persistence;

import com.clinicbackbone.booking.clinic.DemoCatalog;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Upserts the demo catalog by id before the web server starts: a restart keeps the data and adds no duplicates.
 */
@Component
class CatalogSeeder implements SmartInitializingSingleton {

    private final MongoTemplate mongo;

    CatalogSeeder(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterSingletonsInstantiated() {
        seed();
    }

    void seed() {
        DemoCatalog.CLINICS.forEach(clinic -> mongo.save(clinic, MongoCatalog.CLINICS));
        DemoCatalog.PRACTITIONERS.forEach(practitioner -> mongo.save(practitioner, MongoCatalog.PRACTITIONERS));
        DemoCatalog.SERVICES.forEach(service -> mongo.save(ServiceDocument.of(service), MongoCatalog.SERVICES));
    }
}
