package com.clinicbackbone.booking.clinic;

import java.util.List;

/** A practitioner with one calendar, whatever clinics they work at. */
public record Practitioner(String id, String name, String profession, List<String> clinicIds) {

    public Practitioner {
        clinicIds = List.copyOf(clinicIds);
    }

    public boolean worksAt(String clinicId) {
        return clinicIds.contains(clinicId);
    }
}
