package com.clinicbackbone.notification.policy;

import java.util.Optional;

/** The clinics' reminder policies (port). */
public interface ReminderPolicies {

    Optional<ReminderPolicy> find(String clinicId);

    /** Replaces the clinic's policy as a whole (one document write). */
    void save(String clinicId, ReminderPolicy policy);

    /** Stores the policy unless the clinic has one already. */
    void saveIfAbsent(String clinicId, ReminderPolicy policy);

    /** The clinic's policy, or the defaults (with the given sender name) when none is stored. */
    default ReminderPolicy current(String clinicId, String defaultSenderName) {
        return find(clinicId).orElseGet(() -> ReminderPolicy.defaults(defaultSenderName));
    }
}
