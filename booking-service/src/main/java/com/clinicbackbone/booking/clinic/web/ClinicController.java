package com.clinicbackbone.booking.clinic.web;

import com.clinicbackbone.booking.clinic.Catalog;
import com.clinicbackbone.booking.clinic.Clinic;
import com.clinicbackbone.booking.clinic.ClinicService;
import com.clinicbackbone.booking.clinic.Practitioner;
import com.clinicbackbone.booking.clinic.UnknownClinicException;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/clinics")
class ClinicController {

    private final Catalog catalog;

    ClinicController(Catalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping
    List<Clinic> clinics() {
        return catalog.clinics();
    }

    @GetMapping("/{clinicId}/services")
    List<ClinicService> services(@PathVariable String clinicId) {
        return catalog.services(existing(clinicId));
    }

    @GetMapping("/{clinicId}/practitioners")
    List<Practitioner> practitioners(@PathVariable String clinicId) {
        return catalog.practitionersAt(existing(clinicId));
    }

    private String existing(String clinicId) {
        return catalog.clinic(clinicId).map(Clinic::id).orElseThrow(() -> new UnknownClinicException(clinicId));
    }
}
