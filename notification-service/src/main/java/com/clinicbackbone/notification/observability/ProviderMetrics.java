package com.clinicbackbone.notification.observability;

import com.clinicbackbone.notification.notification.DeliveryException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.function.Supplier;

/**
 * Times every call to a message provider: {@code clinic.provider.requests{provider, outcome}} (a histogram, in
 * seconds) with provider {@code twilio} or {@code smtp} and outcome {@code success}, {@code retry} (a transient
 * error: the message is tried again later) or {@code failure} (refused for good, or an outcome that is unknown).
 */
public class ProviderMetrics {

    public static final String TWILIO = "twilio";
    public static final String SMTP = "smtp";
    static final List<String> OUTCOMES = List.of("success", "retry", "failure");

    private final MeterRegistry registry;

    public ProviderMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (String provider : List.of(TWILIO, SMTP)) {
            OUTCOMES.forEach(outcome -> timer(provider, outcome));
        }
    }

    /** Runs the provider call and records how long it took and how it ended. */
    public <T> T time(String provider, Supplier<T> call) {
        Timer.Sample sample = Timer.start(registry);
        String outcome = "failure";
        try {
            T result = call.get();
            outcome = "success";
            return result;
        } catch (DeliveryException e) {
            outcome = e.isPermanent() || e.outcomeUnknown() ? "failure" : "retry";
            throw e;
        } catch (RuntimeException e) {
            outcome = "retry";
            throw e;
        } finally {
            sample.stop(timer(provider, outcome));
        }
    }

    private Timer timer(String provider, String outcome) {
        return Timer.builder("clinic.provider.requests")
                .description("Calls to the SMS (Twilio) and email (SMTP) providers by outcome")
                .tag("provider", provider)
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(registry);
    }
}
