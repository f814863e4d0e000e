package com.clinicbackbone.auth.account;

import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.mail.MailSender;
import org.springframework.mail.SimpleMailMessage;

/**
 * The emails of the registration, in the person's language: the one-time code, or, to an address that has an account
 * already, a note saying so (the page shows the same either way, so the form does not tell who has an account).
 * Sent over SMTP ({@code spring.mail.host} / {@code spring.mail.port}; the local stack's mail catcher).
 */
public class RegistrationMail {

    private final MailSender sender;
    private final MessageSource messages;
    private final String from;

    public RegistrationMail(MailSender sender, MessageSource messages, String from) {
        this.sender = sender;
        this.messages = messages;
        this.from = from;
    }

    /** @throws org.springframework.mail.MailException when the mail server does not take it */
    void sendCode(String to, String code, Locale locale) {
        send(to, text("mail.code.subject", locale), text("mail.code.body", locale, code,
                OneTimeCodes.VALIDITY.toMinutes()));
    }

    /** @throws org.springframework.mail.MailException when the mail server does not take it */
    void sendAlreadyRegistered(String to, Locale locale) {
        send(to, text("mail.exists.subject", locale), text("mail.exists.body", locale));
    }

    private void send(String to, String subject, String body) {
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(to);
        message.setSubject(subject);
        message.setText(body);
        sender.send(message);
    }

    private String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }
}
