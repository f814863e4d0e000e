package com.clinicbackbone.booking.course.persistence;

import com.clinicbackbone.booking.appointment.AppointmentService;
import com.clinicbackbone.booking.availability.FreeStarts;
import com.clinicbackbone.booking.clinic.Catalog;
import com.clinicbackbone.booking.course.CourseService;
import com.clinicbackbone.booking.course.Courses;
import com.clinicbackbone.messaging.OutboxRelay;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/** Wires the course feature: its Spring-free service, and the relay that publishes the courses' outbox. */
@Configuration(proxyBeanMethods = false)
class CourseConfiguration {

    @Bean
    CourseService courseService(Catalog catalog, AppointmentService appointments, FreeStarts freeStarts,
                                Courses courses, Clock clock) {
        return new CourseService(catalog, appointments, freeStarts, courses, clock);
    }

    @Bean
    CourseOutboxRelay courseOutboxRelay(MongoTemplate mongo, StreamBridge bridge, Clock clock) {
        return new CourseOutboxRelay(new OutboxRelay(mongo, bridge, List.of(MongoCourses.COLLECTION), clock,
                Duration.ofSeconds(1), Duration.ofSeconds(30)));
    }
}
