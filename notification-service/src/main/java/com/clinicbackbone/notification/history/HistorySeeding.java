package com.clinicbackbone.notification.history;

import com.clinicbackbone.notification.NotificationServiceApplication;
import com.clinicbackbone.notification.appointment.Appointments;
import com.clinicbackbone.notification.delivery.Deliveries;
import com.clinicbackbone.notification.notification.Notifications;
import com.clinicbackbone.notification.retention.Retention;
import java.time.Clock;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The benchmark's {@code --history=N} for notification-service (not part of the service's own start-up): runs the
 * service's application context without its web server, stores N past appointments with their five finished
 * notifications and delivery records through the service's own {@link Appointments}, {@link Notifications} and
 * {@link Deliveries} ({@link NotificationHistory}), then, unless {@code --history.retention=false}, runs the
 * service's {@link Retention} until it has nothing left to do (what its hourly runs would have left after a year),
 * and exits. Started by the benchmark as
 * {@code java -cp notification-service.jar -Dloader.main=com.clinicbackbone.notification.history.HistorySeeding
 * org.springframework.boot.loader.launch.PropertiesLauncher --history.appointments=N --spring.mongodb.uri=...}.
 */
public final class HistorySeeding {

    private HistorySeeding() {
    }

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(NotificationServiceApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setDefaultProperties(Map.of("notifications.retention.enabled", "false"));
        int status = 0;
        try (ConfigurableApplicationContext context = application.run(args)) {
            int count = context.getEnvironment().getProperty("history.appointments", Integer.class, 0);
            boolean retention = context.getEnvironment().getProperty("history.retention", Boolean.class, true);
            NotificationHistory history = new NotificationHistory(context.getBean(Appointments.class),
                    context.getBean(Notifications.class), context.getBean(Deliveries.class), Clock.systemUTC());
            long start = System.nanoTime();
            history.store(count);
            System.out.printf("History: %d past appointments with 5 notifications each stored in %.1f s%n", count,
                    (System.nanoTime() - start) / 1e9);
            if (retention) {
                Retention job = context.getBean(Retention.class);
                for (Retention.Result result = job.runOnce();
                        result.notifications() + result.deliveries() + result.inbound() > 0;
                        result = job.runOnce()) {
                    System.out.println("History: retention " + result);
                }
            }
        } catch (RuntimeException e) {
            e.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }
}
