package com.clinicbackbone.auth.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one-time codes that prove a person receives mail at an address: 6 digits, valid {@link #VALIDITY}, at most
 * {@link #ATTEMPTS} tries, then void; a new code for the same address no sooner than {@link #RESEND_AFTER} (so the
 * form cannot be used to flood someone's mailbox). In memory: a restart voids the pending codes.
 */
public class OneTimeCodes {

    static final Duration VALIDITY = Duration.ofMinutes(10);
    static final int ATTEMPTS = 5;
    static final Duration RESEND_AFTER = Duration.ofSeconds(30);
    /** Beyond this many pending codes new ones are refused until some expire (memory stays bounded). */
    static final int MAX_PENDING = 10_000;

    private record Pending(String code, Instant issuedAt, int attemptsLeft) {
    }

    private final Map<String, Pending> pending = new HashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    public OneTimeCodes(Clock clock) {
        this.clock = clock;
    }

    /**
     * A new code for the address, replacing any earlier one; empty when the last one was issued less than
     * {@link #RESEND_AFTER} ago or too many codes are pending.
     */
    public synchronized Optional<String> issue(String address) {
        Instant now = clock.instant();
        pending.values().removeIf(code -> !now.isBefore(code.issuedAt().plus(VALIDITY)));
        Pending earlier = pending.get(address);
        if (earlier != null && now.isBefore(earlier.issuedAt().plus(RESEND_AFTER))
                || earlier == null && pending.size() >= MAX_PENDING) {
            return Optional.empty();
        }
        String code = String.format("%06d", random.nextInt(1_000_000));
        pending.put(address, new Pending(code, now, ATTEMPTS));
        return Optional.of(code);
    }

    /**
     * Whether {@code code} is the address's current code, still valid: the right code is used up by this call, a wrong
     * one uses up an attempt (the last wrong attempt voids the code).
     */
    public synchronized boolean redeem(String address, String code) {
        Pending current = pending.get(address);
        if (current == null || code == null) {
            return false;
        }
        if (!clock.instant().isBefore(current.issuedAt().plus(VALIDITY))) {
            pending.remove(address);
            return false;
        }
        if (MessageDigest.isEqual(current.code().getBytes(StandardCharsets.US_ASCII),
                code.strip().getBytes(StandardCharsets.US_ASCII))) {
            pending.remove(address);
            return true;
        }
        if (current.attemptsLeft() <= 1) {
            pending.remove(address);
        } else {
            pending.put(address, new Pending(current.code(), current.issuedAt(), current.attemptsLeft() - 1));
        }
        return false;
    }

    /** Voids the address's code (one that could not be sent), so that a new one can be asked for at once. */
    public synchronized void withdraw(String address) {
        pending.remove(address);
    }
}
