package org.compliancekit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Keeps the core free of adapters and frameworks, and its feature packages free of cycles. */
class ArchitectureTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.compliancekit");

    @Test
    void coreDependsOnlyOnTheJdkJacksonSlf4jBouncyCastleAndZstd() {
        classes().that().resideInAPackage("org.compliancekit..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        "org.compliancekit..", "java..", "javax.crypto..", "com.fasterxml.jackson..", "org.slf4j..",
                        "org.bouncycastle..", "com.github.luben.zstd..")
                .because("core must run without Spring, JDBC drivers or cloud SDKs")
                .check(CORE);
    }

    @Test
    void coreDoesNotUseJdbc() {
        classes().that().resideInAPackage("org.compliancekit..")
                .should().onlyDependOnClassesThat().resideOutsideOfPackages("java.sql..", "javax.sql..")
                .check(CORE);
    }

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("org.compliancekit.(*)..").should().beFreeOfCycles().check(CORE);
    }
}
