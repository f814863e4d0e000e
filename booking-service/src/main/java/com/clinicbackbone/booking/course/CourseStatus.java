package com.clinicbackbone.booking.course;

/** ACTIVE from planning on; CANCELLED once the course was cancelled (its sessions still ahead with it). */
public enum CourseStatus {
    ACTIVE,
    CANCELLED
}
