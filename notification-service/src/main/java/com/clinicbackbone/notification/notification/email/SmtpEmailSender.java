package com.clinicbackbone.notification.notification.email;

import com.clinicbackbone.notification.NotificationProperties;
import com.clinicbackbone.notification.notification.DeliveryException;
import com.clinicbackbone.notification.notification.EmailMessage;
import com.clinicbackbone.notification.notification.EmailSender;
import com.clinicbackbone.notification.notification.Notification;
import com.clinicbackbone.notification.notification.CalendarInvite;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * The email channel over SMTP: text and HTML alternatives, from {@code notifications.email.from}, with the
 * message's iCalendar event attached as {@code invite.ics} ({@code text/calendar} with its METHOD).
 */
@Component
class SmtpEmailSender implements EmailSender {

    private final JavaMailSender mail;
    private final String from;
    private final Clock clock;

    SmtpEmailSender(JavaMailSender mail, NotificationProperties properties, Clock clock) {
        this.mail = mail;
        this.from = properties.email().from();
        this.clock = clock;
    }

    @Override
    public String send(EmailMessage message) {
        try {
            MimeMessage mime = mail.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(mime, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED,
                    StandardCharsets.UTF_8.name());
            helper.setFrom(from);
            helper.setTo(message.to());
            helper.setSubject(message.subject());
            helper.setText(message.body(), message.html());
            CalendarInvite invite = message.calendar();
            if (invite != null) {
                String ics = invite.toIcs(new InternetAddress(from).getAddress(), message.to(), clock.instant());
                helper.addAttachment("invite.ics", new ByteArrayResource(ics.getBytes(StandardCharsets.UTF_8)),
                        "text/calendar; charset=UTF-8; method=" + invite.method());
            }
            mail.send(mime);
            return mime.getMessageID();
        } catch (MessagingException e) {
            throw new DeliveryException("email could not be composed (invalid address?)",
                    Notification.Failure.INVALID_ADDRESS, null, null, true, e);
        } catch (MailException e) {
            throw new DeliveryException("SMTP delivery failed: " + e.getClass().getSimpleName(), false, e);
        }
    }
}
