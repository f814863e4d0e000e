package com.clinicbackbone.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void withoutOptionsOneRoundOnTheEmptyStoreWithProductionJvmFlags() {
        Benchmark.Options options = Benchmark.Options.parse();

        assertThat(options.history()).isZero();
        assertThat(options.historyOnly()).isFalse();
        assertThat(options.bookings()).isEqualTo(400);
        assertThat(options.idleSeconds()).isEqualTo(60);
        assertThat(options.serviceJvm()).isNull();
        for (String service : List.of("auth-server", "booking-service", "patient-service", "notification-service")) {
            assertThat(ServiceJvm.productionOptions(service)).contains("-XX:+UseG1GC")
                    .noneMatch(flag -> flag.contains("TieredStopAtLevel"));
        }
        assertThat(ServiceJvm.productionOptions("booking-service")).contains("-Xms512m", "-Xmx512m");
        assertThat(ServiceJvm.productionOptions("patient-service")).contains("-Xms384m", "-Xmx384m");
    }

    @Test
    void quickShortensEveryPhaseAndExplicitValuesStillWin() {
        Benchmark.Options options = Benchmark.Options.parse("--quick", "--history=2_000", "--bookings=50");

        assertThat(options.quick()).isTrue();
        assertThat(options.history()).isEqualTo(2000);
        assertThat(options.bookings()).isEqualTo(50);
        assertThat(options.idleSeconds()).isLessThan(60);
        assertThat(options.reminderCount()).isLessThan(4000);
    }

    @Test
    void historyOnlyWithoutAHistoryIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> Benchmark.Options.parse("--history-only"))
                .withMessageContaining("--history=N");
        assertThatIllegalArgumentException().isThrownBy(() -> Benchmark.Options.parse("--seed-only"))
                .withMessageContaining("--history=N");
    }

    @Test
    void serviceJvmOptionsReplaceTheDefaults() {
        assertThat(Benchmark.Options.parse("--service-jvm=-XX:+UseSerialGC  -Xmx512m").serviceJvm())
                .isEqualTo(List.of("-XX:+UseSerialGC", "-Xmx512m"));
    }

    @Test
    void anUnknownOptionIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> Benchmark.Options.parse("--client=4"))
                .withMessageContaining("--client");
    }

    @Test
    void mongoUriIsTakenAsOneOrTwoArgumentsInBothModes() {
        assertThat(Benchmark.Options.parse("--mongo-uri", "mongodb://db:27017/?replicaSet=rs0").mongoUri())
                .isEqualTo("mongodb://db:27017/?replicaSet=rs0");
        assertThat(Reminders.Options.parse("--reminders", "--mongo-uri=mongodb://db:27017").mongoUri())
                .isEqualTo("mongodb://db:27017");
    }

    @Test
    void mongoUriThatIsNoMongoDbUriOrNamesADatabaseIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> Benchmark.Options.parse("--mongo-uri", "db:27017"))
                .withMessageContaining("mongodb://");
        assertThatIllegalArgumentException().isThrownBy(() -> Reminders.Options.parse("--mongo-uri=mongodb://db/mine"))
                .withMessageContaining("database");
    }

    @Test
    void eachServiceDatabaseGoesIntoTheUriKeepingItsOptions() {
        assertThat(Stack.withDatabase("mongodb://db:27017/?replicaSet=rs0", "b1_booking"))
                .isEqualTo("mongodb://db:27017/b1_booking?replicaSet=rs0");
        assertThat(Stack.withDatabase("mongodb://a:1,b:2", "b1_notifications"))
                .isEqualTo("mongodb://a:1,b:2/b1_notifications");
    }
}
