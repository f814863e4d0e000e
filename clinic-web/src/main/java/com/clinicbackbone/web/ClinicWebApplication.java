package com.clinicbackbone.web;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class ClinicWebApplication {

    public static void main(String[] args) {
        SpringApplication.run(ClinicWebApplication.class, args);
    }
}
