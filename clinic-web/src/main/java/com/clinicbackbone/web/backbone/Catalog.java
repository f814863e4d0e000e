package com.clinicbackbone.web.backbone;

import java.util.List;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Component;

/** The clinics, their services and practitioners: booking-service's catalogue, read as a visitor (it is public). */
@Component
public class Catalog {

    private final Backbone backbone;

    Catalog(Backbone backbone) {
        this.backbone = backbone;
    }

    public List<Clinic> clinics() {
        return backbone.bookingAsVisitor().get().uri("/api/clinics").retrieve()
                .body(new ParameterizedTypeReference<List<Clinic>>() { });
    }

    public Clinic clinic(String clinicId) {
        return clinics().stream().filter(clinic -> clinic.id().equals(clinicId)).findFirst()
                .orElseThrow(() -> new BackboneProblem(404, "Not Found", "no clinic " + clinicId, null, null));
    }

    public List<ClinicService> services(String clinicId) {
        return backbone.bookingAsVisitor().get().uri("/api/clinics/{id}/services", clinicId).retrieve()
                .body(new ParameterizedTypeReference<List<ClinicService>>() { });
    }

    public List<Practitioner> practitioners(String clinicId) {
        return backbone.bookingAsVisitor().get().uri("/api/clinics/{id}/practitioners", clinicId).retrieve()
                .body(new ParameterizedTypeReference<List<Practitioner>>() { });
    }
}
