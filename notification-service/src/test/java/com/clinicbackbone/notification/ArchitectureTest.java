package com.clinicbackbone.notification;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Domain code (the feature packages themselves) knows nothing of adapters, Spring, MongoDB, mail or Jackson. */
@AnalyzeClasses(packages = "com.clinicbackbone.notification", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    static final String[] DOMAIN = {
            "com.clinicbackbone.notification.appointment",
            "com.clinicbackbone.notification.contact",
            "com.clinicbackbone.notification.clinic",
            "com.clinicbackbone.notification.patient",
            "com.clinicbackbone.notification.policy",
            "com.clinicbackbone.notification.reply",
            "com.clinicbackbone.notification.delivery",
            "com.clinicbackbone.notification.notification",
            "com.clinicbackbone.notification.waitlist",
            "com.clinicbackbone.notification.recall"};

    @ArchTest
    static final ArchRule domainDoesNotDependOnAdapters = noClasses().that().resideInAnyPackage(DOMAIN)
            .should().dependOnClassesThat().resideInAnyPackage("..web..", "..persistence..", "..messaging..",
                    "..email..", "..sms..");

    @ArchTest
    static final ArchRule domainIsFrameworkFree = noClasses().that().resideInAnyPackage(DOMAIN)
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "com.mongodb..",
                    "org.bson..", "jakarta.mail..", "tools.jackson..", "com.fasterxml..", "org.apache.kafka..");
}
