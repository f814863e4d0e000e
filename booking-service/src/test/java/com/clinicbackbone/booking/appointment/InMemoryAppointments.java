package com.clinicbackbone.booking.appointment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Appointments in memory, keeping every published event; can be told to fail the next write. */
public class InMemoryAppointments implements Appointments {

    private final Map<String, Appointment> stored = new ConcurrentHashMap<>();
    private final List<Object> published = new ArrayList<>();
    private boolean failNextWrite;

    @Override
    public Optional<Appointment> find(String id) {
        Appointment appointment = stored.get(id);
        return appointment == null ? Optional.empty() : Optional.of(copy(appointment));
    }

    @Override
    public void add(Appointment appointment) {
        write(appointment);
    }

    @Override
    public void update(Appointment appointment) {
        write(appointment);
    }

    @Override
    public int erasePersonalDataOf(String patientId) {
        int changed = 0;
        for (Appointment appointment : stored.values()) {
            if (appointment.patientId().equals(patientId) && appointment.erasePersonalData()) {
                changed++;
            }
        }
        return changed;
    }

    private void write(Appointment appointment) {
        if (failNextWrite) {
            failNextWrite = false;
            throw new IllegalStateException("database down");
        }
        stored.put(appointment.id(), copy(appointment));
        published.addAll(appointment.events());
        appointment.clearEvents();
    }

    public void clear() {
        stored.clear();
        published.clear();
    }

    public void failNextWrite() {
        failNextWrite = true;
    }

    public int count() {
        return stored.size();
    }

    public List<Object> published() {
        return List.copyOf(published);
    }

    private static Appointment copy(Appointment a) {
        return Appointment.restore(a.id(), a.clinicId(), a.serviceId(), a.practitionerId(), a.patientId(), a.start(),
                a.end(), a.createdAt(), a.status(), a.revision(), a.cancelledAt(), a.cancellationReason());
    }
}
