package com.clinicbackbone.console.bookings;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** The bookings the console has seen, per clinic and clinic-local day (port). */
public interface Bookings {

    /** Records one booked appointment; a redelivered event changes nothing. */
    void recordBooked(String appointmentId, String clinicId, LocalDate day);

    /** How many appointments each of the clinics booked that day (zero included), in the given order. */
    Map<String, Long> bookedOn(LocalDate day, List<String> clinics);
}
