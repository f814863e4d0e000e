package com.clinicbackbone.notification.notification.email;

import com.clinicbackbone.notification.NotificationProperties;
import com.clinicbackbone.notification.notification.DeliveryException;
import com.clinicbackbone.notification.notification.EmailMessage;
import com.clinicbackbone.notification.notification.EmailSender;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/** The email channel over SMTP: plain text, from {@code notifications.email.from}. */
@Component
class SmtpEmailSender implements EmailSender {

    private final JavaMailSender mail;
    private final String from;

    SmtpEmailSender(JavaMailSender mail, NotificationProperties properties) {
        this.mail = mail;
        this.from = properties.email().from();
    }

    @Override
    public String send(EmailMessage message) {
        try {
            MimeMessage mime = mail.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(mime, StandardCharsets.UTF_8.name());
            helper.setFrom(from);
            helper.setTo(message.to());
            helper.setSubject(message.subject());
            helper.setText(message.body(), false);
            mail.send(mime);
            return mime.getMessageID();
        } catch (MessagingException e) {
            throw new DeliveryException("email could not be composed (invalid address?)", true, e);
        } catch (MailException e) {
            throw new DeliveryException("SMTP delivery failed: " + e.getClass().getSimpleName(), false, e);
        }
    }
}
