package com.clinicbackbone.auth.account;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/**
 * The self-registered accounts of the local issuer, by username. In memory, and written to a JSON file after every
 * change when one is configured ({@code auth.accounts-file}; readable by its owner only: it holds emails and password
 * hashes), so that accounts survive a restart of the local stack. One issuer process owns the file.
 */
public class Accounts {

    private final Path file;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, Account> byUsername = new LinkedHashMap<>();

    /** @param file where the accounts are kept; null keeps them in memory only (gone when the issuer stops) */
    public Accounts(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
        if (file != null && Files.exists(file)) {
            try {
                Arrays.stream(json.readValue(file.toFile(), Account[].class))
                        .forEach(account -> byUsername.put(account.username(), account));
            } catch (RuntimeException e) {
                throw new IllegalStateException("Cannot read the accounts file " + file, e);
            }
        }
    }

    /** The sign-in name of an email: stripped and in lower case. */
    public static String usernameOf(String email) {
        return email == null ? null : email.strip().toLowerCase(Locale.ROOT);
    }

    public synchronized Optional<Account> find(String username) {
        return Optional.ofNullable(byUsername.get(usernameOf(username)));
    }

    /** A new account for the (verified) email; empty when the email has one already. */
    public synchronized Optional<Account> create(String email, String passwordHash) {
        String username = usernameOf(email);
        if (byUsername.containsKey(username)) {
            return Optional.empty();
        }
        Account account = new Account(UUID.randomUUID().toString(), username, passwordHash, null, List.of(),
                clock.instant());
        byUsername.put(username, account);
        save();
        return Optional.of(account);
    }

    /**
     * Links the account to its patient record and the record's clinics (replacing an earlier link: the caller, clinic-web,
     * answers for it); empty for an unknown username.
     */
    public synchronized Optional<Account> link(String username, String patientId, Collection<String> clinicIds) {
        Account account = byUsername.get(usernameOf(username));
        if (account == null) {
            return Optional.empty();
        }
        Account linked = account.linkedTo(patientId, List.copyOf(clinicIds));
        byUsername.put(linked.username(), linked);
        save();
        return Optional.of(linked);
    }

    private void save() {
        if (file == null) {
            return;
        }
        try {
            Path directory = file.toAbsolutePath().getParent();
            Files.createDirectories(directory);
            Path written = Files.createTempFile(directory, file.getFileName().toString(), ".tmp");
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(written, PosixFilePermissions.fromString("rw-------"));
            }
            json.writeValue(written.toFile(), byUsername.values().toArray(Account[]::new));
            try {
                Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(written, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the accounts file " + file, e);
        }
    }
}
