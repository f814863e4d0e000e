package com.clinicbackbone.patient;

import static org.assertj.core.api.Assertions.assertThat;

import com.clinicbackbone.messaging.testing.MongoRoundTrips;
import com.clinicbackbone.messaging.testing.MongoRoundTrips.Command;
import com.clinicbackbone.patient.patient.Actor;
import com.clinicbackbone.patient.patient.PatientFixture;
import com.clinicbackbone.patient.patient.PatientRegistry;
import com.clinicbackbone.patient.patient.Registered;
import com.clinicbackbone.patient.patient.SelfRegistration;
import com.clinicbackbone.security.DemoPersona;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Self-registration against MongoDB: the record of a verified email is found through its key in
 * {@code patient_emails} (no query on the patients by email), within the registration's round-trip budget. Called
 * on the registry directly (the endpoint adds no database work; its tokens carry an email the test issuer does not
 * write): every command on this thread is the operation's.
 */
class SelfRegistrationRoundTripsTest extends PatientServiceIntegrationTest {

    static final Actor NEWCOMER = new Actor("account-under-test", Actor.Role.PATIENT, Set.of(), null, null);

    @Autowired
    PatientRegistry registry;

    @Test
    void findsTheRecordOfTheVerifiedEmailByKeyAndLinksIt() throws Exception {
        PatientFixture person = PatientFixture.someone();
        String id = body(post("/api/patients", DemoPersona.FRONTDESK_RUNNING_SHOE, person.toJson())).get("id")
                .asString();
        roundTrips.reset();

        Registered linked = registry.registerSelf(NEWCOMER, ((String) person.get("email")).toUpperCase(),
                new SelfRegistration("Someone", "Else", LocalDate.of(1970, 1, 1), null, "en", "integrative-pain"),
                "POST /api/patients/self");

        assertThat(linked.id()).isEqualTo(id);
        assertThat(linked.linkedExisting()).isTrue();
        List<Command> commands = roundTrips.commands(onThisThread());
        MongoRoundTrips.assertWithinBudget("self-registration of a known email", HotPathRoundTripsTest.REGISTRATION,
                commands);
        roundTrips.assertKeyLookupsOnly(mongo.getDb(), commands);
    }

    @Test
    void makesANewRecordWithKeyLookupsOnlyWhenNoRecordHoldsTheEmail() {
        String email = PatientFixture.someone().get("email").toString();
        roundTrips.reset();

        Registered created = registry.registerSelf(NEWCOMER, email,
                new SelfRegistration("Sam", "Newcomer", LocalDate.of(1990, 7, 15), "+14035550177", "fr",
                        "running-shoe"), "POST /api/patients/self");

        assertThat(created.linkedExisting()).isFalse();
        List<Command> commands = roundTrips.commands(onThisThread());
        MongoRoundTrips.assertWithinBudget("self-registration of a new email", HotPathRoundTripsTest.REGISTRATION,
                commands);
        roundTrips.assertKeyLookupsOnly(mongo.getDb(), commands);
        awaitOutboxPublished(created.id());
    }

    private static java.util.function.Predicate<Command> onThisThread() {
        return MongoRoundTrips.onThread(Thread.currentThread().getName());
    }
}
