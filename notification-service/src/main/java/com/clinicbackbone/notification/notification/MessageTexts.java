package com.clinicbackbone.notification.notification;

import com.clinicbackbone.notification.clinic.Clinic;
import com.clinicbackbone.notification.contact.Channel;
import com.clinicbackbone.notification.contact.Contact;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The texts of the messages: Mustache templates (the clinic's own or the built-in English and French defaults)
 * rendered with the clinic's details and the visit's local date and time. They carry the minimum: never the
 * service or treatment; an SMS names the clinic only by its sender name (the policy's alias), leaves out the
 * patient's name and may not exceed two segments.
 */
final class MessageTexts {

    static final Set<String> EMAIL_PLACEHOLDERS = Set.of("givenName", "clinicName", "senderName", "date", "time");
    static final Set<String> AFTERCARE_PLACEHOLDERS = Set.of("givenName", "clinicName", "senderName", "date", "time",
            "aftercare");
    static final Set<String> SMS_PLACEHOLDERS = Set.of("senderName", "date", "time");
    static final Set<String> RECALL_SMS_PLACEHOLDERS = Set.of("senderName", "bookingUrl");
    static final Set<String> RECALL_EMAIL_PLACEHOLDERS = Set.of("givenName", "clinicName", "senderName",
            "bookingUrl");
    static final int MAX_SMS_SEGMENTS = 2;

    private static final DateTimeFormatter EMAIL_DATE_EN = DateTimeFormatter.ofPattern("EEEE, MMMM d, yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter EMAIL_DATE_FR = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.FRENCH);
    private static final DateTimeFormatter SMS_DATE_EN = DateTimeFormatter.ofPattern("EEE MMM d", Locale.ENGLISH);
    private static final DateTimeFormatter SMS_DATE_FR = DateTimeFormatter.ofPattern("dd/MM", Locale.FRENCH);
    private static final DateTimeFormatter TIME_EN = DateTimeFormatter.ofPattern("h:mm a", Locale.ENGLISH);
    private static final DateTimeFormatter TIME_FR = DateTimeFormatter.ofPattern("H'h'mm", Locale.FRENCH);
    /** The longest values an SMS placeholder takes (an 11-character alias, the longest date and time). */
    private static final Map<String, Map<String, String>> SMS_WORST_CASE = Map.of(
            "en", Map.of("senderName", "WWWWWWWWWWW", "date", "Wed Sep 30", "time", "12:30 PM",
                    "bookingUrl", "https://book.example-clinic-network.org/clinics/integrative-pain"),
            "fr", Map.of("senderName", "WWWWWWWWWWW", "date", "30/09", "time", "23h30",
                    "bookingUrl", "https://book.example-clinic-network.org/clinics/integrative-pain"));

    private static final Mustache.Compiler TEXT = Mustache.compiler().escapeHTML(false).emptyStringIsFalse(true);
    private static final Mustache.Compiler HTML = Mustache.compiler().escapeHTML(true).emptyStringIsFalse(true);

    private MessageTexts() {
    }

    /** The placeholders a template of that kind and channel may use. */
    static Set<String> placeholders(NotificationKind kind, Channel channel) {
        if (kind == NotificationKind.RECALL) {
            return channel == Channel.SMS ? RECALL_SMS_PLACEHOLDERS : RECALL_EMAIL_PLACEHOLDERS;
        }
        return channel == Channel.SMS ? SMS_PLACEHOLDERS
                : kind == NotificationKind.AFTERCARE ? AFTERCARE_PLACEHOLDERS : EMAIL_PLACEHOLDERS;
    }

    /** The email from the built-in template. */
    static EmailMessage email(String to, NotificationKind kind, Contact contact, Clinic clinic, Instant start) {
        return email(to, defaultTemplate(kind, TemplateKey.languageOf(contact.language()), Channel.EMAIL), contact,
                clinic, start, "");
    }

    /** @param aftercare the service's aftercare instructions (AFTERCARE only; empty otherwise) */
    static EmailMessage email(String to, MessageTemplate template, Contact contact, Clinic clinic, Instant start,
                              String aftercare) {
        boolean french = TemplateKey.languageOf(contact.language()).equals("fr");
        ZonedDateTime local = start.atZone(clinic.zone());
        Map<String, String> values = Map.of(
                "givenName", contact.givenName() == null ? "" : contact.givenName().strip(),
                "clinicName", clinic.name(),
                "senderName", clinic.smsSenderAlias(),
                "date", (french ? EMAIL_DATE_FR : EMAIL_DATE_EN).format(local),
                "time", (french ? TIME_FR : TIME_EN).format(local),
                "aftercare", aftercare,
                "bookingUrl", clinic.bookingUrl());
        return new EmailMessage(to, TEXT.compile(template.subject()).execute(values).strip(),
                TEXT.compile(template.text()).execute(values), HTML.compile(template.html()).execute(values), null);
    }

    /** What a calendar shows for the visit: the clinic, never the service. */
    static String calendarSummary(String language, Clinic clinic) {
        return (TemplateKey.languageOf(language).equals("fr") ? "Rendez-vous à " : "Appointment at ") + clinic.name();
    }

    /** The SMS from the built-in template. */
    static String sms(NotificationKind kind, String language, Clinic clinic, Instant start) {
        return sms(defaultTemplate(kind, TemplateKey.languageOf(language), Channel.SMS), language, clinic, start);
    }

    static String sms(MessageTemplate template, String language, Clinic clinic, Instant start) {
        boolean french = TemplateKey.languageOf(language).equals("fr");
        ZonedDateTime local = start.atZone(clinic.zone());
        return render(template.text(), Map.of("senderName", clinic.smsSenderAlias(),
                "date", (french ? SMS_DATE_FR : SMS_DATE_EN).format(local),
                "time", (french ? TIME_FR : TIME_EN).format(local),
                "bookingUrl", clinic.bookingUrl()));
    }

    /**
     * Why the template may not be saved for the clinic (empty when it may): required parts, Mustache syntax,
     * unknown placeholders, and for SMS no clinic name and at most two segments with the worst-case values.
     */
    static List<InvalidTemplateException.Problem> check(TemplateKey key, MessageTemplate template, Clinic clinic) {
        List<InvalidTemplateException.Problem> problems = new ArrayList<>();
        Set<String> allowed = placeholders(key.kind(), key.channel());
        Map<String, String> parts = new java.util.LinkedHashMap<>();
        if (key.channel() == Channel.EMAIL) {
            parts.put("subject", template.subject());
            parts.put("text", template.text());
            parts.put("html", template.html());
        } else {
            parts.put("text", template.text());
            if (template.subject() != null || template.html() != null) {
                problems.add(new InvalidTemplateException.Problem(template.subject() != null ? "subject" : "html",
                        "an SMS has only a text"));
            }
        }
        parts.forEach((field, source) -> {
            if (source == null || source.isBlank()) {
                problems.add(new InvalidTemplateException.Problem(field, "required"));
                return;
            }
            Set<String> used;
            try {
                used = placeholdersIn(source);
            } catch (MustacheException e) {
                problems.add(new InvalidTemplateException.Problem(field, "not a valid Mustache template: "
                        + e.getMessage()));
                return;
            }
            Set<String> unknown = new TreeSet<>(used);
            unknown.removeAll(allowed);
            for (String name : unknown) {
                problems.add(new InvalidTemplateException.Problem(field, "unknown placeholder {{" + name
                        + "}}; allowed: " + new TreeSet<>(allowed)));
            }
        });
        if (key.channel() == Channel.SMS && problems.isEmpty()) {
            String text = template.text();
            if (text.toLowerCase(Locale.ROOT).contains(clinic.name().toLowerCase(Locale.ROOT))) {
                problems.add(new InvalidTemplateException.Problem("text",
                        "an SMS may not name the clinic; use {{senderName}}"));
            }
            String worstCase = render(text, SMS_WORST_CASE.get(key.language()));
            SmsSegments.Measure measure = SmsSegments.measure(worstCase);
            if (measure.segments() > MAX_SMS_SEGMENTS) {
                int limit = measure.encoding().equals("GSM-7") ? 306 : 134;
                problems.add(new InvalidTemplateException.Problem("text", "with the longest values the SMS is "
                        + measure.length() + " characters in " + measure.encoding() + ", " + measure.segments()
                        + " segments; at most " + MAX_SMS_SEGMENTS + " segments (" + limit + " characters in "
                        + measure.encoding() + ") are allowed"));
            }
        }
        return problems;
    }

    private static Set<String> placeholdersIn(String source) {
        Template template = TEXT.compile(source);
        Set<String> names = new LinkedHashSet<>();
        template.visit(new Mustache.Visitor() {
            @Override
            public void visitText(String text) {
            }

            @Override
            public void visitVariable(String name) {
                names.add(name);
            }

            @Override
            public boolean visitInclude(String name) {
                names.add(">" + name);
                return false;
            }

            @Override
            public boolean visitSection(String name) {
                names.add(name);
                return true;
            }

            @Override
            public boolean visitInvertedSection(String name) {
                names.add(name);
                return true;
            }
        });
        return names;
    }

    private static String render(String source, Map<String, String> values) {
        return TEXT.compile(source).execute(values);
    }

    /** True when the text fits one SMS segment. */
    static boolean fitsOneGsm7Segment(String text) {
        SmsSegments.Measure measure = SmsSegments.measure(text);
        return measure.encoding().equals("GSM-7") && measure.segments() == 1;
    }

    /** The built-in template (English or French). */
    static MessageTemplate defaultTemplate(NotificationKind kind, String language, Channel channel) {
        boolean french = "fr".equals(language);
        if (channel == Channel.SMS && kind == NotificationKind.AFTERCARE) {
            throw new IllegalArgumentException("aftercare goes by email only");
        }
        if (channel == Channel.SMS && kind == NotificationKind.RECALL) {
            return new MessageTemplate(null, french
                    ? "{{senderName}} : réservez votre prochaine visite sur {{bookingUrl}} ou appelez la clinique."
                            + " ARRET pour ne plus recevoir de SMS."
                    : "{{senderName}}: time to book your next visit: {{bookingUrl}} or call the clinic."
                            + " STOP to opt out.", null);
        }
        if (channel == Channel.SMS && kind == NotificationKind.WAITLIST_OFFER) {
            return new MessageTemplate(null, french
                    ? "{{senderName}} : une place s'est libérée le {{date}} à {{time}}. Répondez O pour la prendre,"
                            + " N pour passer."
                    : "{{senderName}}: a {{time}} spot opened on {{date}}. Reply Y to take it, N to pass.", null);
        }
        if (channel == Channel.SMS) {
            String reply = french ? " Répondez C pour confirmer, X pour annuler, ARRET pour ne plus recevoir de SMS."
                    : " Reply C to confirm, X to cancel, STOP to opt out.";
            String text = french ? switch (kind) {
                case CONFIRMATION -> "{{senderName}} : votre rendez-vous est confirmé le {{date}} à {{time}}." + reply;
                case REMINDER -> "{{senderName}} : rappel de votre rendez-vous le {{date}} à {{time}}." + reply;
                case CANCELLATION -> "{{senderName}} : votre rendez-vous du {{date}} à {{time}} a été annulé.";
                case CHANGE -> "{{senderName}} : votre rendez-vous a été déplacé au {{date}} à {{time}}." + reply;
                case AFTERCARE, WAITLIST_OFFER, RECALL ->
                        throw new IllegalArgumentException(kind + " has its own text");
            } : switch (kind) {
                case CONFIRMATION -> "{{senderName}}: your appointment is booked for {{date}} at {{time}}." + reply;
                case REMINDER -> "{{senderName}}: reminder of your appointment on {{date}} at {{time}}." + reply;
                case CANCELLATION -> "{{senderName}}: your appointment on {{date}} at {{time}} was cancelled.";
                case CHANGE -> "{{senderName}}: your appointment was moved to {{date}} at {{time}}." + reply;
                case AFTERCARE, WAITLIST_OFFER, RECALL ->
                        throw new IllegalArgumentException(kind + " has its own text");
            };
            return new MessageTemplate(null, text, null);
        }
        String subject;
        String sentence;
        if (french) {
            subject = switch (kind) {
                case CONFIRMATION -> "Votre rendez-vous est confirmé";
                case REMINDER -> "Rappel de rendez-vous";
                case CANCELLATION -> "Votre rendez-vous a été annulé";
                case CHANGE -> "Votre rendez-vous a été déplacé";
                case AFTERCARE -> "Conseils après votre visite";
                case WAITLIST_OFFER -> "Une place s'est libérée";
                case RECALL -> "Il est temps de réserver votre prochaine visite";
            };
            sentence = switch (kind) {
                case CONFIRMATION -> "Votre rendez-vous à {{clinicName}} est confirmé pour le {{date}} à {{time}}.";
                case REMINDER -> "Nous vous rappelons votre rendez-vous à {{clinicName}} le {{date}} à {{time}}.";
                case CANCELLATION -> "Votre rendez-vous à {{clinicName}} du {{date}} à {{time}} a été annulé.";
                case CHANGE -> "Votre rendez-vous à {{clinicName}} a été déplacé au {{date}} à {{time}}.";
                case AFTERCARE -> "Merci de votre visite à {{clinicName}} le {{date}}. Voici vos conseils pour "
                        + "les prochains jours :\n\n{{aftercare}}";
                case WAITLIST_OFFER -> "Une place s'est libérée à {{clinicName}} le {{date}} à {{time}} et nous la "
                        + "gardons pour vous quelques minutes.";
                case RECALL -> "Il est temps de réserver votre prochaine visite à {{clinicName}} : {{bookingUrl}}";
            };
        } else {
            subject = switch (kind) {
                case CONFIRMATION -> "Your appointment is booked";
                case REMINDER -> "Appointment reminder";
                case CANCELLATION -> "Your appointment was cancelled";
                case CHANGE -> "Your appointment was moved";
                case AFTERCARE -> "Your aftercare instructions";
                case WAITLIST_OFFER -> "A spot opened";
                case RECALL -> "Time to book your next visit";
            };
            sentence = switch (kind) {
                case CONFIRMATION -> "Your appointment at {{clinicName}} is booked for {{date}} at {{time}}.";
                case REMINDER -> "This is a reminder of your appointment at {{clinicName}} on {{date}} at {{time}}.";
                case CANCELLATION -> "Your appointment at {{clinicName}} on {{date}} at {{time}} was cancelled.";
                case CHANGE -> "Your appointment at {{clinicName}} was moved to {{date}} at {{time}}.";
                case AFTERCARE -> "Thank you for your visit to {{clinicName}} on {{date}}. Your instructions for the "
                        + "next days:\n\n{{aftercare}}";
                case WAITLIST_OFFER -> "A spot opened at {{clinicName}} on {{date}} at {{time}}, and we are holding it"
                        + " for you for a few minutes.";
                case RECALL -> "It is time to book your next visit at {{clinicName}}: {{bookingUrl}}";
            };
        }
        String greeting = (french ? "Bonjour" : "Hello") + "{{#givenName}} {{givenName}}{{/givenName}},";
        String confirmOrCancel = kind == NotificationKind.CANCELLATION || kind == NotificationKind.AFTERCARE
                || kind == NotificationKind.RECALL ? null
                : kind == NotificationKind.WAITLIST_OFFER ? (french
                ? "Pour la prendre, répondez O à notre SMS (N pour passer) ou appelez la clinique."
                : "To take it, reply Y to our text message (N to pass) or call the clinic.")
                : french
                ? "Pour confirmer, répondez C à notre SMS ; pour annuler, répondez X ou communiquez avec la clinique."
                : "To confirm, reply C to our text message; to cancel, reply X or contact the clinic.";
        String question = french ? "Si vous avez une question, veuillez communiquer avec la clinique."
                : "If you have a question, please contact the clinic.";
        String text = greeting + "\n\n" + sentence + "\n\n" + (confirmOrCancel == null ? "" : confirmOrCancel + "\n")
                + question + "\n";
        String html = "<p>" + greeting + "</p>\n<p>" + sentence.replace("\n\n", "</p>\n<p>") + "</p>\n"
                + (confirmOrCancel == null ? "" : "<p>" + confirmOrCancel + "</p>\n") + "<p>" + question + "</p>\n";
        return new MessageTemplate(subject, text, html);
    }
}
