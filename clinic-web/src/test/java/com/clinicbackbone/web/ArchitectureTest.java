package com.clinicbackbone.web;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * clinic-web's pages are features side by side (desk, practitioner, clinics, me, signup), each using the shared
 * parts (backbone: the services' APIs; signin: the person; live: the update stream) and never each other, so that
 * one page can change without breaking another. The shared parts know no page.
 */
@AnalyzeClasses(packages = "com.clinicbackbone.web", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule pagesDoNotDependOnEachOther = slices()
            .matching("com.clinicbackbone.web.(desk|practitioner|clinics|me|signup)..")
            .should().notDependOnEachOther();

    @ArchTest
    static final ArchRule sharedPartsKnowNoPage = noClasses()
            .that().resideInAnyPackage("..web.backbone..", "..web.signin..", "..web.live..")
            .should().dependOnClassesThat().resideInAnyPackage("..web.desk..", "..web.practitioner..",
                    "..web.clinics..", "..web.me..", "..web.signup..");

    /** Only the services' APIs (through {@code backbone}) hold data: no page talks to a database or the broker. */
    @ArchTest
    static final ArchRule noPageReachesADatabaseOrTheBroker = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("com.mongodb..", "org.springframework.data.mongodb..",
                    "org.apache.kafka..");
}
