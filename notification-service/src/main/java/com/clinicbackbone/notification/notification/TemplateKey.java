package com.clinicbackbone.notification.notification;

import com.clinicbackbone.notification.contact.Channel;
import java.util.List;
import java.util.Locale;

/** Which template: per clinic, kind, language ({@code en}, {@code fr}) and channel. */
public record TemplateKey(String clinicId, NotificationKind kind, String language, Channel channel) {

    public static final List<String> LANGUAGES = List.of("en", "fr");

    /** The template language for a contact's language: French for {@code fr*}, English otherwise. */
    public static String languageOf(String contactLanguage) {
        return contactLanguage != null && contactLanguage.toLowerCase(Locale.ROOT).startsWith("fr") ? "fr" : "en";
    }
}
