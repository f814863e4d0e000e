package com.clinicbackbone.booking.schedule;

import com.clinicbackbone.booking.clinic.InvalidFieldException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** One working block on a weekday, clinic-local wall-clock, with breaks inside it that do not overlap. */
public record DayHours(DayOfWeek day, LocalTime start, LocalTime end, List<TimeRange> breaks) {

    public DayHours {
        if (day == null) {
            throw new InvalidFieldException("day", "must be a weekday such as MONDAY");
        }
        TimeRange block = new TimeRange(start, end);
        breaks = breaks == null ? List.of() : breaks.stream().sorted(Comparator.comparing(TimeRange::start)).toList();
        for (int i = 0; i < breaks.size(); i++) {
            if (!block.contains(breaks.get(i))) {
                throw new InvalidFieldException("breaks", day + ": break " + breaks.get(i).start() + "-"
                        + breaks.get(i).end() + " lies outside the block " + start + "-" + end);
            }
            if (i > 0 && breaks.get(i - 1).overlaps(breaks.get(i))) {
                throw new InvalidFieldException("breaks", day + ": breaks overlap at " + breaks.get(i).start());
            }
        }
    }


    public TimeRange block() {
        return new TimeRange(start, end);
    }

    /** The block without its breaks, in order. */
    public List<TimeRange> workingRanges() {
        List<TimeRange> ranges = new ArrayList<>();
        LocalTime from = start;
        for (TimeRange pause : breaks) {
            if (pause.start().isAfter(from)) {
                ranges.add(new TimeRange(from, pause.start()));
            }
            from = pause.end();
        }
        if (end.isAfter(from)) {
            ranges.add(new TimeRange(from, end));
        }
        return ranges;
    }
}
