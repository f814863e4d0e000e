package com.clinicbackbone.console;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "com.clinicbackbone.console", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** Domain packages are the feature packages themselves, without their adapter sub-packages. */
    @ArchTest
    static final ArchRule domainDependsOnNoAdapterAndNoFramework = noClasses()
            .that().resideInAnyPackage("..console.deadletter", "..console.bookings", "..console.status")
            .should().dependOnClassesThat().resideInAnyPackage("..web..", "..persistence..", "..messaging..",
                    "..http..", "org.springframework..", "com.mongodb..", "org.bson..", "tools.jackson..",
                    "org.apache.kafka..");

    @ArchTest
    static final ArchRule webDoesNotReachIntoPersistenceOrMessaging = noClasses()
            .that().resideInAPackage("..web..")
            .should().dependOnClassesThat().resideInAnyPackage("..persistence..", "..messaging..");
}
