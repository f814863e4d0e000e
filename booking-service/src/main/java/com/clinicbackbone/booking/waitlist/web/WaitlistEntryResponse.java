package com.clinicbackbone.booking.waitlist.web;

import com.clinicbackbone.booking.waitlist.Offer;
import com.clinicbackbone.booking.waitlist.WaitlistEntry;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A waitlist entry: what the patient waits for, its {@code status}, the open {@code offer} (OFFERED: the held start
 * and end, the practitioner, until when) and, once BOOKED, the {@code appointmentId}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record WaitlistEntryResponse(String id, String clinicId, String serviceId, String practitionerId, String patientId,
                             LocalDate from, LocalDate to, List<Window> times, List<DayOfWeek> weekdays,
                             String status, Instant createdAt, OpenOffer offer, String appointmentId,
                             Instant closedAt, long revision) {

    record Window(String start, String end) {
    }

    record OpenOffer(String id, String practitionerId, Instant start, Instant end, Instant expiresAt) {
    }

    static WaitlistEntryResponse of(WaitlistEntry entry) {
        Offer offer = entry.offer();
        return new WaitlistEntryResponse(entry.id(), entry.clinicId(), entry.serviceId(), entry.practitionerId(),
                entry.patientId(), entry.from(), entry.to(),
                entry.times().stream().map(it -> new Window(it.start().toString(), it.end().toString())).toList(),
                entry.weekdays().stream().sorted().toList(), entry.status().name(), entry.createdAt(),
                offer == null ? null : new OpenOffer(offer.id(), offer.practitionerId(), offer.start(), offer.end(),
                        offer.expiresAt()), entry.appointmentId(), entry.closedAt(), entry.revision());
    }
}
