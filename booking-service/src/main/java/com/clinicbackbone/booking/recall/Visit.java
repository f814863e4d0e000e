package com.clinicbackbone.booking.recall;

/** What an appointment event tells the recalls: whose visit of which service, where, with whom. */
public record Visit(String appointmentId, String patientId, String clinicId, String serviceId,
                    String practitionerId) {
}
