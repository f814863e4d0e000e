package com.clinicbackbone.booking.recall.persistence;

import com.clinicbackbone.booking.clinic.Catalog;
import com.clinicbackbone.booking.course.Course;
import com.clinicbackbone.booking.course.CourseNotFoundException;
import com.clinicbackbone.booking.course.CourseService;
import com.clinicbackbone.booking.course.CourseStatus;
import com.clinicbackbone.booking.recall.RecallService;
import com.clinicbackbone.booking.recall.Recalls;
import com.clinicbackbone.messaging.OutboxRelay;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/** Wires the recalls: the Spring-free service and the relay of their outbox (one publisher thread: few events). */
@Configuration(proxyBeanMethods = false)
class RecallConfiguration {

    @Bean
    RecallService recallService(Catalog catalog, Recalls recalls, CourseService courses, Clock clock) {
        return new RecallService(catalog, recalls, new RecallService.Courses() {
            @Override
            public Optional<String> patientOf(String courseId) {
                return courseOf(courses, courseId).map(Course::patientId);
            }

            @Override
            public boolean isCancelled(String courseId) {
                return courseOf(courses, courseId).map(course -> course.status() == CourseStatus.CANCELLED)
                        .orElse(false);
            }
        }, clock);
    }

    private static Optional<Course> courseOf(CourseService courses, String courseId) {
        try {
            return Optional.of(courses.get(courseId));
        } catch (CourseNotFoundException unknown) {
            return Optional.empty();
        }
    }

    @Bean
    RecallOutboxRelay recallOutboxRelay(MongoTemplate mongo, StreamBridge bridge, Clock clock) {
        return new RecallOutboxRelay(new OutboxRelay(mongo, bridge, List.of(MongoRecalls.COLLECTION), clock,
                Duration.ofSeconds(1), Duration.ofSeconds(30), UUID.randomUUID().toString(), 1));
    }

    /** The relay of the {@code recalls} collection's outbox, started and stopped with the application. */
    record RecallOutboxRelay(OutboxRelay relay) implements SmartLifecycle {

        @Override
        public void start() {
            relay.start();
        }

        @Override
        public void stop() {
            relay.stop();
        }

        @Override
        public int getPhase() {
            return relay.getPhase();
        }

        @Override
        public boolean isRunning() {
            return relay.isRunning();
        }
    }
}
