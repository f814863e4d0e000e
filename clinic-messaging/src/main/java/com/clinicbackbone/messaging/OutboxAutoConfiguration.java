package com.clinicbackbone.messaging;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.stream.config.ProducerMessageHandlerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.integration.kafka.outbound.KafkaProducerMessageHandler;

/**
 * Lets {@link OutboxRelay} publish a batch asynchronously: every Kafka producer binding hands the future of each
 * record to {@link KafkaSendFutures} and does not block per record ({@code sync} off). The relay is the only
 * producer through {@code StreamBridge} in the backbone and waits for every record's acknowledgement itself, once
 * per batch, before it removes the events from the outbox; a record Kafka refuses stays in the outbox.
 */
@AutoConfiguration
@ConditionalOnClass({KafkaProducerMessageHandler.class, ProducerMessageHandlerCustomizer.class})
public class OutboxAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ProducerMessageHandlerCustomizer<KafkaProducerMessageHandler<?, ?>> outboxSendFutures() {
        return (handler, destination) -> {
            handler.setFuturesChannel(KafkaSendFutures.CHANNEL);
            handler.setSync(false);
        };
    }
}
