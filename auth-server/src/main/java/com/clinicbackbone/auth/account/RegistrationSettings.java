package com.clinicbackbone.auth.account;

/**
 * @param signInUrl where a person goes once their account exists: a page of clinic-web that needs a sign-in (so the
 *                  normal sign-in follows, and then the form for their patient record)
 */
public record RegistrationSettings(String signInUrl) {
}
