package com.clinicbackbone.booking.schedule;

import com.clinicbackbone.booking.clinic.InvalidFieldException;
import java.time.DayOfWeek;
import java.util.Comparator;
import java.util.List;

/** A practitioner's regular weekly hours at one clinic: blocks (several a day allowed) that do not overlap. */
public record WeeklyHours(String practitionerId, String clinicId, List<DayHours> weekly) {

    public WeeklyHours {
        weekly = weekly == null ? List.of() : weekly.stream()
                .sorted(Comparator.comparing(DayHours::day).thenComparing(DayHours::start)).toList();
        for (int i = 1; i < weekly.size(); i++) {
            DayHours previous = weekly.get(i - 1);
            DayHours next = weekly.get(i);
            if (previous.day() == next.day() && previous.block().overlaps(next.block())) {
                throw new InvalidFieldException("weekly", next.day() + ": blocks " + previous.start() + "-"
                        + previous.end() + " and " + next.start() + "-" + next.end() + " overlap");
            }
        }
    }

    public List<DayHours> on(DayOfWeek day) {
        return weekly.stream().filter(hours -> hours.day() == day).toList();
    }
}
