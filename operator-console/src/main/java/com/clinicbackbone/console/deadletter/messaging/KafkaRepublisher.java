package com.clinicbackbone.console.deadletter.messaging;

import com.clinicbackbone.console.deadletter.DeadLetter;
import com.clinicbackbone.console.deadletter.Republisher;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Sends the original key and payload with the event headers to the original topic, plus
 * {@value DeadLetter#REPLAYED_FROM} naming the dead letter; waits for the broker's acknowledgement.
 */
@Component
class KafkaRepublisher implements Republisher {

    private final KafkaTemplate<byte[], byte[]> kafka;

    KafkaRepublisher(KafkaTemplate<byte[], byte[]> kafka) {
        this.kafka = kafka;
    }

    @Override
    public void republish(DeadLetter deadLetter) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(deadLetter.originalTopic(), deadLetter.key(),
                deadLetter.payload());
        deadLetter.eventHeaders().forEach(header -> record.headers().add(header.name(), header.value()));
        record.headers().add(DeadLetter.REPLAYED_FROM, deadLetter.id().getBytes(StandardCharsets.UTF_8));
        try {
            kafka.send(record).get(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while replaying " + deadLetter.id(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the broker did not take the replay of " + deadLetter.id(), e);
        }
    }
}
