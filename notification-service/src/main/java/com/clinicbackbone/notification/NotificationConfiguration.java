package com.clinicbackbone.notification;

import com.clinicbackbone.notification.appointment.Appointments;
import com.clinicbackbone.notification.clinic.Aftercare;
import com.clinicbackbone.notification.clinic.Clinic;
import com.clinicbackbone.notification.clinic.Clinics;
import com.clinicbackbone.notification.contact.Contacts;
import com.clinicbackbone.notification.delivery.Deliveries;
import com.clinicbackbone.notification.notification.Dispatcher;
import com.clinicbackbone.notification.notification.EmailSender;
import com.clinicbackbone.notification.notification.NotificationPlanner;
import com.clinicbackbone.notification.notification.MessageTemplates;
import com.clinicbackbone.notification.notification.Notifications;
import com.clinicbackbone.notification.notification.Templates;
import com.clinicbackbone.notification.notification.PatientLifecycle;
import com.clinicbackbone.notification.notification.SmsSender;
import com.clinicbackbone.notification.patient.PatientRegistry;
import com.clinicbackbone.notification.policy.ReminderPolicies;
import com.clinicbackbone.notification.policy.ReminderPolicy;
import com.clinicbackbone.notification.reply.InboundLog;
import com.clinicbackbone.notification.reply.InboundReplies;
import com.clinicbackbone.notification.recall.RecallInvitations;
import com.clinicbackbone.notification.retention.Retention;
import com.clinicbackbone.notification.retention.RetentionProperties;
import com.clinicbackbone.notification.waitlist.OfferMessages;
import com.clinicbackbone.notification.waitlist.WaitlistOffers;
import com.clinicbackbone.messaging.MongoPingHealthIndicator;
import com.clinicbackbone.messaging.OutboxRelay;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/** Wires the Spring-free domain services to their adapters. */
@Configuration(proxyBeanMethods = false)
class NotificationConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    Clinics clinics(NotificationProperties properties) {
        return new Clinics(properties.clinics().entrySet().stream()
                .map(entry -> Clinic.withDefaults(entry.getKey(), entry.getValue().name(),
                        entry.getValue().timeZone(), entry.getValue().smsSenderAlias(),
                        entry.getValue().bookingUrl()))
                .toList(),
                properties.aftercare().entrySet().stream().flatMap(clinic -> clinic.getValue().entrySet().stream()
                        .map(service -> new Aftercare(clinic.getKey(), service.getKey(), service.getValue().en(),
                                service.getValue().fr())))
                        .toList());
    }

    @Bean
    NotificationPlanner notificationPlanner(Appointments appointments, Notifications notifications, Clinics clinics,
                                            ReminderPolicies policies, PatientRegistry patients, Clock clock) {
        return new NotificationPlanner(appointments, notifications, clinics, policies, patients, clock);
    }

    @Bean
    Templates templates(MessageTemplates store, Clinics clinics, ReminderPolicies policies) {
        return new Templates(store, clinics, policies);
    }

    /** Seeds each configured clinic's reminder policy (the defaults, its SMS alias as sender) unless it has one. */
    @Bean
    ApplicationRunner reminderPolicySeed(Clinics clinics, ReminderPolicies policies) {
        return arguments -> clinics.all().forEach(clinic ->
                policies.saveIfAbsent(clinic.id(), ReminderPolicy.defaults(clinic.smsSenderAlias())));
    }

    @Bean
    PatientLifecycle patientLifecycle(PatientRegistry patients, Contacts contacts, Appointments appointments,
                                      Notifications notifications) {
        return new PatientLifecycle(patients, contacts, appointments, notifications);
    }

    /**
     * The dispatcher; {@code notifications.dispatcher.*}: {@code instance-id} (default: a random one per start),
     * {@code lease} (how long a claim protects a notification before another instance may take it over),
     * {@code threads} (notifications sent at once by this instance) and {@code poll-interval} (how often, when
     * neither woken nor due, it reads the due buckets by key for what other instances filed or left behind).
     * Policies and templates are cached by their stores ({@code notifications.cache-for}).
     */
    @Bean(initMethod = "start", destroyMethod = "stop")
    Dispatcher dispatcher(Notifications notifications, Deliveries deliveries, Appointments appointments,
                          Contacts contacts, PatientRegistry patients, Clinics clinics, ReminderPolicies policies,
                          Templates templates, EmailSender email, SmsSender sms, Clock clock,
                          OfferMessages offerMessages,
                          @Value("${notifications.dispatcher.instance-id:}") String instanceId,
                          @Value("${notifications.dispatcher.lease:PT1M}") Duration lease,
                          @Value("${notifications.dispatcher.threads:1}") int threads,
                          @Value("${notifications.dispatcher.poll-interval:PT1S}") Duration pollInterval) {
        var settings = new Dispatcher.Settings(instanceId.isBlank() ? "notification-service-" + UUID.randomUUID()
                : instanceId, lease, pollInterval, threads);
        return new Dispatcher(notifications, deliveries, appointments, contacts, patients, clinics, policies,
                templates, email, sms, clock, settings, offerMessages);
    }

    /** Invitations to book what is left of a treatment, per the clinic's recall policy. */
    @Bean
    RecallInvitations recallInvitations(Notifications notifications, ReminderPolicies policies, Clinics clinics) {
        return new RecallInvitations(notifications, policies, clinics);
    }

    /** The messages offering freed time from the waitlist (planned, closed, reached nobody). */
    @Bean
    OfferMessages offerMessages(WaitlistOffers offers, Notifications notifications, Clock clock) {
        return new OfferMessages(offers, notifications, clock);
    }

    /** The patients' SMS replies (STOP, START, C, X ...) to the webhook {@code POST /api/sms/inbound}. */
    @Bean
    InboundReplies inboundReplies(Contacts contacts, Appointments appointments, Clinics clinics,
                                  InboundLog inboundLog, WaitlistOffers offers, Clock clock) {
        return new InboundReplies(contacts, appointments, clinics, inboundLog, offers, clock);
    }

    /**
     * Publishes the events waiting in the notification documents (NotificationFailed), in the inbound SMS log
     * (SmsOptOutChanged, AppointmentReplyReceived, WaitlistOfferReplyReceived) and in the waitlist offers' event
     * documents (WaitlistOfferUndeliverable); a SmartLifecycle.
     */
    @Bean
    OutboxRelay outboxRelay(MongoTemplate mongo, StreamBridge bridge, Clock clock) {
        return new OutboxRelay(mongo, bridge, List.of("notifications", "sms_inbound", "waitlist_offer_events"), clock, Duration.ofMillis(200),
                Duration.ofSeconds(30));
    }

    /** Finished history out of the hot collections, hourly ({@code notifications.retention.*}). */
    @Bean
    Retention retention(MongoTemplate mongo, RetentionProperties properties, Clock clock) {
        return new Retention(mongo, properties, clock);
    }

    /** Overrides Boot's {@code mongoHealthIndicator}; see {@link MongoPingHealthIndicator}. */
    @Bean
    MongoPingHealthIndicator mongoHealthIndicator(MongoTemplate mongo) {
        return new MongoPingHealthIndicator(mongo);
    }
}
