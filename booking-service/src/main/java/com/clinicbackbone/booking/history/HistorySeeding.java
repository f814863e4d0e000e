package com.clinicbackbone.booking.history;

import com.clinicbackbone.booking.BookingServiceApplication;
import com.clinicbackbone.booking.appointment.Appointments;
import com.clinicbackbone.booking.appointment.PractitionerCalendar;
import com.clinicbackbone.booking.retention.Retention;
import java.time.Clock;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The benchmark's {@code --history=N} for booking-service (not part of the service's own start-up): runs the
 * service's application context without its web server, stores N past appointments and their calendar claims through
 * the service's own {@link Appointments} and {@link PractitionerCalendar}, then, unless
 * {@code --history.retention=false}, runs the service's {@link Retention} until it has nothing left to do (what its
 * hourly runs would have left after a year), and exits. Started by the benchmark as
 * {@code java -cp booking-service.jar -Dloader.main=com.clinicbackbone.booking.history.HistorySeeding
 * org.springframework.boot.loader.launch.PropertiesLauncher --history.appointments=N --spring.mongodb.uri=...}.
 */
public final class HistorySeeding {

    private HistorySeeding() {
    }

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(BookingServiceApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setDefaultProperties(Map.of("booking.retention.enabled", "false"));
        int status = 0;
        try (ConfigurableApplicationContext context = application.run(args)) {
            int count = context.getEnvironment().getProperty("history.appointments", Integer.class, 0);
            boolean retention = context.getEnvironment().getProperty("history.retention", Boolean.class, true);
            BookingHistory history = new BookingHistory(context.getBean(Appointments.class),
                    context.getBean(PractitionerCalendar.class), Clock.systemUTC());
            long start = System.nanoTime();
            history.store(count);
            System.out.printf("History: %d past appointments with their calendar claims stored in %.1f s%n", count,
                    (System.nanoTime() - start) / 1e9);
            if (retention) {
                Retention job = context.getBean(Retention.class);
                for (Retention.Outcome outcome = job.runOnce(); outcome.idempotencyKeys() + outcome.calendarDays()
                        + outcome.archivedAppointments() > 0; outcome = job.runOnce()) {
                    System.out.println("History: retention " + outcome);
                }
            }
        } catch (RuntimeException e) {
            e.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }
}
