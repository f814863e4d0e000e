package com.clinicbackbone.notification;

import com.clinicbackbone.notification.appointment.Appointments;
import com.clinicbackbone.notification.clinic.Clinic;
import com.clinicbackbone.notification.clinic.Clinics;
import com.clinicbackbone.notification.contact.Contacts;
import com.clinicbackbone.notification.notification.Dispatcher;
import com.clinicbackbone.notification.notification.EmailSender;
import com.clinicbackbone.notification.notification.NotificationPlanner;
import com.clinicbackbone.notification.notification.Notifications;
import com.clinicbackbone.notification.notification.PatientLifecycle;
import com.clinicbackbone.notification.notification.SmsSender;
import com.clinicbackbone.notification.patient.PatientRegistry;
import com.clinicbackbone.messaging.MongoPingHealthIndicator;
import java.time.Clock;
import java.time.Duration;
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
                        entry.getValue().reminderOffset()))
                .toList());
    }

    @Bean
    NotificationPlanner notificationPlanner(Appointments appointments, Notifications notifications, Clinics clinics,
                                            PatientRegistry patients, Clock clock) {
        return new NotificationPlanner(appointments, notifications, clinics, patients, clock);
    }

    @Bean
    PatientLifecycle patientLifecycle(PatientRegistry patients, Contacts contacts, Appointments appointments,
                                      Notifications notifications) {
        return new PatientLifecycle(patients, contacts, appointments, notifications);
    }

    @Bean(initMethod = "start", destroyMethod = "stop")
    Dispatcher dispatcher(Notifications notifications, Appointments appointments, Contacts contacts,
                          PatientRegistry patients, Clinics clinics, EmailSender email, SmsSender sms, Clock clock) {
        return new Dispatcher(notifications, appointments, contacts, patients, clinics, email, sms, clock,
                Duration.ofMillis(250));
    }

    /** Overrides Boot's {@code mongoHealthIndicator}; see {@link MongoPingHealthIndicator}. */
    @Bean
    MongoPingHealthIndicator mongoHealthIndicator(MongoTemplate mongo) {
        return new MongoPingHealthIndicator(mongo);
    }
}
