package com.clinicbackbone.messaging;

import java.util.concurrent.CompletableFuture;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;

/**
 * Hands the relay the acknowledgement of each record it sends through {@code StreamBridge}. The Kafka producer
 * handler of every binding sends the future of a record to this channel ({@code futuresChannel}, set by
 * {@link OutboxAutoConfiguration}) when the message carries a future token, on the thread that sent it; the relay
 * picks it up right after {@code send} returns. So the relay sends a batch without waiting per record and then
 * waits once for all the acknowledgements.
 */
final class KafkaSendFutures implements MessageChannel {

    static final KafkaSendFutures CHANNEL = new KafkaSendFutures();

    private static final ThreadLocal<CompletableFuture<?>> SENT = new ThreadLocal<>();

    private KafkaSendFutures() {
    }

    @Override
    public boolean send(Message<?> message, long timeout) {
        if (message.getPayload() instanceof CompletableFuture<?> future) {
            SENT.set(future);
        }
        return true;
    }

    /** Forgets a future left by an earlier send on this thread. */
    static void clear() {
        SENT.remove();
    }

    /** The acknowledgement of the record this thread just sent, or null when the handler gave none. */
    static CompletableFuture<?> take() {
        CompletableFuture<?> future = SENT.get();
        SENT.remove();
        return future;
    }
}
