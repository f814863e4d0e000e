package com.clinicbackbone.notification.notification;

import java.util.Optional;

/** The clinics' own templates (port); what a clinic did not write comes from the built-in defaults. */
public interface MessageTemplates {

    Optional<MessageTemplate> find(TemplateKey key);

    void save(TemplateKey key, MessageTemplate template);
}
