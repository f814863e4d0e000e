package com.clinicbackbone.patient;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "com.clinicbackbone.patient", importOptions = ImportOption.DoNotIncludeTests.class)
class PatientArchitectureTest {

    /**
     * The domain (a feature package itself, not its adapter sub-packages) knows only the JDK, the event records and
     * libphonenumber.
     */
    @ArchTest
    static final ArchRule domainDependsOnNoAdapterNorFramework = classes()
            .that().resideInAPackage("com.clinicbackbone.patient.patient")
            .should().onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "com.clinicbackbone.events..", "com.clinicbackbone.patient.patient",
                    "com.google.i18n.phonenumbers..");

    @ArchTest
    static final ArchRule webDoesNotTouchPersistence = noClasses()
            .that().resideInAPackage("..web..")
            .should().dependOnClassesThat().resideInAnyPackage("..persistence..", "org.springframework.data..",
                    "com.clinicbackbone.messaging..");

    @ArchTest
    static final ArchRule persistenceDoesNotTouchWeb = noClasses()
            .that().resideInAPackage("..persistence..")
            .should().dependOnClassesThat().resideInAnyPackage("..web..", "org.springframework.web..");

    @ArchTest
    static final ArchRule messagingTouchesNeitherWebNorPersistence = noClasses()
            .that().resideInAPackage("com.clinicbackbone.patient..messaging..")
            .should().dependOnClassesThat().resideInAnyPackage("..web..", "..persistence..",
                    "org.springframework.web..", "org.springframework.data..");

    @ArchTest
    static final ArchRule noFieldInjection = NO_CLASSES_SHOULD_USE_FIELD_INJECTION;
}
