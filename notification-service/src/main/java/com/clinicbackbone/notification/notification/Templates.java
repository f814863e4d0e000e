package com.clinicbackbone.notification.notification;

import com.clinicbackbone.notification.clinic.Clinics;
import com.clinicbackbone.notification.policy.ReminderPolicies;
import java.util.List;
import java.util.Set;

/** The templates in force per clinic: the clinic's own where it saved one, the built-in default otherwise. */
public final class Templates {

    private final MessageTemplates store;
    private final Clinics clinics;
    private final ReminderPolicies policies;

    public Templates(MessageTemplates store, Clinics clinics, ReminderPolicies policies) {
        this.store = store;
        this.clinics = clinics;
        this.policies = policies;
    }

    public MessageTemplate current(TemplateKey key) {
        return store.find(key).orElseGet(() -> MessageTexts.defaultTemplate(key.kind(), key.language(),
                key.channel()));
    }

    public boolean isBuiltIn(TemplateKey key) {
        return store.find(key).isEmpty();
    }

    public static Set<String> placeholders(TemplateKey key) {
        return MessageTexts.placeholders(key.kind(), key.channel());
    }

    /** Saves the template, or throws {@link InvalidTemplateException} (nothing saved) naming every problem. */
    public void save(TemplateKey key, MessageTemplate template) {
        var clinic = clinics.clinic(key.clinicId());
        List<InvalidTemplateException.Problem> problems = MessageTexts.check(key, template,
                clinic.withSenderName(policies.current(clinic.id(), clinic.smsSenderAlias()).senderName()));
        if (!problems.isEmpty()) {
            throw new InvalidTemplateException(problems);
        }
        store.save(key, template);
    }
}
