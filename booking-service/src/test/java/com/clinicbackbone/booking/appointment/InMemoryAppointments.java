package com.clinicbackbone.booking.appointment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/** Appointments in memory, keeping every published event; can be told to fail the next write. */
public class InMemoryAppointments implements Appointments {

    private final Map<String, Appointment> stored = new ConcurrentHashMap<>();
    private final List<Object> published = new ArrayList<>();
    private final Set<String> fenced = ConcurrentHashMap.newKeySet();
    private boolean failNextWrite;
    private boolean failAfterNextWrite;
    private volatile boolean failReads;

    @Override
    public Optional<Appointment> find(String id) {
        if (failReads) {
            throw new IllegalStateException("database unreachable");
        }
        Appointment appointment = stored.get(id);
        return appointment == null ? Optional.empty() : Optional.of(copy(appointment));
    }

    @Override
    public List<Appointment> findAll(Collection<String> ids) {
        return ids.stream().map(this::find).flatMap(Optional::stream).toList();
    }

    @Override
    public synchronized boolean fence(String id) {
        if (stored.containsKey(id)) {
            return false;
        }
        fenced.add(id);
        return true;
    }

    /** Like the unique {@code _id}: an appointment with the same id (or a fenced id) fails. */
    @Override
    public synchronized void add(Appointment appointment) {
        if (stored.containsKey(appointment.id()) || fenced.contains(appointment.id())) {
            throw new IllegalStateException("duplicate appointment id " + appointment.id());
        }
        write(appointment);
    }

    /** Like an ordered insert: stops at the first that fails. */
    @Override
    public synchronized void addAll(List<Appointment> appointments) {
        appointments.forEach(this::add);
    }

    /** Like the revision compare-and-set: one change per revision. */
    @Override
    public synchronized void update(Appointment appointment) {
        Appointment current = stored.get(appointment.id());
        if (current == null || current.revision() != appointment.revision() - appointment.events().size()) {
            throw new AppointmentStateException("Appointment " + appointment.id()
                    + " was changed by another request meanwhile; reload it and try again");
        }
        write(appointment);
    }

    @Override
    public List<Appointment> atClinic(String clinicId, Instant from, Instant to) {
        return between(from, to).filter(a -> a.clinicId().equals(clinicId)).toList();
    }

    @Override
    public List<Appointment> ofPractitioner(String practitionerId, Instant from, Instant to) {
        return between(from, to).filter(a -> a.practitionerId().equals(practitionerId)).toList();
    }

    @Override
    public List<Appointment> ofPatient(String patientId, Instant from, Instant to) {
        return between(from, to).filter(a -> a.patientId().equals(patientId)).toList();
    }

    private Stream<Appointment> between(Instant from, Instant to) {
        return stored.values().stream().filter(a -> !a.start().isBefore(from) && a.start().isBefore(to))
                .sorted(Comparator.comparing(Appointment::start)).map(InMemoryAppointments::copy);
    }

    /** Like the revision compare-and-set; the revision stays. */
    @Override
    public synchronized boolean flagCancellationRequested(Appointment loaded) {
        Appointment current = stored.get(loaded.id());
        if (current == null || current.revision() != loaded.revision()) {
            return false;
        }
        stored.put(loaded.id(), copy(current).withCancellationRequested(true));
        return true;
    }

    @Override
    public int erasePersonalData(Collection<String> ids) {
        int changed = 0;
        for (String id : ids) {
            Appointment appointment = stored.get(id);
            if (appointment != null && appointment.erasePersonalData()) {
                changed++;
            }
        }
        return changed;
    }

    @Override
    public void eachWithFreeText(BiConsumer<String, String> appointmentAndPatient) {
        stored.values().stream().filter(a -> a.cancellationReason() != null)
                .forEach(a -> appointmentAndPatient.accept(a.id(), a.patientId()));
    }

    @Override
    public synchronized List<Appointment> archiveFinished(Instant endedBefore, int limit) {
        List<Appointment> finished = stored.values().stream().filter(a -> a.end().isBefore(endedBefore)
                && (a.status() == AppointmentStatus.COMPLETED || !a.status().holdsTime())).limit(limit)
                .map(InMemoryAppointments::copy).toList();
        finished.forEach(a -> stored.remove(a.id()));
        return finished;
    }

    private void write(Appointment appointment) {
        if (failNextWrite) {
            failNextWrite = false;
            throw new IllegalStateException("database down");
        }
        stored.put(appointment.id(), copy(appointment));
        published.addAll(appointment.events());
        if (failAfterNextWrite) { // applied, but the caller hears of a failure (a lost acknowledgement)
            failAfterNextWrite = false;
            throw new IllegalStateException("socket timeout");
        }
        appointment.clearEvents();
    }

    public void clear() {
        stored.clear();
        published.clear();
    }

    public void failNextWrite() {
        failNextWrite = true;
    }

    /** The next write is applied, then fails as if its acknowledgement was lost. */
    public void failAfterNextWrite() {
        failAfterNextWrite = true;
    }

    /** Every read fails from now on (or works again). */
    public void failReads(boolean fail) {
        failReads = fail;
    }

    public int count() {
        return stored.size();
    }

    public List<Object> published() {
        return List.copyOf(published);
    }

    private static Appointment copy(Appointment a) {
        return Appointment.restore(a.id(), a.clinicId(), a.serviceId(), a.practitionerId(), a.patientId(), a.start(),
                a.end(), a.createdAt(), a.walkIn(), a.status(), a.revision(), a.cancelledAt(), a.cancellationReason(),
                a.cancelledBy(), a.late(), a.bufferBeforeMinutes(), a.bufferAfterMinutes(), a.resourceId())
                .withCancellationRequested(a.cancellationRequested());
    }
}
