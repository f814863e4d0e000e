package com.clinicbackbone.notification.contact.messaging;

import com.clinicbackbone.events.EventHeaders;
import com.clinicbackbone.events.Envelope;
import com.clinicbackbone.events.PatientContactRecord;
import com.clinicbackbone.messaging.InboundEvents;
import com.clinicbackbone.messaging.MalformedEventException;
import com.clinicbackbone.notification.contact.Channel;
import com.clinicbackbone.notification.contact.Contact;
import com.clinicbackbone.notification.notification.PatientLifecycle;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.KafkaNull;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Binding {@code onContactRecord-in-0}: the compacted contact directory {@code clinic.patient-contacts.v1} →
 * the contact projection. A tombstone (null value: {@link KafkaNull} or an empty payload) erases the contact
 * (see {@link PatientLifecycle#contactTombstoned}). Typed {@code Message<?>} because a tombstone's payload is not
 * a byte array.
 */
@Component("onContactRecord")
class ContactRecordConsumer implements Consumer<Message<?>> {

    private static final Logger log = LoggerFactory.getLogger(ContactRecordConsumer.class);
    private static final Set<String> CHANNELS =
            Arrays.stream(Channel.values()).map(Channel::name).collect(Collectors.toSet());

    private final JsonMapper json;
    private final PatientLifecycle lifecycle;

    ContactRecordConsumer(JsonMapper json, PatientLifecycle lifecycle) {
        this.json = json;
        this.lifecycle = lifecycle;
    }

    @Override
    public void accept(Message<?> message) {
        Object payload = message.getPayload();
        if (payload instanceof KafkaNull || payload instanceof byte[] bytes && bytes.length == 0) {
            String patientId = tombstoneKey(message);
            lifecycle.contactTombstoned(patientId);
            log.info("Contact of patient {} erased (tombstone)", patientId);
            return;
        }
        if (!(payload instanceof byte[] bytes)) {
            throw new MalformedEventException("contact record with an unexpected payload type "
                    + payload.getClass().getName());
        }
        Envelope envelope = InboundEvents.envelope(message);
        if (!PatientContactRecord.TYPE.equals(envelope.type())) {
            log.debug("Ignoring event type {} ({})", envelope.type(), envelope.id());
            return;
        }
        if (!lifecycle.contactRecorded(contact(envelope, bytes))) {
            log.debug("Contact record {} for patient {} ignored (stale, or the id was erased or merged)",
                    envelope.id(), envelope.subject());
        }
    }

    private Contact contact(Envelope envelope, byte[] bytes) {
        ContactPayload record;
        try {
            record = json.readValue(bytes, ContactPayload.class);
        } catch (JacksonException e) {
            throw new MalformedEventException("contact record " + envelope.id() + " has no readable JSON payload", e);
        }
        String patientId = record == null || record.patientId() == null ? envelope.subject() : record.patientId();
        if (record == null || !patientId.equals(envelope.subject())) {
            throw new MalformedEventException("contact record " + envelope.id() + " does not match its subject");
        }
        Set<Channel> consents = record.consents() == null ? null : channels(record.consents());
        return new Contact(patientId, record.givenName(), record.email(), record.phone(), record.language(),
                channels(record.channels()), consents, envelope.revision());
    }

    /** The known channel names among the given ones (unknown names are left out). */
    private static Set<Channel> channels(List<String> names) {
        return (names == null ? List.<String>of() : names).stream()
                .filter(name -> name != null && CHANNELS.contains(name.toUpperCase(Locale.ROOT)))
                .map(name -> Channel.valueOf(name.toUpperCase(Locale.ROOT)))
                .collect(Collectors.toSet());
    }

    private static String tombstoneKey(Message<?> message) {
        String key = InboundEvents.header(message, KafkaHeaders.RECEIVED_KEY);
        if (key == null) {
            key = InboundEvents.header(message, EventHeaders.SUBJECT);
        }
        if (key == null || key.isBlank()) {
            throw new MalformedEventException("tombstone without a key");
        }
        return key;
    }

    /** The fields of PatientContactRecord this service reads. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ContactPayload(String patientId, String givenName, String email, String phone, String language,
                          List<String> channels, List<String> consents) {
    }
}
