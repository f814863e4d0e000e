package com.clinicbackbone.web.live;

import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open pages of this instance, by clinic, each a server-sent-events stream. A change to an appointment of a
 * clinic is told to every page open on that clinic ({@code event: appointment}, data: the appointment id and what
 * happened); the page then reloads its calendar. Ids only, like the events.
 */
@Component
public class LiveUpdates {

    static final Duration OPEN_FOR = Duration.ofMinutes(30);

    /** How long after an SMS reply the pages are told again (see {@link #replyReceived}). */
    static final Duration AFTER_A_REPLY = Duration.ofMillis(800);

    private final Map<String, Set<SseEmitter>> pagesByClinic = new ConcurrentHashMap<>();
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "live-updates-later");
        thread.setDaemon(true);
        return thread;
    });

    /** A stream for a page showing the given clinics. */
    public SseEmitter open(Set<String> clinicIds) {
        SseEmitter page = new SseEmitter(OPEN_FOR.toMillis());
        clinicIds.forEach(clinicId -> pagesByClinic.computeIfAbsent(clinicId, id -> new CopyOnWriteArraySet<>()).add(page));
        Runnable close = () -> clinicIds.forEach(clinicId -> pagesByClinic.getOrDefault(clinicId, Set.of()).remove(page));
        page.onCompletion(close);
        page.onTimeout(close);
        page.onError(error -> close.run());
        try {
            page.send(SseEmitter.event().name("open").data("{}", MediaType.APPLICATION_JSON));
        } catch (IOException e) {
            close.run();
        }
        return page;
    }

    /** Tells the pages open on the clinic that one of its appointments changed. */
    public void appointmentChanged(String clinicId, String appointmentId, String change) {
        for (SseEmitter page : pagesByClinic.getOrDefault(clinicId, Set.of())) {
            try {
                page.send(SseEmitter.event().name("appointment")
                        .data(Map.of("appointmentId", appointmentId, "change", change), MediaType.APPLICATION_JSON));
            } catch (IOException | IllegalStateException e) {
                pagesByClinic.getOrDefault(clinicId, Set.of()).remove(page);
            }
        }
    }

    /**
     * A patient's SMS reply about an appointment: booking-service acts on the same event at the same time, and when
     * it only flags the appointment ("asked to cancel", inside the late window) it publishes nothing. So the pages
     * are told now and once more a moment later, when the flag is there to be seen.
     */
    public void replyReceived(String clinicId, String appointmentId, String change) {
        appointmentChanged(clinicId, appointmentId, change);
        later.schedule(() -> appointmentChanged(clinicId, appointmentId, change), AFTER_A_REPLY.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        later.shutdownNow();
    }

    int openPages(String clinicId) {
        return pagesByClinic.getOrDefault(clinicId, Set.of()).size();
    }
}
