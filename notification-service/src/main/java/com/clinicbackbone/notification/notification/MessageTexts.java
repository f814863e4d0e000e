package com.clinicbackbone.notification.notification;

import com.clinicbackbone.notification.clinic.Clinic;
import com.clinicbackbone.notification.contact.Contact;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The texts of the messages, in English or French. They carry the minimum: never the service or treatment;
 * an SMS names the clinic only by its neutral sender alias, leaves out the patient's name and stays within one
 * GSM-7 segment (160 characters).
 */
final class MessageTexts {

    private static final DateTimeFormatter EMAIL_EN =
            DateTimeFormatter.ofPattern("EEEE, MMMM d, yyyy 'at' h:mm a", Locale.ENGLISH);
    private static final DateTimeFormatter EMAIL_FR =
            DateTimeFormatter.ofPattern("EEEE d MMMM yyyy 'à' H'h'mm", Locale.FRENCH);
    private static final DateTimeFormatter SMS_EN = DateTimeFormatter.ofPattern("EEE MMM d 'at' h:mm a", Locale.ENGLISH);
    private static final DateTimeFormatter SMS_FR = DateTimeFormatter.ofPattern("dd/MM 'à' H'h'mm", Locale.FRENCH);

    /** The GSM 03.38 basic character set (one septet each); the escaped extension characters are left out. */
    private static final String GSM7 = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    private MessageTexts() {
    }

    static EmailMessage email(String to, NotificationKind kind, Contact contact, Clinic clinic, Instant start) {
        boolean french = isFrench(contact.language());
        String when = (french ? EMAIL_FR : EMAIL_EN).format(local(start, clinic));
        String given = contact.givenName() == null || contact.givenName().isBlank() ? "" : " " + contact.givenName();
        String name = clinic.name();
        if (french) {
            return switch (kind) {
                case CONFIRMATION -> new EmailMessage(to, "Votre rendez-vous est confirmé", body(french, given,
                        "Votre rendez-vous à " + name + " est confirmé pour le " + when + "."));
                case REMINDER -> new EmailMessage(to, "Rappel de rendez-vous", body(french, given,
                        "Nous vous rappelons votre rendez-vous à " + name + " le " + when + "."));
                case CANCELLATION -> new EmailMessage(to, "Votre rendez-vous a été annulé", body(french, given,
                        "Votre rendez-vous à " + name + " du " + when + " a été annulé."));
                case CHANGE -> new EmailMessage(to, "Votre rendez-vous a été déplacé", body(french, given,
                        "Votre rendez-vous à " + name + " a été déplacé au " + when + "."));
            };
        }
        return switch (kind) {
            case CONFIRMATION -> new EmailMessage(to, "Your appointment is booked", body(french, given,
                    "Your appointment at " + name + " is booked for " + when + "."));
            case REMINDER -> new EmailMessage(to, "Appointment reminder", body(french, given,
                    "This is a reminder of your appointment at " + name + " on " + when + "."));
            case CANCELLATION -> new EmailMessage(to, "Your appointment was cancelled", body(french, given,
                    "Your appointment at " + name + " on " + when + " was cancelled."));
            case CHANGE -> new EmailMessage(to, "Your appointment was moved", body(french, given,
                    "Your appointment at " + name + " was moved to " + when + "."));
        };
    }

    private static String body(boolean french, String given, String sentence) {
        return french
                ? "Bonjour" + given + ",\n\n" + sentence
                        + "\n\nSi vous avez une question, veuillez communiquer avec la clinique.\n"
                : "Hello" + given + ",\n\n" + sentence + "\n\nIf you have a question, please contact the clinic.\n";
    }

    static String sms(NotificationKind kind, String language, Clinic clinic, Instant start) {
        String alias = clinic.smsSenderAlias();
        if (isFrench(language)) {
            String when = SMS_FR.format(local(start, clinic));
            return switch (kind) {
                case CONFIRMATION -> alias + " : votre rendez-vous est confirmé le " + when
                        + ". Répondez ARRET pour ne plus recevoir de SMS.";
                case REMINDER -> alias + " : rappel de votre rendez-vous le " + when
                        + ". Répondez ARRET pour ne plus recevoir de SMS.";
                case CANCELLATION -> alias + " : votre rendez-vous du " + when + " a été annulé.";
                case CHANGE -> alias + " : votre rendez-vous a été déplacé au " + when
                        + ". Répondez ARRET pour ne plus recevoir de SMS.";
            };
        }
        String when = SMS_EN.format(local(start, clinic));
        return switch (kind) {
            case CONFIRMATION -> alias + ": your appointment is booked for " + when + ". Reply STOP to opt out.";
            case REMINDER -> alias + ": reminder of your appointment on " + when + ". Reply STOP to opt out.";
            case CANCELLATION -> alias + ": your appointment on " + when + " was cancelled.";
            case CHANGE -> alias + ": your appointment was moved to " + when + ". Reply STOP to opt out.";
        };
    }

    /** True when the text fits one SMS segment: GSM-7 basic characters only, at most 160. */
    static boolean fitsOneGsm7Segment(String text) {
        return text.length() <= 160 && text.chars().allMatch(c -> GSM7.indexOf(c) >= 0);
    }

    private static ZonedDateTime local(Instant instant, Clinic clinic) {
        return instant.atZone(clinic.zone());
    }

    private static boolean isFrench(String language) {
        return language != null && language.toLowerCase(Locale.ROOT).startsWith("fr");
    }
}
