package com.clinicbackbone.booking.schedule.persistence;

import com.clinicbackbone.booking.schedule.DemoSchedule;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Seeds the demo weekly hours before the web server starts, each only where the practitioner has no hours at that
 * clinic yet: a restart adds no duplicates and keeps what the front desk changed; then every instance reloads.
 */
@Component
class ScheduleSeeder implements SmartInitializingSingleton {

    private final MongoSchedules schedules;

    ScheduleSeeder(MongoSchedules schedules) {
        this.schedules = schedules;
    }

    @Override
    public void afterSingletonsInstantiated() {
        schedules.saveAllIfAbsent(DemoSchedule.HOURS);
    }
}
