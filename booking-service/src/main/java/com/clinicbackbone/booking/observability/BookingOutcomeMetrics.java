package com.clinicbackbone.booking.observability;

import com.clinicbackbone.booking.clinic.Catalog;
import com.clinicbackbone.booking.clinic.Clinic;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingRequestWrapper;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Counts every booking request ({@code POST /api/appointments}) by the answer the API gave:
 * {@code clinic.bookings{clinic, outcome}} with outcome {@code booked} (201), {@code conflict} (409: the time, the
 * device or the request is taken) or {@code rejected} (any other 4xx: bad input, unknown ids, a booking rule such as
 * hours, notice or prerequisites, or a role that may not book there). An idempotent replay counts nothing again;
 * a request without a valid token (401) and a server error count nothing. The clinic is the request's
 * {@code clinicId} when the catalog knows it, else {@code unknown} (no free-text tag values).
 */
class BookingOutcomeMetrics extends OncePerRequestFilter {

    static final String PATH = "/api/appointments";
    static final List<String> OUTCOMES = List.of("booked", "conflict", "rejected");
    private static final String UNKNOWN = "unknown";
    private static final int MAX_BODY = 16 * 1024;

    private final MeterRegistry registry;
    private final Catalog catalog;
    private final JsonMapper json;
    private final Set<String> knownClinics = ConcurrentHashMap.newKeySet();

    BookingOutcomeMetrics(MeterRegistry registry, Catalog catalog, JsonMapper json, Collection<Clinic> seeded) {
        this.registry = registry;
        this.catalog = catalog;
        this.json = json;
        seeded.forEach(clinic -> {
            knownClinics.add(clinic.id());
            OUTCOMES.forEach(outcome -> counter(clinic.id(), outcome));
        });
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod()) && PATH.equals(request.getRequestURI()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var cached = new ContentCachingRequestWrapper(request, MAX_BODY);
        chain.doFilter(cached, response);
        String outcome = outcome(response);
        if (outcome != null) {
            counter(clinic(cached.getContentAsByteArray()), outcome).increment();
        }
    }

    private static String outcome(HttpServletResponse response) {
        int status = response.getStatus();
        if ("true".equals(response.getHeader("Idempotent-Replayed"))) {
            return null;
        }
        if (status == 201) {
            return "booked";
        }
        if (status == 409) {
            return "conflict";
        }
        return status >= 400 && status < 500 && status != 401 ? "rejected" : null;
    }

    private String clinic(byte[] body) {
        try {
            JsonNode clinicId = json.readTree(body).path("clinicId");
            String id = clinicId.isString() ? clinicId.asString() : null;
            if (id == null) {
                return UNKNOWN;
            }
            if (knownClinics.contains(id)) {
                return id;
            }
            if (catalog.clinic(id).isPresent()) {
                knownClinics.add(id);
                return id;
            }
            return UNKNOWN;
        } catch (RuntimeException unreadable) {
            return UNKNOWN;
        }
    }

    private Counter counter(String clinic, String outcome) {
        return Counter.builder("clinic.bookings")
                .description("Booking requests by clinic and the API's answer (booked, conflict, rejected)")
                .tag("clinic", clinic)
                .tag("outcome", outcome)
                .register(registry);
    }
}
