package com.clinicbackbone.console.deadletter.messaging;

import com.clinicbackbone.console.deadletter.DeadLetter;
import com.clinicbackbone.console.deadletter.DeadLetter.Header;
import com.clinicbackbone.console.deadletter.DeadLetters;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Reads every dead-letter topic (a pattern subscription, the console's own group, from the earliest record) into
 * the console's collection. Logs ids only.
 */
@Component
class DeadLetterListener {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterListener.class);

    private final DeadLetters deadLetters;
    private final Clock clock;

    DeadLetterListener(DeadLetters deadLetters, Clock clock) {
        this.deadLetters = deadLetters;
        this.clock = clock;
    }

    @KafkaListener(id = "dead-letters", topicPattern = "${console.dead-letter-topic-pattern}",
            groupId = "${spring.kafka.consumer.group-id:operator-console}")
    void onDeadLetter(ConsumerRecord<byte[], byte[]> record) {
        List<Header> headers = new ArrayList<>();
        record.headers().forEach(header -> headers.add(new Header(header.key(), header.value())));
        DeadLetter deadLetter = DeadLetter.received(record.topic(), record.partition(), record.offset(), record.key(),
                headers, record.value(), clock.instant());
        deadLetters.addIfAbsent(deadLetter);
        log.info("Dead letter {} from {} ({})", deadLetter.id(), deadLetter.originalTopic(), deadLetter.errorType());
    }
}
