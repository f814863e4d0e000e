package com.clinicbackbone.auth.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class OneTimeCodesTest {

    static final String ADDRESS = "new.patient@example.org";

    final MovingClock clock = new MovingClock();
    final OneTimeCodes codes = new OneTimeCodes(clock);

    @Test
    void issuesSixDigitsThatAreRedeemedOnce() {
        String code = codes.issue(ADDRESS).orElseThrow();

        assertThat(code).matches("\\d{6}");
        assertThat(codes.redeem("other@example.org", code)).as("another address's").isFalse();
        assertThat(codes.redeem(ADDRESS, code)).isTrue();
        assertThat(codes.redeem(ADDRESS, code)).as("used up").isFalse();
    }

    @Test
    void expiresAfterTenMinutes() {
        String code = codes.issue(ADDRESS).orElseThrow();

        clock.move(Duration.ofMinutes(10));

        assertThat(codes.redeem(ADDRESS, code)).isFalse();
    }

    @Test
    void isStillGoodJustBeforeTenMinutes() {
        String code = codes.issue(ADDRESS).orElseThrow();

        clock.move(Duration.ofMinutes(10).minusSeconds(1));

        assertThat(codes.redeem(ADDRESS, code)).isTrue();
    }

    @Test
    void voidsTheCodeAfterFiveWrongAttempts() {
        String code = codes.issue(ADDRESS).orElseThrow();
        String wrong = code.equals("000000") ? "111111" : "000000";

        for (int attempt = 1; attempt < OneTimeCodes.ATTEMPTS; attempt++) {
            assertThat(codes.redeem(ADDRESS, wrong)).isFalse();
        }
        assertThat(codes.redeem(ADDRESS, code)).as("four wrong attempts leave the fifth").isTrue();

        String next = issueAfterResendDelay();
        for (int attempt = 1; attempt <= OneTimeCodes.ATTEMPTS; attempt++) {
            assertThat(codes.redeem(ADDRESS, wrong)).isFalse();
        }
        assertThat(codes.redeem(ADDRESS, next)).as("void after five wrong attempts").isFalse();
    }

    @Test
    void sendsNoNewCodeWithinThirtySecondsAndReplacesTheOldOneAfter() {
        String first = codes.issue(ADDRESS).orElseThrow();

        assertThat(codes.issue(ADDRESS)).isEmpty();
        String second = issueAfterResendDelay();

        assertThat(codes.redeem(ADDRESS, first)).as("replaced").isEqualTo(first.equals(second));
        assertThat(codes.redeem(ADDRESS, second)).isEqualTo(!first.equals(second));
    }

    @Test
    void withdrawsACodeThatCouldNotBeSent() {
        String code = codes.issue(ADDRESS).orElseThrow();

        codes.withdraw(ADDRESS);

        assertThat(codes.redeem(ADDRESS, code)).isFalse();
        assertThat(codes.issue(ADDRESS)).as("a new one at once").isPresent();
    }

    @Test
    void refusesNothingButWrongInput() {
        codes.issue(ADDRESS).orElseThrow();

        assertThat(codes.redeem(ADDRESS, null)).isFalse();
        assertThat(codes.redeem(ADDRESS, "")).isFalse();
        assertThat(codes.redeem("never@example.org", "123456")).isFalse();
    }

    private String issueAfterResendDelay() {
        clock.move(OneTimeCodes.RESEND_AFTER);
        return codes.issue(ADDRESS).orElseThrow();
    }

    static final class MovingClock extends Clock {

        private Instant now = Instant.parse("2026-05-04T15:30:00Z");

        void move(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
