package com.clinicbackbone.notification.contact;

import java.util.Set;

/**
 * A patient's contact details as published on the contact directory.
 *
 * @param language {@code en} or {@code fr}
 * @param channels the channels the patient wants messages on
 */
public record Contact(String patientId, String givenName, String email, String phone, String language,
                      Set<Channel> channels, long revision) {

    public Contact {
        channels = channels == null ? Set.of() : Set.copyOf(channels);
    }

    public boolean wants(Channel channel) {
        return channels.contains(channel);
    }
}
