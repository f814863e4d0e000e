package com.clinicbackbone.booking;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "com.clinicbackbone.booking", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** Domain packages are the feature packages themselves, without their adapter sub-packages. */
    @ArchTest
    static final ArchRule domainDependsOnNoAdapterAndNoFramework = noClasses()
            .that().resideInAnyPackage("..booking.appointment", "..booking.clinic", "..booking.patient",
                    "..booking.idempotency", "..booking.course", "..booking.waitlist",
                    "..booking.recall")
            .should().dependOnClassesThat().resideInAnyPackage("..web..", "..persistence..", "..messaging..",
                    "org.springframework..", "com.mongodb..", "org.bson..", "tools.jackson..");

    @ArchTest
    static final ArchRule webDoesNotReachIntoPersistence = noClasses()
            .that().resideInAPackage("..web..")
            .should().dependOnClassesThat().resideInAPackage("..persistence..");

    @ArchTest
    static final ArchRule persistenceDoesNotReachIntoWeb = noClasses()
            .that().resideInAPackage("..persistence..")
            .should().dependOnClassesThat().resideInAPackage("..web..");
}
