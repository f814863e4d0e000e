package com.clinicbackbone.web.clinics.web;

import com.clinicbackbone.web.backbone.Availability;
import com.clinicbackbone.web.backbone.Backbone;
import com.clinicbackbone.web.backbone.Catalog;
import com.clinicbackbone.web.backbone.Clinic;
import com.clinicbackbone.web.backbone.Practitioner;
import com.clinicbackbone.web.backbone.ClinicService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * What a visitor may see of a clinic: its online-bookable services and their free times, read with clinic-web's
 * visitor token, so booking-service applies the patients' rules (online only, outside the minimum notice, within
 * the horizon).
 */
@Component
class PublicFreeTimes {

    /** Free times are shown two weeks at a time. */
    static final int DAYS_SHOWN = 14;

    private final Catalog catalog;
    private final Backbone backbone;
    private final MessageSource messages;
    private final Clock clock;

    PublicFreeTimes(Catalog catalog, Backbone backbone, MessageSource messages, ObjectProvider<Clock> clock) {
        this.catalog = catalog;
        this.backbone = backbone;
        this.messages = messages;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    List<ServiceCard> onlineServices(Clinic clinic, Locale locale) {
        Map<String, String> names = practitionerNames(clinic);
        return catalog.services(clinic.id()).stream().filter(service -> service.onlineBookable())
                .map(service -> new ServiceCard(service,
                        service.practitionerIds().stream().map(names::get).filter(name -> name != null)
                                .collect(Collectors.joining(", ")),
                        words(service.minimumNotice(), locale), words(service.bookingHorizon(), locale)))
                .toList();
    }

    /** The free times of the chosen service over two weeks from {@code from} (today when null), within the horizon. */
    Window window(Clinic clinic, ServiceCard card, LocalDate from, Locale locale) {
        LocalDate today = LocalDate.now(clock.withZone(clinic.zone()));
        LocalDate lastDay = Instant.now(clock).plus(card.service().bookingHorizon()).atZone(clinic.zone())
                .toLocalDate();
        LocalDate first = from == null || from.isBefore(today) ? today : from.isAfter(lastDay) ? lastDay : from;
        LocalDate last = first.plusDays(DAYS_SHOWN - 1).isAfter(lastDay) ? lastDay : first.plusDays(DAYS_SHOWN - 1);
        Availability free = backbone.bookingAsVisitor().get()
                .uri("/api/availability?clinicId={c}&serviceId={s}&from={f}&to={t}", clinic.id(),
                        card.service().id(), first, last)
                .retrieve().body(Availability.class);
        Map<String, String> names = practitionerNames(clinic);
        DateTimeFormatter day = DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(locale);
        DateTimeFormatter time = DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale);
        Map<LocalDate, List<FreeTime>> byDay = new TreeMap<>();
        for (Availability.Slot slot : free == null ? List.<Availability.Slot>of() : free.slots()) {
            var local = slot.start().atZone(clinic.zone());
            byDay.computeIfAbsent(local.toLocalDate(), date -> new ArrayList<>()).add(new FreeTime(
                    slot.start(), time.format(local), slot.practitionerId(),
                    names.getOrDefault(slot.practitionerId(), slot.practitionerId())));
        }
        List<Day> days = byDay.entrySet().stream()
                .map(entry -> new Day(entry.getKey(), day.format(entry.getKey()), entry.getValue())).toList();
        return new Window(day.format(first), day.format(last), days,
                first.isAfter(today) ? (first.minusDays(DAYS_SHOWN).isBefore(today) ? today
                        : first.minusDays(DAYS_SHOWN)) : null,
                last.isBefore(lastDay) ? last.plusDays(1) : null);
    }

    private Map<String, String> practitionerNames(Clinic clinic) {
        return catalog.practitioners(clinic.id()).stream()
                .collect(Collectors.toMap(Practitioner::id, Practitioner::name, (a, b) -> a));
    }

    /** "2 hours", "90 days", "30 minutes" in the page's language. */
    String words(Duration duration, Locale locale) {
        long minutes = duration.toMinutes();
        if (minutes >= 2 * 24 * 60 && minutes % (24 * 60) == 0) {
            return messages.getMessage("duration.days", new Object[] {minutes / (24 * 60)}, locale);
        }
        if (minutes >= 60 && minutes % 60 == 0) {
            return messages.getMessage("duration.hours", new Object[] {minutes / 60}, locale);
        }
        return messages.getMessage("duration.minutes", new Object[] {minutes}, locale);
    }

    /** An online-bookable service, its practitioners' names and its rules in words. */
    record ServiceCard(ClinicService service, String with, String notice, String horizon) {
    }

    /** Two weeks of free times; {@code earlier} and {@code later} are the first days of the neighbouring pages. */
    record Window(String firstDay, String lastDay, List<Day> days, LocalDate earlier, LocalDate later) {
    }

    record Day(LocalDate date, String label, List<FreeTime> times) {
    }

    record FreeTime(Instant start, String time, String practitionerId, String practitionerName) {
    }
}
