package com.clinicbackbone.benchmark;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Free, pairwise non-overlapping booking slots at running-shoe: taken from the availability answer when the endpoint
 * exists, otherwise computed from the practitioners' weekly hours (the shared demo data of issue 4).
 */
final class Slots {

    static final ZoneId ZONE = ZoneId.of("America/Edmonton");
    static final String CLINIC = "running-shoe";

    record Slot(String serviceId, String practitionerId, Instant start, Instant end) {
    }

    /** A practitioner's working time on some weekdays (clinic-local), break excluded. */
    record Hours(Set<DayOfWeek> days, List<LocalTime[]> spans) {
    }

    /** A service and who gives it, with the hours it may be booked in. */
    record Offer(String serviceId, String practitionerId, Duration length, List<Hours> hours) {
    }

    static final Set<DayOfWeek> MON_TO_FRI = Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
            DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);

    /** sofia-ramirez Mon-Fri 10:00-18:00 (break 14:00-14:30), Sat 09:00-13:00; maya-chen Mon/Wed/Fri 08:00-16:00 (12:00-12:30). */
    static final List<Offer> OFFERS = List.of(
            new Offer("massage-60", "sofia-ramirez", Duration.ofMinutes(60), List.of(
                    new Hours(MON_TO_FRI, List.of(span("10:00", "14:00"), span("14:30", "18:00"))),
                    new Hours(Set.of(DayOfWeek.SATURDAY), List.<LocalTime[]>of(span("09:00", "13:00"))))),
            new Offer("physio-follow-up", "maya-chen", Duration.ofMinutes(30), List.<Hours>of(
                    new Hours(Set.of(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY, DayOfWeek.FRIDAY),
                            List.of(span("08:00", "12:00"), span("12:30", "16:00"))))));

    /** GET /api/availability for the offer and clinic-local dates: the JSON answer, or null when it is not 200. */
    @FunctionalInterface
    interface AvailabilityQuery {
        JsonNode ask(Offer offer, LocalDate from, LocalDate to);
    }

    private Slots() {
    }

    /** Back-to-back slots in the hours of every offer on the days from {@code first} to {@code last}, by start. */
    static List<Slot> fromHours(LocalDate first, LocalDate last) {
        List<Slot> slots = new ArrayList<>();
        for (Offer offer : OFFERS) {
            for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
                for (Hours hours : offer.hours()) {
                    if (!hours.days().contains(day.getDayOfWeek())) {
                        continue;
                    }
                    for (LocalTime[] span : hours.spans()) {
                        Instant end = day.atTime(span[1]).atZone(ZONE).toInstant();
                        for (Instant start = day.atTime(span[0]).atZone(ZONE).toInstant();
                             !start.plus(offer.length()).isAfter(end); start = start.plus(offer.length())) {
                            slots.add(new Slot(offer.serviceId(), offer.practitionerId(), start,
                                    start.plus(offer.length())));
                        }
                    }
                }
            }
        }
        slots.sort(Comparator.comparing(Slot::start));
        return slots;
    }

    /**
     * Non-overlapping slots from the availability answers of every offer (31-day windows from {@code first} until
     * {@code last}); empty when the endpoint does not answer 200.
     *
     * @param availability the availability answer for the offer and dates, or null when it is not 200
     */
    static List<Slot> fromAvailability(LocalDate first, LocalDate last, AvailabilityQuery availability) {
        List<Slot> slots = new ArrayList<>();
        for (Offer offer : OFFERS) {
            Instant lastEnd = Instant.MIN;
            for (LocalDate from = first; !from.isAfter(last); from = from.plusDays(31)) {
                LocalDate to = from.plusDays(30).isAfter(last) ? last : from.plusDays(30);
                JsonNode answer = availability.ask(offer, from, to);
                if (answer == null) {
                    return List.of();
                }
                List<Slot> free = new ArrayList<>();
                for (JsonNode slot : answer.get("slots")) {
                    free.add(new Slot(offer.serviceId(), offer.practitionerId(),
                            Instant.parse(slot.get("start").asString()), Instant.parse(slot.get("end").asString())));
                }
                free.sort(Comparator.comparing(Slot::start));
                for (Slot slot : free) { // free starts overlap each other: keep back-to-back ones
                    if (!slot.start().isBefore(lastEnd)) {
                        slots.add(slot);
                        lastEnd = slot.end();
                    }
                }
            }
        }
        slots.sort(Comparator.comparing(Slot::start));
        return slots;
    }

    private static LocalTime[] span(String from, String to) {
        return new LocalTime[] {LocalTime.parse(from), LocalTime.parse(to)};
    }
}
