package com.clinicbackbone.auth.account;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /accounts/link}: clinic-web records which patient record a self-registered account holds, once the
 * person signed up for it (patient-service decided which record: the one of their verified email, or a new one).
 * Only the clinic-web client may call it (HTTP Basic with its client id and secret; see the issuer's security
 * configuration); the account's next tokens carry {@code patient_id} and {@code clinic_ids}. 204, or 404 for an
 * unknown account, or 400 naming the wrong field.
 */
@RestController
class AccountLinkController {

    static final int MAX_CLINICS = 20;
    private static final Pattern ID = Pattern.compile("^[A-Za-z0-9._-]{1,64}$");

    private final Accounts accounts;

    AccountLinkController(Accounts accounts) {
        this.accounts = accounts;
    }

    record LinkRequest(String username, String patientId, List<String> clinicIds) {
    }

    @PostMapping("/accounts/link")
    ResponseEntity<ProblemDetail> link(@RequestBody LinkRequest request) {
        List<String> wrong = new ArrayList<>();
        if (request.username() == null || request.username().isBlank()) {
            wrong.add("username");
        }
        if (request.patientId() == null || !ID.matcher(request.patientId()).matches()) {
            wrong.add("patientId");
        }
        if (request.clinicIds() == null || request.clinicIds().size() > MAX_CLINICS
                || !request.clinicIds().stream().allMatch(clinic -> clinic != null && ID.matcher(clinic).matches())) {
            wrong.add("clinicIds");
        }
        if (!wrong.isEmpty()) {
            return problem(HttpStatus.BAD_REQUEST, "Invalid " + String.join(", ", wrong) + ".");
        }
        return accounts.link(request.username(), request.patientId(), request.clinicIds())
                .<ResponseEntity<ProblemDetail>>map(linked -> ResponseEntity.noContent().build())
                .orElseGet(() -> problem(HttpStatus.NOT_FOUND, "No account with this username."));
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
        return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, detail));
    }
}
