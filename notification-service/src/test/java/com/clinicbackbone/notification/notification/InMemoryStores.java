package com.clinicbackbone.notification.notification;

import com.clinicbackbone.notification.appointment.Appointment;
import com.clinicbackbone.notification.appointment.Appointments;
import com.clinicbackbone.notification.contact.Channel;
import com.clinicbackbone.notification.contact.Contact;
import com.clinicbackbone.notification.contact.Contacts;
import com.clinicbackbone.notification.delivery.Deliveries;
import com.clinicbackbone.notification.delivery.Delivery;
import com.clinicbackbone.notification.delivery.DeliveryStatus;
import com.clinicbackbone.notification.delivery.ProviderStatus;
import com.clinicbackbone.notification.patient.PatientRegistry;
import com.clinicbackbone.notification.policy.ReminderPolicies;
import com.clinicbackbone.notification.policy.ReminderPolicy;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** In-memory versions of the ports, with the same conditional semantics as the MongoDB adapters. */
final class InMemoryStores {

    private InMemoryStores() {
    }

    static final class InMemoryAppointments implements Appointments {
        final Map<String, Appointment> byId = new HashMap<>();
        final Map<String, Set<String>> planned = new HashMap<>();
        final Map<String, Long> versions = new HashMap<>();
        final Set<String> patientErased = new HashSet<>();

        @Override
        public Optional<Appointment> find(String appointmentId) {
            return Optional.ofNullable(byId.get(appointmentId));
        }

        @Override
        public Map<String, Appointment> findAll(java.util.Collection<String> appointmentIds) {
            Map<String, Appointment> found = new HashMap<>();
            appointmentIds.stream().filter(byId::containsKey).forEach(id -> found.put(id, byId.get(id)));
            return found;
        }

        @Override
        public Optional<Stored> load(String appointmentId) {
            return find(appointmentId).map(appointment -> new Stored(appointment,
                    planned.getOrDefault(appointmentId, Set.of()), patientErased.contains(appointmentId),
                    versions.get(appointmentId)));
        }

        @Override
        public boolean save(Appointment appointment, java.util.Collection<String> plannedNotificationIds,
                            Stored expected) {
            Long version = versions.get(appointment.id());
            if (expected == null ? byId.containsKey(appointment.id())
                    : !java.util.Objects.equals(version, expected.version())) {
                return false;
            }
            byId.put(appointment.id(), appointment);
            planned.computeIfAbsent(appointment.id(), id -> new HashSet<>()).addAll(plannedNotificationIds);
            versions.put(appointment.id(), version == null ? 1 : version + 1);
            return true;
        }

        @Override
        public Optional<Appointment> nextUpcoming(java.util.Collection<String> patientIds, Instant now) {
            return byId.values().stream().filter(a -> patientIds.contains(a.patientId()) && a.start().isAfter(now)
                            && (a.status() == com.clinicbackbone.notification.appointment.AppointmentStatus.BOOKED
                            || a.status() == com.clinicbackbone.notification.appointment.AppointmentStatus.CONFIRMED))
                    .min(Comparator.comparing(Appointment::start));
        }

        @Override
        public Set<String> notificationIdsOf(String patientId) {
            Set<String> ids = new HashSet<>();
            byId.values().stream().filter(a -> a.patientId().equals(patientId))
                    .forEach(a -> ids.addAll(planned.getOrDefault(a.id(), Set.of())));
            return ids;
        }

        @Override
        public Set<String> markPatientErased(String patientId) {
            byId.values().stream().filter(a -> a.patientId().equals(patientId)).forEach(a -> {
                patientErased.add(a.id());
                versions.merge(a.id(), 1L, Long::sum);
            });
            return notificationIdsOf(patientId);
        }

        @Override
        public Set<String> reassignPatient(String fromPatientId, String toPatientId) {
            Set<String> moved = notificationIdsOf(fromPatientId);
            byId.replaceAll((id, a) -> {
                if (!a.patientId().equals(fromPatientId)) {
                    return a;
                }
                patientErased.remove(id);
                versions.merge(id, 1L, Long::sum);
                return a.forPatient(toPatientId);
            });
            return moved;
        }
    }

    static final class InMemoryContacts implements Contacts {
        final Map<String, Contact> byId = new HashMap<>();

        @Override
        public Optional<Contact> find(String patientId) {
            return Optional.ofNullable(byId.get(patientId));
        }

        @Override
        public boolean saveIfNotOlder(Contact contact) {
            Contact stored = byId.get(contact.patientId());
            if (stored != null && stored.revision() > contact.revision()) {
                return false;
            }
            byId.put(contact.patientId(), contact);
            return true;
        }

        @Override
        public Map<String, Contact> findAll(java.util.Collection<String> patientIds) {
            Map<String, Contact> found = new HashMap<>();
            patientIds.stream().filter(byId::containsKey).forEach(id -> found.put(id, byId.get(id)));
            return found;
        }

        @Override
        public List<Contact> findByPhone(String phone) {
            return byId.values().stream().filter(c -> phone.equals(c.phone())).toList();
        }

        @Override
        public boolean markSmsOptedOut(String patientId, boolean optedOut) {
            Contact c = byId.get(patientId);
            if (c == null) {
                return false;
            }
            byId.put(patientId, new Contact(c.patientId(), c.givenName(), c.email(), c.phone(), c.language(),
                    c.channels(), c.consents(), c.revision(), optedOut));
            return true;
        }

        @Override
        public void delete(String patientId) {
            byId.remove(patientId);
        }
    }

    static final class InMemoryPatientRegistry implements PatientRegistry {
        final Set<String> erased = new HashSet<>();
        final Map<String, String> mergedInto = new HashMap<>();

        @Override
        public boolean isErased(String patientId) {
            return erased.contains(patientId);
        }

        @Override
        public Optional<String> mergedInto(String patientId) {
            return Optional.ofNullable(mergedInto.get(patientId));
        }

        @Override
        public void markErased(String patientId) {
            erased.add(patientId);
        }

        @Override
        public void markMerged(String mergedPatientId, String survivingPatientId) {
            mergedInto.put(mergedPatientId, survivingPatientId);
        }
    }

    /**
     * Policies with a fallback for clinics without one: by default the old single-offset behaviour, a reminder
     * 24 h before on both channels, no quiet hours.
     */
    static final class InMemoryReminderPolicies implements ReminderPolicies {
        static final ReminderPolicy BOTH_CHANNELS_24H = bothChannels(Duration.ofHours(24));

        final Map<String, ReminderPolicy> byClinic = new HashMap<>();
        ReminderPolicy fallback = BOTH_CHANNELS_24H;

        static ReminderPolicy bothChannels(Duration offset) {
            return new ReminderPolicy(new ReminderPolicy.Confirmations(true, true, true),
                    List.of(new ReminderPolicy.Reminder(offset, Set.of(Channel.EMAIL, Channel.SMS))), true,
                    new ReminderPolicy.QuietHours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT), "Clinic");
        }

        @Override
        public Optional<ReminderPolicy> find(String clinicId) {
            return Optional.ofNullable(byClinic.getOrDefault(clinicId, fallback));
        }

        @Override
        public void save(String clinicId, ReminderPolicy policy) {
            byClinic.put(clinicId, policy);
        }

        @Override
        public void saveIfAbsent(String clinicId, ReminderPolicy policy) {
            byClinic.putIfAbsent(clinicId, policy);
        }
    }

    static final class InMemoryMessageTemplates implements MessageTemplates {
        final Map<TemplateKey, MessageTemplate> byKey = new HashMap<>();

        @Override
        public Optional<MessageTemplate> find(TemplateKey key) {
            return Optional.ofNullable(byKey.get(key));
        }

        @Override
        public void save(TemplateKey key, MessageTemplate template) {
            byKey.put(key, template);
        }
    }

    /** The notifications store with the Mongo adapter's cancellation requests under a live claim. */
    static final class InMemoryNotifications implements Notifications {
        final Map<String, Notification> byId = new HashMap<>();
        final Map<String, String> leaseTokens = new HashMap<>();
        final Map<String, Instant> leaseUntil = new HashMap<>();
        final Map<String, String> cancelRequested = new HashMap<>();
        /** What "now" is for a cancellation (is a claim still live?); tests with a clock set it. */
        java.util.function.Supplier<Instant> now = Instant::now;

        Notification get(String id) {
            return byId.get(id);
        }

        @Override
        public List<Notification> plan(List<Cancellation> cancellations, List<Notification> additions) {
            for (Cancellation cancellation : cancellations) {
                cancel(n -> n.id().equals(cancellation.notificationId()), cancellation.reason());
            }
            return additions.stream().filter(n -> byId.putIfAbsent(n.id(), n) == null).toList();
        }

        private void cancel(java.util.function.Predicate<Notification> which, String reason) {
            Instant at = now.get();
            byId.replaceAll((id, n) -> {
                if (n.status() != NotificationStatus.SCHEDULED || !which.test(n)) {
                    return n;
                }
                if (leaseUntil.containsKey(id) && !leaseUntil.get(id).isBefore(at)) {
                    cancelRequested.put(id, reason); // under a live claim: its holder settles it
                    return n;
                }
                cancelRequested.remove(id);
                return n.cancelled(reason);
            });
        }

        @Override
        public void rescheduleCancelled(java.util.Collection<String> notificationIds, String reason) {
            byId.replaceAll((id, n) -> {
                if (!notificationIds.contains(id)) {
                    return n;
                }
                if (reason.equals(cancelRequested.get(id))) {
                    cancelRequested.remove(id);
                }
                if (n.status() != NotificationStatus.CANCELLED || !reason.equals(n.reason())) {
                    return n;
                }
                leaseTokens.remove(id);
                leaseUntil.remove(id);
                return n.retryAt(n.nextAttemptAt(), n.attempts(), null);
            });
        }

        @Override
        public void reassignPatient(java.util.Collection<String> notificationIds, String toPatientId) {
            byId.replaceAll((id, n) -> notificationIds.contains(id) ? withPatient(n, toPatientId) : n);
        }

        private static Notification withPatient(Notification n, String patientId) {
            return new Notification(n.id(), n.appointmentId(), patientId, n.clinicId(), n.kind(), n.channel(),
                    n.status(), n.dueAt(), n.sentAt(), n.reason(), n.attempts(), n.providerMessageId(),
                    n.deliveryStatus(), n.nextAttemptAt(), n.appointmentRevision(), n.appointmentStart(),
                    n.deliveredAt(), n.failure());
        }

        @Override
        public List<Claim> claimDue(Instant now, Duration lease, String holder, int max) {
            List<Claim> claims = new java.util.ArrayList<>();
            Optional<Claim> next;
            while (claims.size() < max && (next = claimOne(now, lease, holder)).isPresent()) {
                claims.add(next.get());
            }
            return claims;
        }

        @Override
        public Optional<Instant> nextDue() {
            Instant at = now.get();
            return byId.values().stream().filter(n -> n.status() == NotificationStatus.SCHEDULED)
                    .map(Notification::nextAttemptAt).filter(next -> next.isAfter(at)).min(Comparator.naturalOrder());
        }

        private Optional<Claim> claimOne(Instant now, Duration lease, String holder) {
            Optional<Notification> next = byId.values().stream()
                    .filter(n -> n.status() == NotificationStatus.SCHEDULED && !n.nextAttemptAt().isAfter(now))
                    .filter(n -> !leaseUntil.containsKey(n.id()) || leaseUntil.get(n.id()).isBefore(now))
                    .min(Comparator.comparing(Notification::nextAttemptAt));
            return next.map(n -> {
                String token = holder + "/" + UUID.randomUUID();
                boolean takenOver = leaseTokens.put(n.id(), token) != null;
                leaseUntil.put(n.id(), now.plus(lease));
                return new Claim(n, token, takenOver, cancelRequested.get(n.id()));
            });
        }

        final List<String> released = new java.util.ArrayList<>();

        @Override
        public void release(List<Claim> claims) {
            for (Claim claim : claims) {
                String id = claim.notification().id();
                released.add(id);
                if (claim.token().equals(leaseTokens.get(id))) {
                    leaseTokens.remove(id);
                    leaseUntil.remove(id);
                }
            }
        }

        @Override
        public boolean complete(Claim claim, Notification outcome) {
            String id = outcome.id();
            if (!claim.token().equals(leaseTokens.get(id)) || byId.get(id).status() != NotificationStatus.SCHEDULED) {
                return false;
            }
            leaseTokens.remove(id);
            leaseUntil.remove(id);
            String cancelReason = cancelRequested.remove(id);
            byId.put(id, cancelReason == null ? outcome : outcome.settledWithCancellation(cancelReason));
            return true;
        }

        @Override
        public List<Notification> find(String appointmentId, String patientId) {
            return byId.values().stream()
                    .filter(n -> appointmentId == null || n.appointmentId().equals(appointmentId))
                    .filter(n -> patientId == null || n.patientId().equals(patientId))
                    .sorted(Comparator.comparing(Notification::dueAt))
                    .toList();
        }

        @Override
        public List<Notification> findAll(java.util.Collection<String> notificationIds) {
            return notificationIds.stream().filter(byId::containsKey).map(byId::get).toList();
        }

        @Override
        public Optional<Notification> recordDeliveryStatus(String notificationId, ProviderStatus expected,
                                                           ProviderStatus deliveryStatus, Instant at) {
            return Optional.empty();
        }

        @Override
        public long countOverdue(Instant before) {
            return byId.values().stream().filter(n -> n.status() == NotificationStatus.SCHEDULED
                    && n.nextAttemptAt().isBefore(before)).count();
        }
    }

    /** The delivery log with the Mongo adapter's conditional writes. */
    static final class InMemoryDeliveries implements Deliveries {
        final Map<String, Delivery> byId = new HashMap<>();

        Delivery get(String notificationId) {
            return byId.get(notificationId);
        }

        @Override
        public Start begin(String notificationId, Channel channel, String instanceId, Instant at) {
            Delivery existing = byId.get(notificationId);
            if (existing == null) {
                byId.put(notificationId, new Delivery(notificationId, channel, DeliveryStatus.SENDING, instanceId, 1,
                        null, null, null, null, at, at));
                return Start.go(1);
            }
            if (existing.status() != DeliveryStatus.RETRY) {
                return Start.taken(existing);
            }
            int attempt = existing.attempts() + 1;
            byId.put(notificationId, new Delivery(notificationId, channel, DeliveryStatus.SENDING, instanceId, attempt,
                    null, existing.reason(), null, null, existing.startedAt(), at));
            return Start.go(attempt);
        }

        @Override
        public void sent(String notificationId, int attempt, String providerMessageId, Instant at) {
            outcome(notificationId, attempt, Set.of(DeliveryStatus.SENDING, DeliveryStatus.UNKNOWN),
                    DeliveryStatus.SENT, providerMessageId, null, at);
        }

        @Override
        public void retry(String notificationId, int attempt, String reason, Instant at) {
            outcome(notificationId, attempt, Set.of(DeliveryStatus.SENDING), DeliveryStatus.RETRY, null, reason, at);
        }

        @Override
        public void failed(String notificationId, int attempt, String reason, Instant at) {
            outcome(notificationId, attempt, Set.of(DeliveryStatus.SENDING, DeliveryStatus.UNKNOWN),
                    DeliveryStatus.FAILED, null, reason, at);
        }

        @Override
        public Optional<Delivery> markUnknown(String notificationId, int attempt, String reason, Instant at) {
            outcome(notificationId, attempt, Set.of(DeliveryStatus.SENDING), DeliveryStatus.UNKNOWN, null, reason, at);
            return find(notificationId);
        }

        private void outcome(String id, int attempt, Set<DeliveryStatus> from, DeliveryStatus to, String providerId,
                             String reason, Instant at) {
            Delivery d = byId.get(id);
            if (d != null && d.attempts() == attempt && from.contains(d.status())) {
                byId.put(id, new Delivery(id, d.channel(), to, d.instanceId(), d.attempts(), providerId, reason,
                        d.providerStatus(), d.providerErrorCode(), d.startedAt(), at));
            }
        }

        @Override
        public Optional<StatusRecorded> recordProviderStatus(String providerMessageId, ProviderStatus status,
                                                             String errorCode, Instant at) {
            return Optional.empty();
        }

        @Override
        public Optional<Delivery> find(String notificationId) {
            return Optional.ofNullable(byId.get(notificationId));
        }

        @Override
        public void addAll(java.util.Collection<Delivery> finished) {
            finished.forEach(delivery -> byId.putIfAbsent(delivery.notificationId(), delivery));
        }
    }
}
