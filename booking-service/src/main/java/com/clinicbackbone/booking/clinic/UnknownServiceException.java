package com.clinicbackbone.booking.clinic;

/** A service id in a path or query that the clinic does not offer (answered 404). */
public class UnknownServiceException extends RuntimeException {

    public UnknownServiceException(String clinicId, String serviceId) {
        super("Clinic " + clinicId + " offers no service " + serviceId);
    }
}
