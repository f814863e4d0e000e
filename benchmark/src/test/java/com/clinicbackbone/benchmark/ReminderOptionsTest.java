package com.clinicbackbone.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class ReminderOptionsTest {

    @Test
    void withoutMongoUriTheEmbeddedServerIsUsed() {
        Reminders.Options options = Reminders.Options.parse("--reminders", "--count=100", "--threads=2");

        assertThat(options.mongoUri()).isNull();
        assertThat(options.count()).isEqualTo(100);
        assertThat(options.threads()).isEqualTo(2);
    }

    @Test
    void mongoUriIsTakenAsOneOrTwoArguments() {
        assertThat(Reminders.Options.parse("--reminders", "--mongo-uri", "mongodb://db:27017/?replicaSet=rs0")
                .mongoUri()).isEqualTo("mongodb://db:27017/?replicaSet=rs0");
        assertThat(Reminders.Options.parse("--mongo-uri=mongodb://db:27017").mongoUri())
                .isEqualTo("mongodb://db:27017");
    }

    @Test
    void mongoUriThatIsNoMongoDbUriIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> Reminders.Options.parse("--mongo-uri", "db:27017"))
                .withMessageContaining("mongodb://");
    }

    @Test
    void aUriWithoutDatabaseGetsTheBenchmarksOwnAndKeepsItsOptions() {
        assertThat(Reminders.withDatabase("mongodb://db:27017/?replicaSet=rs0", "bench"))
                .isEqualTo("mongodb://db:27017/bench?replicaSet=rs0");
        assertThat(Reminders.withDatabase("mongodb://db:27017", "bench")).isEqualTo("mongodb://db:27017/bench");
        assertThat(Reminders.databaseOf("mongodb://a:1,b:2/?replicaSet=rs0")).isEqualTo(Reminders.DEFAULT_DATABASE);
    }

    @Test
    void aUriNamingADatabaseIsUsedAsGiven() {
        assertThat(Reminders.withDatabase("mongodb://db:27017/mine?w=majority", "bench"))
                .isEqualTo("mongodb://db:27017/mine?w=majority");
        assertThat(Reminders.databaseOf("mongodb://db:27017/mine?w=majority")).isEqualTo("mine");
    }
}
