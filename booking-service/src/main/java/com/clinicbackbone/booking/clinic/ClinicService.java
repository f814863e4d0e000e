package com.clinicbackbone.booking.clinic;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

/**
 * A bookable treatment type of one clinic; {@code id} is unique within the clinic only.
 *
 * @param lateCancellationWindow a cancellation less than this before the start is late: flagged, and patients
 *                               cannot cancel (or move) online any more
 * @param bufferBeforeMinutes    the practitioner is kept free this long before the start (preparation)
 * @param bufferAfterMinutes     and this long after the end (cleaning, notes)
 * @param onlineBookable         whether patients may book it themselves (the desk always may)
 * @param minimumNotice          patients book at least this long ahead (the desk may book inside it)
 * @param bookingHorizon         nobody books a start further ahead than this
 * @param resourceKind           the kind of room or device it needs (one of the clinic's), or null
 * @param prerequisite           a service the patient must have COMPLETED at the clinic within a period before, or null
 * @param practitionerIds        who provides it; empty only in documents stored before it existed: then anyone
 *                               working at the clinic
 * @param slotMinutes            starts lie on this grid in clinic-local time (minute of day % slotMinutes == 0)
 * @param aftercare              instructions for the patient after the visit, or null
 */
public record ClinicService(String id, String clinicId, String name, int durationMinutes,
                            Duration lateCancellationWindow, int bufferBeforeMinutes, int bufferAfterMinutes,
                            boolean onlineBookable, Duration minimumNotice, Duration bookingHorizon,
                            String resourceKind, Prerequisite prerequisite, List<String> practitionerIds,
                            int slotMinutes, String aftercare) {

    /** The late-cancellation window of a service that sets none. */
    public static final Duration DEFAULT_LATE_CANCELLATION_WINDOW = Duration.ofHours(24);
    /** The booking horizon of a service that sets none. */
    public static final Duration DEFAULT_BOOKING_HORIZON = Duration.ofDays(365);
    public static final int DEFAULT_SLOT_MINUTES = 5;

    /** The patient must have completed {@code serviceId} at the same clinic within {@code within} before the start. */
    public record Prerequisite(String serviceId, Duration within) {

        public Prerequisite {
            if (serviceId == null || serviceId.isBlank()) {
                throw new InvalidFieldException("prerequisite.serviceId", "must not be blank");
            }
            if (within == null || within.isNegative() || within.isZero()) {
                throw new InvalidFieldException("prerequisite.within", "must be a positive ISO duration, e.g. P180D");
            }
        }
    }

    public ClinicService {
        if (name == null || name.isBlank()) {
            throw new InvalidFieldException("name", "must not be blank");
        }
        if (durationMinutes <= 0 || durationMinutes % 5 != 0 || durationMinutes > 8 * 60) {
            throw new InvalidFieldException("durationMinutes", "must be a multiple of 5 between 5 and 480");
        }
        lateCancellationWindow = lateCancellationWindow == null ? DEFAULT_LATE_CANCELLATION_WINDOW
                : lateCancellationWindow;
        if (lateCancellationWindow.isNegative()) {
            throw new InvalidFieldException("lateCancellationWindow", "must not be negative");
        }
        requireBuffer("bufferBeforeMinutes", bufferBeforeMinutes);
        requireBuffer("bufferAfterMinutes", bufferAfterMinutes);
        minimumNotice = minimumNotice == null ? Duration.ZERO : minimumNotice;
        if (minimumNotice.isNegative()) {
            throw new InvalidFieldException("minimumNotice", "must not be negative");
        }
        bookingHorizon = bookingHorizon == null ? DEFAULT_BOOKING_HORIZON : bookingHorizon;
        if (bookingHorizon.compareTo(minimumNotice) <= 0) {
            throw new InvalidFieldException("bookingHorizon", "must be longer than the minimum notice");
        }
        if (resourceKind != null && !resourceKind.matches("[A-Z][A-Z0-9_]{0,39}")) {
            throw new InvalidFieldException("resourceKind", "must be an upper-case kind such as ULTRASOUND, or null");
        }
        practitionerIds = practitionerIds == null ? List.of() : List.copyOf(practitionerIds);
        if (slotMinutes <= 0 || slotMinutes % 5 != 0 || slotMinutes > 24 * 60) {
            throw new InvalidFieldException("slotMinutes", "must be a positive multiple of 5");
        }
        aftercare = aftercare == null || aftercare.isBlank() ? null : aftercare.strip();
        if (aftercare != null && aftercare.length() > 2000) {
            throw new InvalidFieldException("aftercare", "must be at most 2000 characters");
        }
    }

    /** A service with the default late-cancellation window and no scheduling rules beyond the 5-minute grid. */
    public ClinicService(String id, String clinicId, String name, int durationMinutes) {
        this(id, clinicId, name, durationMinutes, DEFAULT_LATE_CANCELLATION_WINDOW);
    }

    /** A service with no scheduling rules beyond the 5-minute grid (anyone of the clinic provides it). */
    public ClinicService(String id, String clinicId, String name, int durationMinutes,
                         Duration lateCancellationWindow) {
        this(id, clinicId, name, durationMinutes, lateCancellationWindow, 0, 0, true, Duration.ZERO,
                DEFAULT_BOOKING_HORIZON, null, null, List.of(), DEFAULT_SLOT_MINUTES, null);
    }

    private static void requireBuffer(String field, int minutes) {
        if (minutes < 0 || minutes % 5 != 0 || minutes > 240) {
            throw new InvalidFieldException(field, "must be a multiple of 5 between 0 and 240");
        }
    }

    public Duration duration() {
        return Duration.ofMinutes(durationMinutes);
    }

    public Duration bufferBefore() {
        return Duration.ofMinutes(bufferBeforeMinutes);
    }

    public Duration bufferAfter() {
        return Duration.ofMinutes(bufferAfterMinutes);
    }

    /** Whether the practitioner provides this service (anyone of the clinic when no one is named). */
    public boolean isProvidedBy(String practitionerId) {
        return practitionerIds.isEmpty() || practitionerIds.contains(practitionerId);
    }

    /** Whether the start lies on the service's grid in the zone's wall-clock time (minute of day % slotMinutes). */
    public boolean isOnGrid(Instant start, ZoneId zone) {
        LocalTime local = start.atZone(zone).toLocalTime();
        return local.getSecond() == 0 && local.getNano() == 0
                && (local.getHour() * 60 + local.getMinute()) % slotMinutes == 0;
    }
}
