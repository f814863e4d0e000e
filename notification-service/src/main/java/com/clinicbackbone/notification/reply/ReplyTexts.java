package com.clinicbackbone.notification.reply;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The answers to inbound SMS, in English or French. Minimum necessary: a date and time at most, never a service,
 * a practitioner or a clinic name.
 */
final class ReplyTexts {

    static final String UNKNOWN_NUMBER = "Reply C to confirm, X to cancel or STOP to opt out. "
            + "To reach the clinic, please call it. / Repondez C pour confirmer, X pour annuler, ARRET pour arreter.";

    private static final DateTimeFormatter WHEN_EN = DateTimeFormatter.ofPattern("EEE MMM d 'at' h:mm a",
            Locale.ENGLISH);
    private static final DateTimeFormatter WHEN_FR = DateTimeFormatter.ofPattern("dd/MM 'à' H'h'mm", Locale.FRENCH);

    private ReplyTexts() {
    }

    static String help(String language) {
        return french(language)
                ? "Répondez C pour confirmer votre prochain rendez-vous, X pour l'annuler, ARRET pour ne plus recevoir de SMS."
                : "Reply C to confirm your next appointment, X to cancel it, STOP to stop receiving SMS.";
    }

    static String optedOut(String language) {
        return french(language)
                ? "Vous ne recevrez plus de SMS de la clinique. Répondez START pour les recevoir de nouveau."
                : "You will no longer receive SMS from the clinic. Reply START to receive them again.";
    }

    static String optedIn(String language) {
        return french(language)
                ? "Vous recevrez de nouveau les SMS de la clinique. Répondez ARRET pour ne plus les recevoir."
                : "You will receive SMS from the clinic again. Reply STOP to stop them.";
    }

    static String confirmed(String language, Instant start, ZoneId zone) {
        return french(language)
                ? "Merci, votre rendez-vous du " + WHEN_FR.format(start.atZone(zone)) + " est confirmé."
                : "Thank you, your appointment on " + WHEN_EN.format(start.atZone(zone)) + " is confirmed.";
    }

    static String cancelRequested(String language, Instant start, ZoneId zone) {
        return french(language)
                ? "Nous avons reçu votre demande d'annulation du rendez-vous du " + WHEN_FR.format(start.atZone(zone))
                        + ". Si la clinique ne peut plus l'annuler, elle vous appellera."
                : "We received your request to cancel your appointment on " + WHEN_EN.format(start.atZone(zone))
                        + ". If it is too late to cancel, the clinic will call you.";
    }

    static String offerTaken(String language, Instant start, ZoneId zone) {
        return french(language)
                ? "Merci, nous réservons pour vous la place du " + WHEN_FR.format(start.atZone(zone))
                        + ". Une confirmation suit."
                : "Thank you, we are booking the spot on " + WHEN_EN.format(start.atZone(zone))
                        + " for you. A confirmation follows.";
    }

    static String offerPassed(String language) {
        return french(language)
                ? "Merci, la place sera proposée à quelqu'un d'autre. Vous restez sur la liste d'attente."
                : "Thank you, the spot goes to someone else. You stay on the waitlist.";
    }

    static String noOpenOffer(String language) {
        return french(language)
                ? "Cette offre n'est plus ouverte. Vous restez sur la liste d'attente."
                : "This offer is no longer open. You stay on the waitlist.";
    }

    static String noUpcomingAppointment(String language) {
        return french(language)
                ? "Nous n'avons trouvé aucun rendez-vous à venir. Veuillez appeler la clinique."
                : "We found no upcoming appointment. Please call the clinic.";
    }

    private static boolean french(String language) {
        return "fr".equalsIgnoreCase(language);
    }
}
