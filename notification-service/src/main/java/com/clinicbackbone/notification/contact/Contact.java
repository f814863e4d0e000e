package com.clinicbackbone.notification.contact;

import java.util.Set;

/**
 * A patient's contact details as published on the contact directory.
 *
 * @param language {@code en} or {@code fr}
 * @param channels the channels the patient wants messages on
 * @param consents the channels the patient consented to be contacted on; null when the record does not say
 *                 (records written before consents existed), which counts as consent on every channel
 * @param smsOptedOut the patient's phone number replied STOP (or ARRET ...) and not START since: no SMS at all,
 *                    whatever the consents say, as the provider itself would refuse them
 */
public record Contact(String patientId, String givenName, String email, String phone, String language,
                      Set<Channel> channels, Set<Channel> consents, long revision, boolean smsOptedOut) {

    public Contact {
        channels = channels == null ? Set.of() : Set.copyOf(channels);
        consents = consents == null ? null : Set.copyOf(consents);
    }

    /** A contact as the directory publishes it (not opted out by SMS reply). */
    public Contact(String patientId, String givenName, String email, String phone, String language,
                   Set<Channel> channels, Set<Channel> consents, long revision) {
        this(patientId, givenName, email, phone, language, channels, consents, revision, false);
    }

    public boolean wants(Channel channel) {
        return channels.contains(channel);
    }

    /** True unless the record lists consents and the channel is not among them. */
    public boolean consentsTo(Channel channel) {
        return consents == null || consents.contains(channel);
    }
}
