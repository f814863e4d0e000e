package com.clinicbackbone.web.desk;

import java.time.Instant;
import java.util.List;

/** A treatment course with its sessions' live status and its progress ({@code GET /api/courses?patientId=}). */
public record Course(String id, String clinicId, String serviceId, String practitionerId, String patientId,
                     int minDaysBetween, int maxDaysBetween, String status, List<Session> sessions,
                     Progress progress) {

    public Course {
        sessions = sessions == null ? List.of() : List.copyOf(sessions);
    }

    public record Session(int number, String appointmentId, Instant start, Instant end, String status) {
    }

    public record Progress(int done, int upcoming, int missed, int cancelled) {
    }
}
