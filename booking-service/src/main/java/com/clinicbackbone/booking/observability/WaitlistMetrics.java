package com.clinicbackbone.booking.observability;

import com.clinicbackbone.booking.waitlist.WaitlistListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * The waitlist's numbers: {@code clinic.waitlist.offers{clinic}} (time offered to a waitlisted patient),
 * {@code clinic.waitlist.offer.outcomes{clinic, outcome}} (what became of each offer: filled, declined, undeliverable,
 * not_bookable, expired, withdrawn) and {@code clinic.waitlist.fill{clinic}} (a timer: from the time becoming free to
 * its booking by the waitlist). Fill rate: filled outcomes over offers.
 */
class WaitlistMetrics implements WaitlistListener {

    static final List<String> OUTCOMES = List.of("filled", "declined", "undeliverable", "not_bookable", "expired",
            "withdrawn");

    private final MeterRegistry registry;

    WaitlistMetrics(MeterRegistry registry, Collection<String> clinics) {
        this.registry = registry;
        clinics.forEach(clinic -> {
            offers(clinic);
            OUTCOMES.forEach(outcome -> outcome(clinic, outcome));
            fill(clinic);
        });
    }

    @Override
    public void offered(String clinicId) {
        offers(clinicId).increment();
    }

    @Override
    public void filled(String clinicId, Duration freedToFilled) {
        outcome(clinicId, "filled").increment();
        fill(clinicId).record(freedToFilled.isNegative() ? Duration.ZERO : freedToFilled);
    }

    @Override
    public void closed(String clinicId, String outcome) {
        outcome(clinicId, OUTCOMES.contains(outcome) ? outcome : "other").increment();
    }

    private Counter offers(String clinic) {
        return Counter.builder("clinic.waitlist.offers")
                .description("Freed time offered to a waitlisted patient (held until the offer expires)")
                .tag("clinic", clinic).register(registry);
    }

    private Counter outcome(String clinic, String outcome) {
        return Counter.builder("clinic.waitlist.offer.outcomes")
                .description("What became of waitlist offers: filled, declined, undeliverable, not_bookable, expired,"
                        + " withdrawn")
                .tag("clinic", clinic).tag("outcome", outcome).register(registry);
    }

    private Timer fill(String clinic) {
        return Timer.builder("clinic.waitlist.fill")
                .description("From time becoming free (cancellation, no-show, move) to its booking by the waitlist")
                .tag("clinic", clinic).register(registry);
    }
}
