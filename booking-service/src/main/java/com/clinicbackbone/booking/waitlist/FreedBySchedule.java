package com.clinicbackbone.booking.waitlist;

import com.clinicbackbone.booking.clinic.Catalog;
import com.clinicbackbone.booking.clinic.Clinic;
import com.clinicbackbone.booking.clinic.Practitioner;
import com.clinicbackbone.booking.schedule.Closure;
import com.clinicbackbone.booking.schedule.ScheduleException;
import com.clinicbackbone.booking.schedule.ScheduleListener;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Time the schedule added, offered to the waitlist: a closure removed (every practitioner of the clinic, that day),
 * leave removed (the practitioner at each clinic, over the leave), extra hours (the practitioner at that clinic). The
 * offers are made on {@code executor}, after the request that changed the schedule answered (best effort: an instance
 * stopping meanwhile leaves that time unoffered, unlike a cancellation's, which comes from the outbox).
 */
public final class FreedBySchedule implements ScheduleListener {

    private static final Logger log = LoggerFactory.getLogger(FreedBySchedule.class);

    private final WaitlistService waitlist;
    private final Catalog catalog;
    private final Executor executor;
    private final Clock clock;

    public FreedBySchedule(WaitlistService waitlist, Catalog catalog, Executor executor, Clock clock) {
        this.waitlist = waitlist;
        this.catalog = catalog;
        this.executor = executor;
        this.clock = clock;
    }

    @Override
    public void closureRemoved(Closure closure) {
        catalog.clinic(closure.clinicId()).ifPresent(clinic -> {
            Instant from = closure.date().atStartOfDay(clinic.zone()).toInstant();
            Instant to = closure.date().plusDays(1).atStartOfDay(clinic.zone()).toInstant();
            offer(catalog.practitionersAt(clinic.id()).stream().map(practitioner -> new FreedTime(clinic.id(),
                    practitioner.id(), from, to, clock.instant(), true)).toList());
        });
    }

    @Override
    public void exceptionChanged(ScheduleException exception, boolean added) {
        List<FreedTime> freed = new ArrayList<>();
        List<String> clinics = exception.clinicId() != null ? List.of(exception.clinicId())
                : catalog.practitioner(exception.practitionerId()).map(Practitioner::clinicIds).orElse(List.of());
        for (String clinicId : clinics) {
            catalog.clinic(clinicId).map(Clinic::zone).ifPresent(zone -> freed.add(new FreedTime(clinicId,
                    exception.practitionerId(), exception.start().atZone(zone).toInstant(),
                    exception.end().atZone(zone).toInstant(), clock.instant(), true)));
        }
        offer(freed);
    }

    private void offer(List<FreedTime> freed) {
        freed.forEach(time -> executor.execute(() -> {
            try {
                waitlist.offer(time);
            } catch (RuntimeException e) {
                log.warn("Time the schedule added at {} for {} not offered to the waitlist: {}", time.clinicId(),
                        time.practitionerId(), e.toString());
            }
        }));
    }
}
