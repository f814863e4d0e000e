package com.clinicbackbone.messaging;

import org.bson.Document;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * MongoDB health by {@code ping} on the service's database. Replaces Boot's indicator (bean name
 * {@code mongoHealthIndicator}: declare it under that name), which sends {@code hello} to every database: the MongoDB-wire server of the
 * local stack and the tests (mongo-java-server 1.47) does not know {@code hello}, so health would never be UP.
 */
public class MongoPingHealthIndicator extends AbstractHealthIndicator {

    private final MongoTemplate mongo;

    public MongoPingHealthIndicator(MongoTemplate mongo) {
        super("MongoDB health check failed");
        this.mongo = mongo;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        mongo.executeCommand(new Document("ping", 1));
        builder.up().withDetail("database", mongo.getDb().getName());
    }
}
