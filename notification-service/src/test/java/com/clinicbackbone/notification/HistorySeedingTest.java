package com.clinicbackbone.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.clinicbackbone.notification.appointment.Appointments;
import com.clinicbackbone.notification.delivery.Deliveries;
import com.clinicbackbone.notification.history.NotificationHistory;
import com.clinicbackbone.notification.notification.Notifications;
import com.clinicbackbone.notification.retention.Retention;
import java.time.Clock;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The benchmark's history through the service's own storage code, then its retention until nothing is left: a year
 * of finished notifications ends in the archive but for the last 30 days, none is due, none goes out.
 */
@TestPropertySource(properties = "test.database=history-test")
class HistorySeedingTest extends RunningServiceTest {

    static final int APPOINTMENTS = 400;

    @Autowired
    Appointments appointments;
    @Autowired
    Notifications notifications;
    @Autowired
    Deliveries deliveries;
    @Autowired
    Retention retention;

    @Test
    void aYearOfHistoryIsStoredFinishedAndRetentionLeavesTheLastThirtyDaysHot() {
        new NotificationHistory(appointments, notifications, deliveries, Clock.systemUTC()).store(APPOINTMENTS);

        assertThat(mongo.count(query(where("kind").exists(true)), "notifications")).isEqualTo(5L * APPOINTMENTS);
        assertThat(mongo.count(query(where("status").is("SCHEDULED")), "notifications")).isZero();
        assertThat(notifications.find("history-" + (APPOINTMENTS - 1), null)).hasSize(5);
        assertThat(appointments.find("history-7")).get()
                .satisfies(appointment -> assertThat(appointment.patientId()).isEqualTo("history-patient-7"));

        Retention.Result total = new Retention.Result(0, 0, 0);
        for (Retention.Result run = retention.runOnce(); run.notifications() > 0; run = retention.runOnce()) {
            total = new Retention.Result(total.notifications() + run.notifications(),
                    total.deliveries() + run.deliveries(), 0);
        }

        long hot = mongo.count(query(where("kind").exists(true)), "notifications");
        // the appointments of the last 30 days of 365 (their visit and due time younger than the period) stay
        assertThat(hot).isBetween(5L * APPOINTMENTS * 28 / 365, 5L * APPOINTMENTS * 32 / 365);
        assertThat(total.notifications() + hot).isEqualTo(5L * APPOINTMENTS);
        assertThat(mongo.count(query(where("_id").regex("^history-")), "notifications_archive"))
                .isEqualTo(total.notifications());
        assertThat(total.deliveries()).isPositive();
        assertThat(mongo.count(new org.springframework.data.mongodb.core.query.Query(), "deliveries")
                + total.deliveries()).isEqualTo(mongo.count(query(where("status").is("SENT")), "notifications")
                + mongo.count(query(where("status").is("SENT")), "notifications_archive"));
        assertThat(mongo.findById("history-" + (APPOINTMENTS - 1) + ":REMINDER:SMS:PT24H", Document.class,
                "notifications")).containsEntry("status", "SENT");
    }
}
