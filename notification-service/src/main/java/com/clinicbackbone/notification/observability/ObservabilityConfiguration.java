package com.clinicbackbone.notification.observability;

import com.clinicbackbone.messaging.OutboxMetrics;
import com.clinicbackbone.notification.appointment.Appointments;
import com.clinicbackbone.notification.clinic.Clinic;
import com.clinicbackbone.notification.clinic.Clinics;
import com.clinicbackbone.notification.contact.Channel;
import com.clinicbackbone.notification.notification.EmailSender;
import com.clinicbackbone.notification.notification.Notifications;
import com.clinicbackbone.notification.notification.SmsSender;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The service's own metrics: the reminder funnel, provider timers, overdue messages and the outbox backlog. The
 * funnel and the provider timers are counted by wrapping the ports where outcomes are stored or providers called
 * ({@link Notifications}, {@link Appointments}, {@link SmsSender}, {@link EmailSender}), so the dispatcher and the
 * senders stay as they are.
 */
@Configuration(proxyBeanMethods = false)
class ObservabilityConfiguration {

    static final String NOTIFICATIONS = "notifications";

    @Bean
    ReminderMetrics reminderMetrics(MeterRegistry registry, Clinics clinics) {
        var metrics = new ReminderMetrics(registry);
        metrics.preRegister(clinics.all().stream().map(Clinic::id).toList(),
                Arrays.stream(Channel.values()).map(Channel::name).toList());
        return metrics;
    }

    @Bean
    ProviderMetrics providerMetrics(MeterRegistry registry) {
        return new ProviderMetrics(registry);
    }

    @Bean
    OverdueMessages overdueMessages(Notifications notifications, Clock clock) {
        return new OverdueMessages(notifications, clock, OverdueMessages.GRACE, Duration.ofSeconds(5));
    }

    @Bean
    OutboxMetrics outboxMetrics(MongoTemplate mongo, Clock clock) {
        return new OutboxMetrics(mongo, List.of(NOTIFICATIONS, "sms_inbound"), clock, Duration.ofSeconds(5));
    }

    /** Wraps the ports with their counting versions (lazily resolved: a post-processor is created early). */
    @Bean
    static BeanPostProcessor countingPorts(ObjectProvider<ReminderMetrics> reminders,
                                           ObjectProvider<ProviderMetrics> providers,
                                           ObjectProvider<Notifications> notifications) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof CountingNotifications || bean instanceof CountingAppointments
                        || bean instanceof TimedSmsSender || bean instanceof TimedEmailSender) {
                    return bean;
                }
                if (bean instanceof Notifications port) {
                    return new CountingNotifications(port, reminders.getObject());
                }
                if (bean instanceof Appointments port) {
                    return new CountingAppointments(port, notifications::getObject, reminders.getObject());
                }
                if (bean instanceof SmsSender port) {
                    return new TimedSmsSender(port, providers.getObject());
                }
                if (bean instanceof EmailSender port) {
                    return new TimedEmailSender(port, providers.getObject());
                }
                return bean;
            }
        };
    }

    record TimedSmsSender(SmsSender delegate, ProviderMetrics metrics) implements SmsSender {
        @Override
        public String send(com.clinicbackbone.notification.notification.SmsMessage message) {
            return metrics.time(ProviderMetrics.TWILIO, () -> delegate.send(message));
        }
    }

    record TimedEmailSender(EmailSender delegate, ProviderMetrics metrics) implements EmailSender {
        @Override
        public String send(com.clinicbackbone.notification.notification.EmailMessage message) {
            return metrics.time(ProviderMetrics.SMTP, () -> delegate.send(message));
        }
    }
}
