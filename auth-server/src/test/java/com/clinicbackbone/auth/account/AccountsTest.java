package com.clinicbackbone.auth.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountsTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-05-04T15:30:00Z"), ZoneOffset.UTC);

    @TempDir
    Path directory;

    @Test
    void makesOneAccountPerEmailUnderItsLowerCaseAddress() {
        Accounts accounts = new Accounts(null, CLOCK);

        Account account = accounts.create(" New.Patient@Example.ORG ", "hash").orElseThrow();

        assertThat(account.username()).isEqualTo("new.patient@example.org");
        assertThat(account.id()).matches("[0-9a-f-]{36}");
        assertThat(account.patientId()).isNull();
        assertThat(account.clinicIds()).isEmpty();
        assertThat(accounts.create("new.patient@example.org", "other")).isEmpty();
        assertThat(accounts.find("NEW.patient@example.org")).contains(account);
    }

    @Test
    void linksAnAccountToItsRecordAndItsClinics() {
        Accounts accounts = new Accounts(null, CLOCK);
        Account account = accounts.create("new.patient@example.org", "hash").orElseThrow();

        Account linked = accounts.link("New.Patient@example.org", "patient-1",
                List.of("running-shoe", "integrative-pain")).orElseThrow();

        assertThat(linked.id()).isEqualTo(account.id());
        assertThat(linked.patientId()).isEqualTo("patient-1");
        assertThat(linked.clinicIds()).containsExactly("integrative-pain", "running-shoe");
        assertThat(accounts.link("nobody@example.org", "patient-2", List.of())).isEmpty();
    }

    @Test
    void keepsTheAccountsInTheFileReadableByItsOwnerOnly() throws Exception {
        Path file = directory.resolve("data").resolve("accounts.json");
        Accounts accounts = new Accounts(file, CLOCK);
        Account account = accounts.create("new.patient@example.org", "hash").orElseThrow();
        accounts.link(account.username(), "patient-1", List.of("running-shoe"));

        Accounts reopened = new Accounts(file, CLOCK);

        assertThat(reopened.find("new.patient@example.org")).hasValueSatisfying(stored -> {
            assertThat(stored.id()).isEqualTo(account.id());
            assertThat(stored.passwordHash()).isEqualTo("hash");
            assertThat(stored.patientId()).isEqualTo("patient-1");
            assertThat(stored.clinicIds()).containsExactly("running-shoe");
            assertThat(stored.createdAt()).isEqualTo(CLOCK.instant());
        });
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var left = Files.list(file.getParent())) {
            assertThat(left).as("no temporary file left behind").containsExactly(file);
        }
    }
}
