package com.clinicbackbone.booking.course;

import java.util.List;
import java.util.Optional;

/** Where courses are kept, with the events of each change. */
public interface Courses {

    Optional<Course> find(String id);

    /** Stores a new course and its events. */
    void add(Course course);

    /** Stores the course's changes and events; fails with {@link CourseStateException} if it changed meanwhile. */
    void update(Course course);

    /** The patient's courses, oldest first. */
    List<Course> ofPatient(String patientId);
}
