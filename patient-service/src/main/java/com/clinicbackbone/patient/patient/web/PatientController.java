package com.clinicbackbone.patient.patient.web;

import com.clinicbackbone.patient.patient.Patient;
import com.clinicbackbone.patient.patient.PatientRegistry;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/patients")
class PatientController {

    private final PatientRegistry registry;

    PatientController(PatientRegistry registry) {
        this.registry = registry;
    }

    @PostMapping
    ResponseEntity<PatientResponse> register(@RequestBody RegisterPatientRequest request) {
        Patient patient = registry.register(request.toRegistration());
        return ResponseEntity.created(URI.create("/api/patients/" + patient.id())).body(PatientResponse.of(patient));
    }

    @GetMapping("/{id}")
    PatientResponse get(@PathVariable String id) {
        return PatientResponse.of(registry.get(id));
    }
}
