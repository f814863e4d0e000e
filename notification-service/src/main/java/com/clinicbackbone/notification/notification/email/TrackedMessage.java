package com.clinicbackbone.notification.notification.email;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A message that knows whether it was handed over: the SMTP transport writes it after the server's 354 answer to
 * DATA; once it is written whole, only the end-of-data line and the server's reply are left, so from then on the
 * server may have accepted it. Written partly, the server discards it (the data never ended).
 */
final class TrackedMessage extends MimeMessage {

    private volatile boolean written;

    TrackedMessage(Session session) {
        super(session);
    }

    @Override
    public void writeTo(OutputStream out, String[] ignoreList) throws IOException, MessagingException {
        written = false;
        super.writeTo(out, ignoreList);
        written = true;
    }

    /** Whether the last write of the message (to the transport) completed. */
    boolean written() {
        return written;
    }

    /** Before a (new) send: nothing handed over yet. */
    void resetWritten() {
        written = false;
    }
}
