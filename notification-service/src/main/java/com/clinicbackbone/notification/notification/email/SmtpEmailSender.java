package com.clinicbackbone.notification.notification.email;

import com.clinicbackbone.notification.NotificationProperties;
import com.clinicbackbone.notification.notification.CalendarInvite;
import com.clinicbackbone.notification.notification.DeliveryException;
import com.clinicbackbone.notification.notification.EmailMessage;
import com.clinicbackbone.notification.notification.EmailSender;
import com.clinicbackbone.notification.notification.Notification;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * The email channel over SMTP: text and HTML alternatives, from {@code notifications.email.from}, with the
 * message's iCalendar event attached as {@code invite.ics} ({@code text/calendar} with its METHOD).
 *
 * <p>Connections are kept open between messages ({@link SmtpConnections}, server from {@code spring.mail.*});
 * one unused for {@code notifications.email.connection-idle-timeout} (default 30 s) is closed. What a failure
 * means for the message:
 * <ul>
 *   <li>no connection, or the connection broke before the end of the message data: the server cannot have it,
 *       tried again later (a kept connection the server had dropped is replaced at once, once);</li>
 *   <li>a 4xx reply (to MAIL FROM, RCPT TO, DATA or the end of the data): the server did not take it, tried
 *       again later; a 5xx reply: refused for good;</li>
 *   <li>no reply after the end of the message data (connection closed, read timed out): the server may have
 *       taken it, so the outcome is unknown and it is not sent again ({@link DeliveryException#outcomeUnknown}).</li>
 * </ul>
 * Reasons never quote the server's reply text (it may name the recipient), only its code.
 */
@Component
class SmtpEmailSender implements EmailSender, AutoCloseable {

    private static final String UTF_8 = StandardCharsets.UTF_8.name();

    private final JavaMailSenderImpl mail;
    private final SmtpConnections connections;
    private final String from;
    private final Clock clock;

    @Autowired
    SmtpEmailSender(JavaMailSenderImpl mail, NotificationProperties properties, Clock clock,
                    @Value("${notifications.email.connection-idle-timeout:PT30S}") Duration idleTimeout) {
        this(mail, properties.email().from(), clock, idleTimeout);
    }

    SmtpEmailSender(JavaMailSenderImpl mail, String from, Clock clock, Duration idleTimeout) {
        this.mail = mail;
        this.from = from;
        this.clock = clock;
        String username = blankToNull(mail.getUsername());
        this.connections = new SmtpConnections(new SmtpConnections.Server(mail.getSession(),
                mail.getProtocol() != null ? mail.getProtocol() : JavaMailSenderImpl.DEFAULT_PROTOCOL,
                mail.getHost(), mail.getPort(), username, username == null ? null : mail.getPassword()),
                idleTimeout);
    }

    @Override
    public String send(EmailMessage message) {
        TrackedMessage mime = compose(message);
        for (boolean firstTry = true; ; firstTry = false) {
            SmtpConnections.Connection connection;
            try {
                connection = connections.acquire();
            } catch (MessagingException e) {
                throw new DeliveryException("SMTP server not reachable: " + e.getClass().getSimpleName(), false, e);
            }
            try {
                mime.resetWritten();
                connection.transport().sendMessage(mime, mime.getAllRecipients());
                connections.release(connection);
                return mime.getMessageID();
            } catch (MessagingException | RuntimeException e) {
                connections.discard(connection);
                boolean handedOver = mime.written();
                int reply = replyCode(e);
                if (!handedOver && reply == 0 && connection.reused() && firstTry) {
                    continue; // a kept connection the server had closed meanwhile: nothing sent, once more
                }
                throw failure(e, handedOver, reply);
            }
        }
    }

    /**
     * The message as Spring's {@code MimeMessageHelper} (mixed, related) would build it: mixed[related[alternative[
     * text, html]], invite.ics]; built directly, as the helper would load the MIME type table for every message.
     */
    private TrackedMessage compose(EmailMessage message) {
        try {
            TrackedMessage mime = new TrackedMessage(mail.getSession());
            mime.setFrom(address(from));
            mime.setRecipient(Message.RecipientType.TO, address(message.to()));
            mime.setSubject(message.subject(), UTF_8);
            MimeMultipart alternative = new MimeMultipart("alternative");
            alternative.addBodyPart(textPart(message.body(), "plain"));
            alternative.addBodyPart(textPart(message.html(), "html"));
            MimeMultipart related = new MimeMultipart("related");
            related.addBodyPart(partOf(alternative));
            MimeMultipart mixed = new MimeMultipart("mixed");
            mixed.addBodyPart(partOf(related));
            CalendarInvite invite = message.calendar();
            if (invite != null) {
                String ics = invite.toIcs(address(from).getAddress(), message.to(), clock.instant());
                MimeBodyPart attachment = new MimeBodyPart();
                attachment.setDisposition(Part.ATTACHMENT);
                attachment.setFileName("invite.ics");
                attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(
                        ics.getBytes(StandardCharsets.UTF_8),
                        "text/calendar; charset=UTF-8; method=" + invite.method())));
                mixed.addBodyPart(attachment);
            }
            mime.setContent(mixed);
            mime.setSentDate(Date.from(clock.instant()));
            mime.saveChanges(); // what Transport.send would do: headers, Message-ID
            return mime;
        } catch (MessagingException e) {
            throw new DeliveryException("email could not be composed (invalid address?)",
                    Notification.Failure.INVALID_ADDRESS, null, null, true, e);
        }
    }

    /** One address, its display name (if any) encoded in UTF-8, as Spring's helper parses it. */
    private static InternetAddress address(String value) throws MessagingException {
        InternetAddress[] parsed = InternetAddress.parse(value, true);
        if (parsed.length != 1) {
            throw new AddressException("not one address");
        }
        try {
            return new InternetAddress(parsed[0].getAddress(), parsed[0].getPersonal(), UTF_8);
        } catch (java.io.UnsupportedEncodingException e) {
            throw new AddressException("display name not encodable");
        }
    }

    private static MimeBodyPart textPart(String text, String subtype) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setText(text, UTF_8, subtype);
        return part;
    }

    private static MimeBodyPart partOf(MimeMultipart multipart) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setContent(multipart);
        return part;
    }

    private static DeliveryException failure(Exception e, boolean handedOver, int reply) {
        if (reply >= 500) {
            return new DeliveryException("SMTP server refused the message (" + reply + ")", true, e);
        }
        if (reply >= 400) {
            return new DeliveryException("SMTP server did not take the message for now (" + reply + ")", false, e);
        }
        if (handedOver) {
            return DeliveryException.outcomeUnknown("SMTP answer lost after the message was handed over ("
                    + e.getClass().getSimpleName() + "): not sent again", e);
        }
        return new DeliveryException("SMTP delivery failed before the message was handed over: "
                + e.getClass().getSimpleName(), false, e);
    }

    /**
     * The SMTP reply code (4xx, 5xx) in the failure or its causes, 0 when the server gave none (connection lost,
     * timeout). The provider's SMTP exceptions ({@code SMTPSendFailedException}, {@code SMTPAddressFailedException}
     * ...) carry it as {@code getReturnCode()}; they are read by that name, the provider being a runtime library.
     */
    static int replyCode(Throwable failure) {
        Throwable e = failure;
        for (int depth = 0; e != null && depth < 10; depth++) {
            int code = returnCode(e);
            if (code >= 400 && code < 600) {
                return code;
            }
            e = e.getCause(); // a MessagingException's cause is its next exception
        }
        return 0;
    }

    private static int returnCode(Throwable e) {
        try {
            return e.getClass().getMethod("getReturnCode").invoke(e) instanceof Integer code ? code : 0;
        } catch (ReflectiveOperationException notAnSmtpReply) {
            return 0;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    @Override
    public void close() {
        connections.close();
    }
}
