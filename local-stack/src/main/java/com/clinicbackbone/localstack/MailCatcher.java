package com.clinicbackbone.localstack;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An SMTP server (GreenMail, in-process) accepting every message for every address, with or without
 * authentication, and handing each caught message once to a consumer such as {@link SmsSink#recordMail}.
 */
public final class MailCatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MailCatcher.class);

    private final GreenMail greenMail;
    private final Consumer<CapturedMail> consumer;
    private final Clock clock = Clock.systemUTC();
    private final Set<String> seen = new HashSet<>();
    private final ScheduledExecutorService poller;

    private MailCatcher(GreenMail greenMail, Consumer<CapturedMail> consumer) {
        this.greenMail = greenMail;
        this.consumer = consumer;
        this.poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mail-catcher");
            thread.setDaemon(true);
            return thread;
        });
        poller.scheduleWithFixedDelay(this::collect, 250, 250, TimeUnit.MILLISECONDS);
    }

    /**
     * Starts SMTP on 127.0.0.1.
     *
     * @param port the port, 0 for a free one
     */
    public static MailCatcher start(int port, Consumer<CapturedMail> consumer) {
        GreenMail greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        greenMail.start();
        return new MailCatcher(greenMail, consumer);
    }

    public int port() {
        return greenMail.getSmtp().getPort();
    }

    @Override
    public void close() {
        poller.shutdownNow();
        try {
            poller.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        collect();
        greenMail.stop();
    }

    /** Hands over the messages not seen yet (one copy per message, not one per recipient mailbox). */
    private synchronized void collect() {
        try {
            for (MimeMessage message : greenMail.getReceivedMessages()) {
                if (seen.add(key(message))) {
                    consumer.accept(toCaptured(message));
                }
            }
        } catch (RuntimeException | MessagingException | IOException e) {
            log.warn("Could not read a caught email", e);
        }
    }

    private static String key(MimeMessage message) throws MessagingException {
        String id = message.getMessageID();
        if (id != null) {
            return id;
        }
        return String.join("|", String.valueOf(message.getSentDate()), addresses(message.getFrom()),
                addresses(message.getRecipients(Message.RecipientType.TO)), String.valueOf(message.getSubject()));
    }

    private CapturedMail toCaptured(MimeMessage message) throws MessagingException, IOException {
        var received = message.getReceivedDate() != null ? message.getReceivedDate().toInstant() : clock.instant();
        return new CapturedMail(addresses(message.getRecipients(Message.RecipientType.TO)),
                addresses(message.getFrom()), message.getSubject(), text(message), received);
    }

    private static String addresses(Address[] addresses) {
        if (addresses == null) {
            return "";
        }
        return Arrays.stream(addresses)
                .map(a -> a instanceof InternetAddress internet ? internet.toUnicodeString() : a.toString())
                .collect(Collectors.joining(", "));
    }

    /** The plain text of the message; its HTML part when there is no plain one. */
    static String text(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/plain") || part.isMimeType("text/html")) {
            return String.valueOf(part.getContent());
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            String fallback = "";
            for (int i = 0; i < multipart.getCount(); i++) {
                Part child = multipart.getBodyPart(i);
                if (child.isMimeType("text/plain")) {
                    return String.valueOf(child.getContent());
                }
                String text = text(child);
                if (fallback.isEmpty()) {
                    fallback = text;
                }
            }
            return fallback;
        }
        return "";
    }
}
