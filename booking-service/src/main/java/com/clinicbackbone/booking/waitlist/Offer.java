package com.clinicbackbone.booking.waitlist;

import com.clinicbackbone.booking.appointment.AppointmentService.Hold;
import com.clinicbackbone.booking.appointment.BookAppointment;
import java.time.Instant;
import java.util.List;

/**
 * Time held for one entry until {@code expiresAt}: the start and end of the visit, and the hold's calendar claims
 * (their span with buffers, the device, every calendar it may have claimed on). {@code id} names the hold's claims
 * and becomes the appointment's id when the patient takes it. {@code freed} is the time it came from, offered to the
 * next entry when this offer closes without a booking.
 */
public record Offer(String id, String practitionerId, Instant start, Instant end, Instant expiresAt,
                    Instant offeredAt, Instant calendarStart, Instant calendarEnd, String resourceId,
                    List<String> owners, FreedTime freed) {

    public Offer {
        owners = List.copyOf(owners);
    }

    static Offer of(Hold hold, Instant expiresAt, Instant offeredAt, FreedTime freed) {
        return new Offer(hold.id(), hold.request().practitionerId(), hold.start(), hold.end(), expiresAt, offeredAt,
                hold.calendarStart(), hold.calendarEnd(), hold.resourceId(), hold.owners(), freed);
    }

    /** The hold behind the offer, for the entry's service and patient. */
    Hold hold(WaitlistEntry entry) {
        return new Hold(id, new BookAppointment(entry.clinicId(), entry.serviceId(), practitionerId,
                entry.patientId(), start), start, end, calendarStart, calendarEnd, resourceId, owners);
    }
}
