package io.waddleperf.protocol;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The contract stays a plain library that both sides can take without pulling in the other. */
@AnalyzeClasses(packages = "io.waddleperf.protocol", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchRule dependsOnTheJdkAndAnnotationsOnly = classes()
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    "io.waddleperf.protocol..",
                    "java..",
                    "com.fasterxml.jackson.annotation..",
                    "org.jspecify.annotations..")
            .because("the API and every node take this module; Spring, a JSON library or either side's code here"
                    + " would tie them to each other's versions and let the contract grow a second home");
}
