package com.clinicbackbone.patient;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;
import org.springframework.data.mongodb.core.MongoOperations;

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

    /**
     * The PHI access log is never shortened (it is kept at least six years, whatever retention does elsewhere): only
     * its adapter touches its documents, and the adapter only inserts and reads.
     */
    @ArchTest
    static final ArchRule onlyTheAccessLogAdapterTouchesItsDocuments = noClasses()
            .that().doNotHaveSimpleName("MongoAccessLog").and().doNotHaveSimpleName("AccessEntryDocument")
            .should().dependOnClassesThat().haveSimpleName("AccessEntryDocument");

    @ArchTest
    static final ArchRule theAccessLogAdapterOnlyInsertsAndReads = classes()
            .that().haveSimpleName("MongoAccessLog")
            .should().onlyCallMethodsThat(describe(
                    "are, on MongoDB, only insert or find (nothing that changes or removes)",
                    method -> !method.getOwner().isAssignableTo(MongoOperations.class)
                            || Set.of("insert", "find").contains(method.getName())));
}
