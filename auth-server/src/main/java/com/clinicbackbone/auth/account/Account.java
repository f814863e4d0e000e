package com.clinicbackbone.auth.account;

import java.time.Instant;
import java.util.List;

/**
 * A person's own account on the local issuer, made by self-registration with a verified email.
 *
 * @param id           the account's stable id: the tokens' {@code sub}
 * @param username     the verified email, lower case: the sign-in name
 * @param passwordHash the password, BCrypt
 * @param patientId    the patient record the account is linked to; null until clinic-web links it
 * @param clinicIds    the clinics of that record (empty until linked)
 */
public record Account(String id, String username, String passwordHash, String patientId, List<String> clinicIds,
                      Instant createdAt) {

    public Account {
        clinicIds = clinicIds == null ? List.of() : List.copyOf(clinicIds);
    }

    Account linkedTo(String patient, List<String> clinics) {
        return new Account(id, username, passwordHash, patient, clinics.stream().distinct().sorted().toList(),
                createdAt);
    }
}
