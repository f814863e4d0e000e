package com.clinicbackbone.web.desk.web;

import com.clinicbackbone.web.backbone.Appointment;
import com.clinicbackbone.web.backbone.Availability;
import com.clinicbackbone.web.backbone.BackboneProblem;
import com.clinicbackbone.web.backbone.Catalog;
import com.clinicbackbone.web.backbone.Clinic;
import com.clinicbackbone.web.backbone.ClinicService;
import com.clinicbackbone.web.backbone.Practitioner;
import com.clinicbackbone.web.desk.DeskBackbone;
import com.clinicbackbone.web.desk.Notification;
import com.clinicbackbone.web.desk.Patient;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * An appointment's panel at the desk: its state (the late flag, the patient's "asked to cancel"), the actions its
 * status allows (confirm, check in, complete, no-show, cancel with a reason, move to another free time) and the
 * notifications sent for it with their delivery status. Another clinic's appointment is "not found", like an
 * unknown id. A refused action is explained on the panel and changes nothing.
 */
@Controller
class AppointmentController {

    static final Set<String> ACTIONS = Set.of("confirm", "check-in", "complete", "no-show");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final Catalog catalog;
    private final DeskBackbone desk;
    private final Clock clock;

    AppointmentController(Catalog catalog, DeskBackbone desk, ObjectProvider<Clock> clock) {
        this.catalog = catalog;
        this.desk = desk;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** A notification with its times in clinic-local time. */
    record Sent(Notification notification, String due, String sent, String delivered) {
    }

    /** A free time to move to. */
    record Move(Instant start, String time) {
    }

    @GetMapping("/desk/clinics/{clinicId}/appointments/{id}")
    String panel(@PathVariable String clinicId, @PathVariable String id,
                 @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate moveDate,
                 @RequestParam(required = false) String done, Authentication authentication, Locale locale,
                 Model model) {
        DeskAccess.requireDeskOf(authentication, clinicId);
        model.addAttribute("done", done != null && (ACTIONS.contains(done) || Set.of("booked", "cancel", "reschedule")
                .contains(done)) ? done : null);
        return show(clinicId, desk.appointment(id), moveDate, locale, model);
    }

    /** The panel alone, reloaded when the live stream says an appointment of the clinic changed. */
    @GetMapping("/desk/clinics/{clinicId}/appointments/{id}/panel")
    String livePanel(@PathVariable String clinicId, @PathVariable String id,
                     @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate moveDate,
                     Authentication authentication, Locale locale, Model model) {
        DeskAccess.requireDeskOf(authentication, clinicId);
        show(clinicId, desk.appointment(id), moveDate, locale, model);
        return "desk/appointment :: panel";
    }

    @PostMapping("/desk/clinics/{clinicId}/appointments/{id}/{action}")
    String act(@PathVariable String clinicId, @PathVariable String id, @PathVariable String action,
               @RequestParam(required = false) String reason,
               @RequestParam(required = false) Instant start, Authentication authentication, Locale locale,
               Model model, HttpServletResponse response) {
        DeskAccess.requireDeskOf(authentication, clinicId);
        Appointment appointment = ofClinic(clinicId, desk.appointment(id));
        try {
            if (action.equals("cancel")) {
                desk.cancel(appointment.id(), reason == null ? null : reason.strip());
            } else if (action.equals("reschedule")) {
                if (start == null) {
                    throw new IllegalArgumentException("a move needs the new start");
                }
                desk.reschedule(appointment.id(), start);
            } else if (ACTIONS.contains(action)) {
                desk.act(appointment.id(), action);
            } else {
                throw new IllegalArgumentException("no such action");
            }
            return "redirect:/desk/clinics/" + clinicId + "/appointments/" + appointment.id() + "?done=" + action;
        } catch (BackboneProblem problem) {
            if (!Refusal.shownInPlace(problem)) {
                throw problem;
            }
            response.setStatus(problem.status());
            model.addAttribute("refusal", Refusal.of(problem));
            return show(clinicId, desk.appointment(id), null, locale, model);
        }
    }

    private String show(String clinicId, Appointment found, LocalDate moveDate, Locale locale, Model model) {
        Appointment appointment = ofClinic(clinicId, found);
        Clinic clinic = catalog.clinic(clinicId);
        ZoneId zone = clinic.zone();
        DateTimeFormatter full = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.FULL, FormatStyle.SHORT)
                .withLocale(locale);
        DateTimeFormatter shortly = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(locale);
        model.addAttribute("clinic", clinic);
        model.addAttribute("appointment", appointment);
        model.addAttribute("day", appointment.start().atZone(zone).toLocalDate());
        model.addAttribute("when", full.format(appointment.start().atZone(zone)) + "–"
                + TIME.format(appointment.end().atZone(zone)));
        model.addAttribute("cancelledAt", appointment.cancelledAt() == null ? null
                : shortly.format(appointment.cancelledAt().atZone(zone)));
        model.addAttribute("patient", patient(appointment.patientId()));
        model.addAttribute("service", catalog.services(clinicId).stream()
                .filter(it -> it.id().equals(appointment.serviceId())).map(ClinicService::name).findFirst()
                .orElse(appointment.serviceId()));
        model.addAttribute("practitioner", catalog.practitioners(clinicId).stream()
                .filter(it -> it.id().equals(appointment.practitionerId())).map(Practitioner::name).findFirst()
                .orElse(appointment.practitionerId()));
        model.addAttribute("sent", desk.notifications(appointment.id()).stream()
                .map(it -> new Sent(it, format(shortly, it.dueAt(), zone), format(shortly, it.sentAt(), zone),
                        format(shortly, it.deliveredAt(), zone))).toList());
        LocalDate today = LocalDate.now(clock.withZone(zone));
        LocalDate day = moveDate != null ? moveDate : appointment.start().atZone(zone).toLocalDate();
        LocalDate shown = day.isBefore(today) ? today : day;
        model.addAttribute("moveDate", shown);
        model.addAttribute("moveDay", DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(locale)
                .format(shown));
        model.addAttribute("moves", appointment.isOpen() ? moves(appointment, shown, zone) : List.of());
        return "desk/appointment";
    }

    private List<Move> moves(Appointment appointment, LocalDate day, ZoneId zone) {
        Availability free = desk.availability(appointment.clinicId(), appointment.serviceId(),
                appointment.practitionerId(), day, day);
        if (free == null || free.slots() == null) {
            return List.of();
        }
        return free.slots().stream().filter(slot -> slot.practitionerId().equals(appointment.practitionerId()))
                .map(slot -> new Move(slot.start(), TIME.format(slot.start().atZone(zone)))).toList();
    }

    private Patient patient(String patientId) {
        try {
            return desk.patient(patientId);
        } catch (BackboneProblem problem) {
            if (problem.isNotFound() || problem.isForbidden()) {
                return null;
            }
            throw problem;
        }
    }

    /** Another clinic's appointment (the desk may work at both) is not this page's: the same "not found". */
    private static Appointment ofClinic(String clinicId, Appointment appointment) {
        if (!appointment.clinicId().equals(clinicId)) {
            throw new BackboneProblem(404, "Not Found", "no such appointment at this clinic", null, null);
        }
        return appointment;
    }

    private static String format(DateTimeFormatter formatter, Instant instant, ZoneId zone) {
        return instant == null ? null : formatter.format(instant.atZone(zone));
    }
}
