package com.clinicbackbone.booking.waitlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clinicbackbone.booking.appointment.Party;
import com.clinicbackbone.events.WaitlistEntryWithdrawn;
import com.clinicbackbone.events.WaitlistOfferDeclined;
import com.clinicbackbone.events.WaitlistOfferExpired;
import com.clinicbackbone.events.WaitlistOfferMade;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WaitlistEntryTest {

    static final ZoneId CALGARY = ZoneId.of("America/Edmonton");
    static final LocalDate MONDAY = LocalDate.of(2026, 12, 14);
    static final Instant NOW = Instant.parse("2026-12-08T16:00:00Z");

    @Test
    void wantsOnlyVisitsInsideItsDatesWeekdaysWindowsAndWithItsPractitioner() {
        WaitlistEntry entry = WaitlistEntry.create("e", new AddToWaitlist("rs", "massage-60", "sofia", "p", MONDAY,
                MONDAY.plusDays(2), List.of(new TimeWindow(LocalTime.of(8, 0), LocalTime.of(12, 0))),
                Set.of(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY), Party.CLINIC), NOW);

        assertThat(entry.wants("sofia", at(MONDAY, "10:00"), at(MONDAY, "11:00"), CALGARY)).isTrue();
        assertThat(entry.wants("sofia", at(MONDAY, "11:30"), at(MONDAY, "12:30"), CALGARY)).as("ends after 12:00")
                .isFalse();
        assertThat(entry.wants("maya", at(MONDAY, "10:00"), at(MONDAY, "11:00"), CALGARY)).isFalse();
        assertThat(entry.wants("sofia", at(MONDAY.plusDays(1), "10:00"), at(MONDAY.plusDays(1), "11:00"), CALGARY))
                .as("a Tuesday").isFalse();
        assertThat(entry.wants("sofia", at(MONDAY.plusDays(7), "10:00"), at(MONDAY.plusDays(7), "11:00"), CALGARY))
                .as("after to").isFalse();
    }

    @Test
    void anOfferPassedIsNotWantedAgainAndTheEntryWaitsOn() {
        WaitlistEntry entry = WaitlistEntry.create("e", new AddToWaitlist("rs", "massage-60", null, "p", MONDAY,
                MONDAY, null, null, Party.CLINIC), NOW);
        Offer offer = offer("o1", at(MONDAY, "10:00"));

        entry.offer(offer, "massage-60", "p");
        assertThat(entry.status()).isEqualTo(WaitlistStatus.OFFERED);
        assertThat(entry.isOpen("o1", NOW)).isTrue();
        assertThat(entry.isOpen("o1", offer.expiresAt())).as("at its expiry").isFalse();
        entry.release("o1", WaitlistEntry.Release.DECLINED, NOW);

        assertThat(entry.status()).isEqualTo(WaitlistStatus.WAITING);
        assertThat(entry.wants("sofia", at(MONDAY, "10:00"), at(MONDAY, "11:00"), CALGARY)).isFalse();
        assertThat(entry.wants("sofia", at(MONDAY, "11:00"), at(MONDAY, "12:00"), CALGARY)).isTrue();
        assertThat(entry.events()).hasSize(2).element(0).isInstanceOf(WaitlistOfferMade.class);
        assertThat(entry.events().get(1)).isInstanceOfSatisfying(WaitlistOfferDeclined.class,
                declined -> assertThat(declined.reason()).isEqualTo(WaitlistOfferDeclined.PATIENT));
        assertThat(entry.revision()).isEqualTo(3);

        entry.offer(offer("o2", at(MONDAY, "11:00")), "massage-60", "p");
        assertThatThrownBy(() -> entry.release("o1", WaitlistEntry.Release.EXPIRED, NOW))
                .as("a late answer to the older offer").isInstanceOf(WaitlistStateException.class);
        entry.release("o2", WaitlistEntry.Release.EXPIRED, NOW);
        assertThat(entry.events().get(entry.events().size() - 1)).isInstanceOf(WaitlistOfferExpired.class);
    }

    @Test
    void aBookedEntryCannotBeWithdrawnAndAWithdrawalClosesTheOpenOffer() {
        WaitlistEntry booked = WaitlistEntry.create("b", new AddToWaitlist("rs", "massage-60", null, "p", MONDAY,
                MONDAY, null, null, Party.CLINIC), NOW);
        booked.offer(offer("o", at(MONDAY, "10:00")), "massage-60", "p");
        booked.accepting("o", NOW);
        booked.booked("o", NOW);
        assertThat(booked.status()).isEqualTo(WaitlistStatus.BOOKED);
        assertThatThrownBy(() -> booked.withdraw(false, NOW)).isInstanceOf(WaitlistStateException.class);

        WaitlistEntry offered = WaitlistEntry.create("w", new AddToWaitlist("rs", "massage-60", null, "p", MONDAY,
                MONDAY, null, null, Party.CLINIC), NOW);
        offered.offer(offer("o3", at(MONDAY, "10:00")), "massage-60", "p");
        offered.withdraw(true, NOW);
        assertThat(offered.status()).isEqualTo(WaitlistStatus.REMOVED);
        assertThat(offered.events().get(1)).isInstanceOfSatisfying(WaitlistEntryWithdrawn.class, withdrawn -> {
            assertThat(withdrawn.offerId()).isEqualTo("o3");
            assertThat(withdrawn.reason()).isEqualTo(WaitlistEntryWithdrawn.PATIENT_ERASED);
        });
    }

    @Test
    void theOfferWindowIsCutToEndBeforeTheMinimumNoticeAndNotMadeWhenTooShort() {
        var service = new com.clinicbackbone.booking.clinic.ClinicService("physio", "rs", "Physio", 30, null, 0, 0,
                true, Duration.ofHours(2), Duration.ofDays(90), null, null, List.of(), 15, null);
        var clinic = new com.clinicbackbone.booking.clinic.Clinic("rs", "Running Shoe", "America/Edmonton");
        WaitlistService waitlist = new WaitlistService(null, null, null, null, null,
                new OfferWindows(null, java.util.Map.of(), null), WaitlistListener.NONE, null);

        assertThat(waitlist.window(clinic, service, NOW.plus(Duration.ofDays(1)), NOW))
                .isEqualTo(Duration.ofMinutes(15));
        assertThat(waitlist.window(clinic, service, NOW.plus(Duration.ofMinutes(130)), NOW))
                .isEqualTo(Duration.ofMinutes(10));
        assertThat(waitlist.window(clinic, service, NOW.plus(Duration.ofMinutes(120)).plusSeconds(30), NOW))
                .as("half a minute before the notice").isNull();
    }

    private static Instant at(LocalDate date, String time) {
        return LocalDateTime.of(date, LocalTime.parse(time)).atZone(CALGARY).toInstant();
    }

    private static Offer offer(String id, Instant start) {
        return new Offer(id, "sofia", start, start.plus(Duration.ofHours(1)), NOW.plus(Duration.ofMinutes(15)), NOW,
                start, start.plus(Duration.ofHours(1)), null, List.of("sofia"),
                new FreedTime("rs", "sofia", start, start.plus(Duration.ofHours(1)), NOW));
    }
}
