package com.clinicbackbone.web.me.web;

import com.clinicbackbone.web.backbone.Appointment;
import com.clinicbackbone.web.backbone.BackboneProblem;
import com.clinicbackbone.web.backbone.Catalog;
import com.clinicbackbone.web.backbone.Clinic;
import com.clinicbackbone.web.backbone.ClinicService;
import com.clinicbackbone.web.backbone.Practitioner;
import com.clinicbackbone.web.me.web.MyAppointments.Course;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Turns the services' answers into what the patient's pages show: names instead of ids, clinic-local times in the
 * page's language, the online rules in words, whether an appointment can still be changed online (outside its
 * service's late-cancellation window) or the clinic must be called, and refusals in plain words.
 */
@Component
class MyViews {

    private static final Set<String> OPEN = Set.of("BOOKED", "CONFIRMED");

    private final Catalog catalog;
    private final ClinicPhones phones;
    private final MessageSource messages;
    private final Clock clock;

    MyViews(Catalog catalog, ClinicPhones phones, MessageSource messages, ObjectProvider<Clock> clock) {
        this.catalog = catalog;
        this.phones = phones;
        this.messages = messages;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** Names of clinics, services and practitioners, each clinic's read once per page. */
    Names names() {
        return new Names(catalog);
    }

    Instant now() {
        return clock.instant();
    }

    AppointmentRow row(Appointment appointment, Names names, Locale locale) {
        Clinic clinic = names.clinic(appointment.clinicId());
        ClinicService service = names.service(appointment.clinicId(), appointment.serviceId());
        Instant now = now();
        boolean open = OPEN.contains(appointment.status()) && appointment.start().isAfter(now);
        boolean late = open && service != null
                && appointment.start().isBefore(now.plus(service.lateCancellationWindow()));
        boolean upcoming = (open || "CHECKED_IN".equals(appointment.status())) && appointment.end().isAfter(now);
        return new AppointmentRow(appointment.id(), clinic.id(), clinic.name(),
                service == null ? appointment.serviceId() : service.name(),
                names.practitioner(clinic.id(), appointment.practitionerId()),
                Words.day(appointment.start(), clinic.zone(), locale),
                Words.time(appointment.start(), clinic.zone(), locale), appointment.status(), upcoming,
                open && !late, late, appointment, rules(clinic, service, locale));
    }

    CourseRow course(Course course, Names names, Locale locale) {
        Clinic clinic = names.clinic(course.clinicId());
        ClinicService service = names.service(course.clinicId(), course.serviceId());
        List<SessionRow> sessions = course.sessions().stream().map(session -> new SessionRow(session.number(),
                session.appointmentId(), Words.day(session.start(), clinic.zone(), locale),
                Words.time(session.start(), clinic.zone(), locale), session.status())).toList();
        return new CourseRow(course, clinic.name(), service == null ? course.serviceId() : service.name(),
                names.practitioner(clinic.id(), course.practitionerId()), sessions);
    }

    /** The online rules of a service in words, and the clinic's phone number. */
    Rules rules(Clinic clinic, ClinicService service, Locale locale) {
        String phone = phones.of(clinic.id());
        return service == null ? new Rules(true, "", "", "", phone, phones.tel(clinic.id()))
                : new Rules(service.onlineBookable(), Words.duration(service.minimumNotice(), messages, locale),
                        Words.duration(service.bookingHorizon(), messages, locale),
                        Words.duration(service.lateCancellationWindow(), messages, locale), phone,
                        phones.tel(clinic.id()));
    }

    /**
     * A refusal the page explains in place (the booking rule, a time just taken, a change too late), or null for
     * one it does not: that one goes to the problem page.
     */
    Refusal refusal(BackboneProblem problem, Rules rules, Locale locale) {
        String code = problem.rule();
        if (code == null) {
            code = switch (problem.status()) {
                case 409 -> "Conflicting appointment state".equals(problem.title()) ? "CHANGED" : "TAKEN";
                case 422 -> problem.errors().containsKey("patientId") ? "NOT_LINKED"
                        : problem.errors().isEmpty() ? "TOO_LATE" : null;
                case 400 -> "NOT_VALID";
                default -> null;
            };
        }
        if (code == null) {
            return null;
        }
        String phone = rules.phone() == null ? messages.getMessage("me.theClinic", null, locale) : rules.phone();
        String text = messages.getMessage("me.refusal." + code, new Object[] {rules.notice(), rules.horizon(),
                rules.lateWindow(), phone}, messages.getMessage("me.refusal.OTHER", null, locale), locale);
        return new Refusal(code, text);
    }

    /** One appointment as the patient's pages show it. */
    record AppointmentRow(String id, String clinicId, String clinicName, String serviceName, String practitionerName,
                          String day, String time, String status, boolean upcoming, boolean changeable,
                          boolean late, Appointment appointment, Rules rules) {
    }

    record CourseRow(Course course, String clinicName, String serviceName, String practitionerName,
                     List<SessionRow> sessions) {
    }

    record SessionRow(int number, String appointmentId, String day, String time, String status) {
    }

    /** The online rules of a service in words; {@code phone} is null when the clinic's number is not configured. */
    record Rules(boolean online, String notice, String horizon, String lateWindow, String phone, String tel) {
    }

    /** A refusal in plain words; {@code code} is the problem's rule (or TAKEN, TOO_LATE, NOT_LINKED ...). */
    record Refusal(String code, String text) {
    }

    /** The catalogue's names, read once per clinic for one page. */
    static final class Names {

        private final Catalog catalog;
        private Map<String, Clinic> clinics;
        private final Map<String, List<ClinicService>> services = new HashMap<>();
        private final Map<String, List<Practitioner>> practitioners = new HashMap<>();

        Names(Catalog catalog) {
            this.catalog = catalog;
        }

        List<Clinic> clinics() {
            return List.copyOf(clinicsById().values());
        }

        Clinic clinic(String clinicId) {
            Clinic clinic = clinicsById().get(clinicId);
            if (clinic == null) {
                throw new BackboneProblem(404, "Not Found", "no clinic " + clinicId, null, null);
            }
            return clinic;
        }

        /** The service, or null when the clinic has no such service (any more). */
        ClinicService service(String clinicId, String serviceId) {
            return services.computeIfAbsent(clinicId, catalog::services).stream()
                    .filter(service -> service.id().equals(serviceId)).findFirst().orElse(null);
        }

        String practitioner(String clinicId, String practitionerId) {
            return practitioners.computeIfAbsent(clinicId, catalog::practitioners).stream()
                    .filter(practitioner -> practitioner.id().equals(practitionerId)).map(Practitioner::name)
                    .findFirst().orElse(practitionerId);
        }

        private Map<String, Clinic> clinicsById() {
            if (clinics == null) {
                clinics = new LinkedHashMap<>();
                catalog.clinics().forEach(clinic -> clinics.put(clinic.id(), clinic));
            }
            return clinics;
        }
    }
}
