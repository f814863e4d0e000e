package com.clinicbackbone.notification.notification.email;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import java.time.Duration;
import java.util.Deque;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Open SMTP connections kept between messages: a sender takes one (or a new one is connected), sends, and gives it
 * back; one that failed is closed instead. There are never more than the senders working at once (the dispatcher's
 * threads). A connection unused for {@code idleTimeout} is closed (QUIT) by a background sweep, and all are closed
 * on {@link #close()}.
 */
final class SmtpConnections implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SmtpConnections.class);

    /** Where to connect: what Spring's {@code spring.mail.*} configured. */
    record Server(Session session, String protocol, String host, int port, String username, String password) {
    }

    /** A connection taken from the pool; {@code reused} when it had sent before (the server may have dropped it). */
    record Connection(Transport transport, boolean reused) {
    }

    private record Idle(Transport transport, long sinceNanos) {
    }

    private final Server server;
    private final long idleNanos;
    private final Deque<Idle> idle = new ConcurrentLinkedDeque<>();
    private final ScheduledExecutorService sweeper;
    private volatile boolean closed;

    SmtpConnections(Server server, Duration idleTimeout) {
        this.server = server;
        this.idleNanos = idleTimeout.toNanos();
        this.sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "smtp-idle-connections");
            thread.setDaemon(true);
            return thread;
        });
        long every = Math.max(idleTimeout.toMillis() / 2, 100);
        sweeper.scheduleWithFixedDelay(this::closeIdle, every, every, TimeUnit.MILLISECONDS);
    }

    /** The most recently used open connection, or a new one (connect failures are thrown). */
    Connection acquire() throws MessagingException {
        Idle kept;
        while ((kept = idle.pollFirst()) != null) {
            // no NOOP to test it (a round trip): a connection the server dropped fails before DATA and the
            // sender tries once more on a new one
            if (System.nanoTime() - kept.sinceNanos() < idleNanos) {
                return new Connection(kept.transport(), true);
            }
            quit(kept.transport());
        }
        Transport transport = server.session().getTransport(server.protocol());
        transport.connect(server.host(), server.port(), server.username(), server.password());
        return new Connection(transport, false);
    }

    /** Gives a connection that sent successfully back for the next message. */
    void release(Connection connection) {
        if (closed) {
            quit(connection.transport());
            return;
        }
        idle.offerFirst(new Idle(connection.transport(), System.nanoTime()));
    }

    /** Closes a connection that failed: its state is unknown, the next message gets a fresh one. */
    void discard(Connection connection) {
        quit(connection.transport());
    }

    /** How many connections are open and unused now. */
    int idleCount() {
        return idle.size();
    }

    void closeIdle() {
        long now = System.nanoTime();
        for (Iterator<Idle> it = idle.descendingIterator(); it.hasNext(); ) {
            Idle kept = it.next();
            if (now - kept.sinceNanos() >= idleNanos && idle.removeLastOccurrence(kept)) {
                quit(kept.transport());
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        sweeper.shutdownNow();
        Idle kept;
        while ((kept = idle.pollFirst()) != null) {
            quit(kept.transport());
        }
    }

    private static void quit(Transport transport) {
        try {
            transport.close();
        } catch (MessagingException | RuntimeException e) {
            log.debug("Closing an SMTP connection failed: {}", e.toString());
        }
    }
}
