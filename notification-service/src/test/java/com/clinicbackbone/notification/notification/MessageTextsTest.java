package com.clinicbackbone.notification.notification;

import static com.clinicbackbone.notification.notification.ContactFixture.aContact;
import static org.assertj.core.api.Assertions.assertThat;

import com.clinicbackbone.notification.clinic.Clinic;
import com.clinicbackbone.notification.contact.Channel;
import com.clinicbackbone.notification.contact.Contact;
import java.util.Set;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class MessageTextsTest {

    static final Clinic RUNNING_SHOE = new Clinic("running-shoe", "Running Shoe Restorative Healthcare",
            ZoneId.of("America/Edmonton"), "RS Clinic");
    /** 15:30 UTC is 9:30 in Calgary in summer (MDT, UTC-6). */
    static final Instant SUMMER = Instant.parse("2026-07-15T15:30:00Z");
    /** 16:30 UTC is 9:30 in Calgary in winter (MST, UTC-7). */
    static final Instant WINTER = Instant.parse("2026-01-13T16:30:00Z");

    @Test
    void emailGreetsThePatientAndGivesClinicNameAndLocalTime() {
        EmailMessage email = MessageTexts.email("ada@example.org", NotificationKind.CONFIRMATION,
                aContact().givenName("Ada").build(), RUNNING_SHOE, SUMMER);

        assertThat(email.to()).isEqualTo("ada@example.org");
        assertThat(email.subject()).isEqualTo("Your appointment is booked");
        assertThat(email.body()).startsWith("Hello Ada,")
                .contains("Running Shoe Restorative Healthcare")
                .contains("Wednesday, July 15, 2026 at 9:30 AM");
    }

    @Test
    void localTimeFollowsDaylightSavingTime() {
        EmailMessage email = MessageTexts.email("ada@example.org", NotificationKind.REMINDER, aContact().build(),
                RUNNING_SHOE, WINTER);

        assertThat(email.subject()).isEqualTo("Appointment reminder");
        assertThat(email.body()).contains("Tuesday, January 13, 2026 at 9:30 AM");
    }

    @Test
    void frenchPatientsGetFrenchTexts() {
        EmailMessage email = MessageTexts.email("ada@example.org", NotificationKind.CANCELLATION,
                aContact().givenName("Amélie").language("fr").build(), RUNNING_SHOE, SUMMER);

        assertThat(email.subject()).isEqualTo("Votre rendez-vous a été annulé");
        assertThat(email.body()).startsWith("Bonjour Amélie,").contains("mercredi 15 juillet 2026 à 9h30");
        assertThat(MessageTexts.sms(NotificationKind.REMINDER, "fr", RUNNING_SHOE, SUMMER))
                .isEqualTo("RS Clinic : rappel de votre rendez-vous le 15/07 à 9h30."
                        + " Répondez C pour confirmer, X pour annuler, ARRET pour ne plus recevoir de SMS.");
    }

    @Test
    void smsNamesTheSenderAliasNotTheClinicAndNotThePatient() {
        String sms = MessageTexts.sms(NotificationKind.CONFIRMATION, "en", RUNNING_SHOE, SUMMER);

        assertThat(sms).isEqualTo("RS Clinic: your appointment is booked for Wed Jul 15 at 9:30 AM."
                + " Reply C to confirm, X to cancel, STOP to opt out.");
        assertThat(sms).doesNotContain("Running Shoe", "Ada");
    }

    @Test
    void changeNoticeGivesTheNewTimeInEnglishAndFrenchWithoutTheServiceOrTheClinicNameInSms() {
        EmailMessage english = MessageTexts.email("ada@example.org", NotificationKind.CHANGE,
                aContact().givenName("Ada").build(), RUNNING_SHOE, SUMMER);
        EmailMessage french = MessageTexts.email("ada@example.org", NotificationKind.CHANGE,
                aContact().givenName("Amélie").language("fr").build(), RUNNING_SHOE, SUMMER);

        assertThat(english.subject()).isEqualTo("Your appointment was moved");
        assertThat(english.body()).startsWith("Hello Ada,").contains(
                "Your appointment at Running Shoe Restorative Healthcare was moved to Wednesday, July 15, 2026 at 9:30 AM.");
        assertThat(french.subject()).isEqualTo("Votre rendez-vous a été déplacé");
        assertThat(french.body()).startsWith("Bonjour Amélie,")
                .contains("a été déplacé au mercredi 15 juillet 2026 à 9h30.");
        assertThat(MessageTexts.sms(NotificationKind.CHANGE, "en", RUNNING_SHOE, SUMMER))
                .isEqualTo("RS Clinic: your appointment was moved to Wed Jul 15 at 9:30 AM."
                        + " Reply C to confirm, X to cancel, STOP to opt out.");
        assertThat(MessageTexts.sms(NotificationKind.CHANGE, "fr", RUNNING_SHOE, SUMMER))
                .isEqualTo("RS Clinic : votre rendez-vous a été déplacé au 15/07 à 9h30."
                        + " Répondez C pour confirmer, X pour annuler, ARRET pour ne plus recevoir de SMS.");
    }

    @Test
    void aWaitlistOfferSaysOnlyTheTimeTheDateAndHowToAnswerInEnglishAndFrench() {
        assertThat(MessageTexts.sms(NotificationKind.WAITLIST_OFFER, "en", RUNNING_SHOE, SUMMER))
                .isEqualTo("RS Clinic: a 9:30 AM spot opened on Wed Jul 15. Reply Y to take it, N to pass.");
        assertThat(MessageTexts.sms(NotificationKind.WAITLIST_OFFER, "fr", RUNNING_SHOE, SUMMER))
                .isEqualTo("RS Clinic : une place s'est libérée le 15/07 à 9h30. Répondez O pour la prendre,"
                        + " N pour passer.");
        Contact contact = new Contact("p", "Ann", "ann@example.org", null, "fr", Set.of(Channel.EMAIL), null, 1);
        EmailMessage email = MessageTexts.email("ann@example.org", NotificationKind.WAITLIST_OFFER, contact,
                RUNNING_SHOE, SUMMER);
        assertThat(email.subject()).isEqualTo("Une place s'est libérée");
        assertThat(email.body()).contains("Running Shoe Restorative Healthcare", "9h30", "répondez O");
    }

    @ParameterizedTest
    @EnumSource(value = NotificationKind.class, names = "AFTERCARE", mode = EnumSource.Mode.EXCLUDE)
    void everySmsFitsOneGsm7Segment(NotificationKind kind) {
        Instant longestDate = Instant.parse("2026-09-30T18:30:00Z"); // Wed Sep 30 at 12:30 PM
        for (String language : new String[] {"en", "fr"}) {
            for (String alias : new String[] {"RS Clinic", "CC Clinic", "IM Clinic"}) {
                Clinic clinic = new Clinic("x", "x", ZoneId.of("America/Edmonton"), alias);
                String sms = MessageTexts.sms(kind, language, clinic, longestDate);
                assertThat(MessageTexts.fitsOneGsm7Segment(sms)).as(sms).isTrue();
            }
        }
    }

    @Test
    void gsm7CheckRejectsCharactersOutsideTheBasicSetAndLongTexts() {
        assertThat(MessageTexts.fitsOneGsm7Segment("Répondez ARRET à 9h30")).isTrue();
        assertThat(MessageTexts.fitsOneGsm7Segment("août")).isFalse();
        assertThat(MessageTexts.fitsOneGsm7Segment("x".repeat(161))).isFalse();
    }
}
