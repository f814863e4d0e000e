package com.clinicbackbone.notification.contact;

import java.util.Set;

/**
 * A patient's contact details as published on the contact directory.
 *
 * @param language {@code en} or {@code fr}
 * @param channels the channels the patient wants messages on
 * @param consents the channels the patient consented to be contacted on; null when the record does not say
 *                 (records written before consents existed), which counts as consent on every channel
 */
public record Contact(String patientId, String givenName, String email, String phone, String language,
                      Set<Channel> channels, Set<Channel> consents, long revision) {

    public Contact {
        channels = channels == null ? Set.of() : Set.copyOf(channels);
        consents = consents == null ? null : Set.copyOf(consents);
    }

    public boolean wants(Channel channel) {
        return channels.contains(channel);
    }

    /** True unless the record lists consents and the channel is not among them. */
    public boolean consentsTo(Channel channel) {
        return consents == null || consents.contains(channel);
    }
}
