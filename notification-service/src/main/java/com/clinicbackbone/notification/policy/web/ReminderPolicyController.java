package com.clinicbackbone.notification.policy.web;

import com.clinicbackbone.notification.clinic.Clinics;
import com.clinicbackbone.notification.contact.Channel;
import com.clinicbackbone.notification.policy.ReminderPolicies;
import com.clinicbackbone.notification.policy.ReminderPolicy;
import com.clinicbackbone.notification.web.BadRequestException.FieldProblem;
import com.clinicbackbone.notification.web.BadRequestException;
import com.clinicbackbone.notification.web.ClinicNotFoundException;
import com.clinicbackbone.security.Caller;
import com.clinicbackbone.security.Role;
import com.clinicbackbone.security.apidocs.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET/PUT /api/clinics/{clinicId}/reminder-policy}: the front desk of the clinic reads and replaces it,
 * an operator may read it; everybody else is refused (403). A PUT replaces the whole policy or, when any field
 * is bad, nothing (400 naming every bad field).
 */
@Tag(name = "Reminder policies", description = "What goes out for a clinic's appointments, and when.")
@RestController
class ReminderPolicyController {

    private final ReminderPolicies policies;
    private final Clinics clinics;

    ReminderPolicyController(ReminderPolicies policies, Clinics clinics) {
        this.policies = policies;
        this.clinics = clinics;
    }

    @Operation(summary = "Read a clinic's reminder policy", description = """
            Confirmations, reminders (ISO-8601 offsets before the start, each with its channels), aftercare, quiet \
            hours, the SMS sender name and the recall invitations.

            **Roles:** FRONT_DESK (its clinic), OPERATOR.""")
    @ProblemResponses({403, 404})
    @GetMapping("/api/clinics/{clinicId}/reminder-policy")
    PolicyBody get(Caller caller, @PathVariable String clinicId) {
        if (!(caller.is(Role.OPERATOR) || caller.is(Role.FRONT_DESK) && caller.worksAt(clinicId))) {
            throw new AccessDeniedException("reminder policies are for the clinic's front desk and operators");
        }
        requireKnown(clinicId);
        return PolicyBody.of(policies.current(clinicId, clinics.clinic(clinicId).smsSenderAlias()));
    }

    @Operation(summary = "Replace a clinic's reminder policy", description = """
            The whole policy or, when any field is bad, nothing (400 naming every bad field). Bookings and moves \
            from now on plan with it.

            **Roles:** FRONT_DESK (its clinic).""")
    @ProblemResponses({403, 404})
    @PutMapping("/api/clinics/{clinicId}/reminder-policy")
    PolicyBody put(Caller caller, @PathVariable String clinicId, @RequestBody PolicyBody body) {
        if (!(caller.is(Role.FRONT_DESK) && caller.worksAt(clinicId))) {
            throw new AccessDeniedException("only the clinic's front desk changes its reminder policy");
        }
        requireKnown(clinicId);
        ReminderPolicy policy = body.toPolicy();
        policies.save(clinicId, policy);
        return PolicyBody.of(policy);
    }

    private void requireKnown(String clinicId) {
        if (!clinics.isKnown(clinicId)) {
            throw new ClinicNotFoundException(clinicId);
        }
    }

    record PolicyBody(ConfirmationsBody confirmations, List<ReminderBody> reminders, Boolean aftercare,
                      QuietHoursBody quietHours, String senderName, RecallBody recall) {

        static PolicyBody of(ReminderPolicy policy) {
            return new PolicyBody(new ConfirmationsBody(policy.confirmations().booked(),
                    policy.confirmations().changed(), policy.confirmations().cancelled()),
                    policy.reminders().stream().map(reminder -> new ReminderBody(reminder.offset().toString(),
                            reminder.channels().stream().sorted().map(Channel::name).toList())).toList(),
                    policy.aftercare(), new QuietHoursBody(policy.quietHours().start().toString(),
                            policy.quietHours().end().toString()), policy.senderName(),
                    new RecallBody(policy.recall().enabled(), policy.recall().every().toString(),
                            policy.recall().times()));
        }

        /** The policy, or a {@link BadRequestException} naming every bad field. */
        ReminderPolicy toPolicy() {
            List<FieldProblem> errors = new ArrayList<>();
            if (confirmations == null || confirmations.booked() == null || confirmations.changed() == null
                    || confirmations.cancelled() == null) {
                errors.add(new FieldProblem("confirmations", "booked, changed and cancelled are required (true/false)"));
            }
            List<ReminderPolicy.Reminder> parsed = new ArrayList<>();
            if (reminders == null) {
                errors.add(new FieldProblem("reminders", "required (may be empty)"));
            } else {
                Set<Duration> seen = new HashSet<>();
                for (int i = 0; i < reminders.size(); i++) {
                    ReminderBody reminder = reminders.get(i);
                    String field = "reminders[" + i + "]";
                    Duration offset = offset(reminder == null ? null : reminder.offset(), field + ".offset", errors);
                    if (offset != null && !seen.add(offset)) {
                        errors.add(new FieldProblem(field + ".offset", "offset " + offset
                                + " is given twice (reminders overlap)"));
                    }
                    Set<Channel> channels = channels(reminder == null ? null : reminder.channels(),
                            field + ".channels", errors);
                    if (offset != null && channels != null) {
                        parsed.add(new ReminderPolicy.Reminder(offset, channels));
                    }
                }
            }
            if (aftercare == null) {
                errors.add(new FieldProblem("aftercare", "required (true/false)"));
            }
            LocalTime quietStart = time(quietHours == null ? null : quietHours.start(), "quietHours.start", errors);
            LocalTime quietEnd = time(quietHours == null ? null : quietHours.end(), "quietHours.end", errors);
            if (senderName == null || senderName.isBlank() || senderName.length() > 11
                    || !senderName.matches("[A-Za-z0-9 ]+")) {
                errors.add(new FieldProblem("senderName",
                        "1 to 11 letters, digits or spaces (an SMS sender alias)"));
            }
            ReminderPolicy.Recall parsedRecall = recall(errors);
            if (!errors.isEmpty()) {
                throw new BadRequestException("The reminder policy has " + errors.size()
                        + " invalid field(s); nothing was saved.", errors);
            }
            return new ReminderPolicy(new ReminderPolicy.Confirmations(confirmations.booked(),
                    confirmations.changed(), confirmations.cancelled()), parsed, aftercare,
                    new ReminderPolicy.QuietHours(quietStart, quietEnd), senderName.trim(), parsedRecall);
        }

        /** The recalls part; left out: the defaults (on, every 14 days, twice). */
        private ReminderPolicy.Recall recall(List<FieldProblem> errors) {
            if (recall == null) {
                return ReminderPolicy.Recall.DEFAULT;
            }
            int before = errors.size();
            if (recall.enabled() == null) {
                errors.add(new FieldProblem("recall.enabled", "required (true/false)"));
            }
            Duration every = null;
            try {
                every = recall.every() == null ? null : Duration.parse(recall.every());
            } catch (DateTimeParseException e) {
                every = null;
            }
            if (every == null || every.compareTo(Duration.ofHours(1)) < 0 || every.toSeconds() % 60 != 0) {
                errors.add(new FieldProblem("recall.every", "required, an ISO-8601 duration of at least an hour in"
                        + " whole minutes, such as P14D"));
            }
            if (recall.times() == null || recall.times() < 1 || recall.times() > ReminderPolicy.Recall.MAX_TIMES) {
                errors.add(new FieldProblem("recall.times", "1 to " + ReminderPolicy.Recall.MAX_TIMES));
            }
            return errors.size() > before ? null
                    : new ReminderPolicy.Recall(recall.enabled(), every, recall.times());
        }

        private static Duration offset(String value, String field, List<FieldProblem> errors) {
            if (value == null) {
                errors.add(new FieldProblem(field, "required, an ISO-8601 duration such as PT24H or PT90M"));
                return null;
            }
            Duration offset;
            try {
                offset = Duration.parse(value);
            } catch (DateTimeParseException e) {
                errors.add(new FieldProblem(field, "'" + value + "' is not an ISO-8601 duration such as PT24H"));
                return null;
            }
            if (offset.isNegative() || offset.isZero()) {
                errors.add(new FieldProblem(field, "must be positive (time before the start), was " + value));
                return null;
            }
            if (offset.toSeconds() % 60 != 0 || offset.getNano() != 0) {
                errors.add(new FieldProblem(field, "must be whole minutes, was " + value));
                return null;
            }
            return offset;
        }

        private static Set<Channel> channels(List<String> values, String field, List<FieldProblem> errors) {
            if (values == null || values.isEmpty()) {
                errors.add(new FieldProblem(field, "at least one of EMAIL, SMS"));
                return null;
            }
            Set<Channel> channels = EnumSet.noneOf(Channel.class);
            for (String value : values) {
                try {
                    channels.add(Channel.valueOf(String.valueOf(value)));
                } catch (IllegalArgumentException e) {
                    errors.add(new FieldProblem(field, "unknown channel '" + value + "' (EMAIL or SMS)"));
                    return null;
                }
            }
            return channels;
        }

        private static LocalTime time(String value, String field, List<FieldProblem> errors) {
            if (value == null || !value.matches("\\d{2}:\\d{2}")) {
                errors.add(new FieldProblem(field, "required, a local time HH:mm"));
                return null;
            }
            try {
                return LocalTime.parse(value);
            } catch (DateTimeParseException e) {
                errors.add(new FieldProblem(field, "'" + value + "' is not a time of day (HH:mm)"));
                return null;
            }
        }
    }

    record ConfirmationsBody(Boolean booked, Boolean changed, Boolean cancelled) {
    }

    record ReminderBody(String offset, List<String> channels) {
    }

    record QuietHoursBody(String start, String end) {
    }

    /** Recall invitations: on or off, how often ({@code every}, ISO-8601) and how many times in all. */
    record RecallBody(Boolean enabled, String every, Integer times) {
    }
}
