package com.clinicbackbone.notification.notification;

import com.clinicbackbone.notification.contact.Channel;
import com.clinicbackbone.notification.contact.Contact;
import java.util.Set;

/** Builds contact records for tests; defaults: pat-1, Ada, English, email and SMS, consents not stated. */
final class ContactFixture {

    private String patientId = "pat-1";
    private String givenName = "Ada";
    private String email = "ada@example.org";
    private String phone = "+15875550123";
    private String language = "en";
    private Set<Channel> channels = Set.of(Channel.EMAIL, Channel.SMS);
    private Set<Channel> consents;
    private long revision = 1;

    static ContactFixture aContact() {
        return new ContactFixture();
    }

    ContactFixture channels(Channel... values) {
        channels = Set.of(values);
        return this;
    }

    /** The channels consented to (without this call the record does not state consents). */
    ContactFixture consents(Channel... values) {
        consents = Set.of(values);
        return this;
    }

    ContactFixture patient(String value) {
        patientId = value;
        return this;
    }

    ContactFixture revision(long value) {
        revision = value;
        return this;
    }

    ContactFixture language(String value) {
        language = value;
        return this;
    }

    ContactFixture givenName(String value) {
        givenName = value;
        return this;
    }

    ContactFixture noPhone() {
        phone = null;
        return this;
    }

    Contact build() {
        return new Contact(patientId, givenName, email, phone, language, channels, consents, revision);
    }
}
