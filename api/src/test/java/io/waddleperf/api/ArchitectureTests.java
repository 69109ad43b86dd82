package io.waddleperf.api;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import jakarta.persistence.Entity;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** What Spring Modulith does not check on its own. */
@AnalyzeClasses(packages = "io.waddleperf.api", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchRule controllersArePackagePrivate = classes()
            .that()
            .areAnnotatedWith(RestController.class)
            .should()
            .notBePublic()
            .because("a module's API is its facade and records; HTTP controllers are an adapter nobody else calls");

    @ArchTest
    static final ArchRule entitiesArePackagePrivate = classes()
            .that()
            .areAnnotatedWith(Entity.class)
            .should()
            .notBePublic()
            .because("other modules see records, so a schema change never ripples through the code base");

    @ArchTest
    static final ArchRule noFieldInjection = fields().should()
            .notBeAnnotatedWith(Autowired.class)
            .because("constructor injection keeps dependencies explicit and lets unit tests build objects directly");

    @ArchTest
    static final ArchRule sharedDependsOnNoFeature = noClasses()
            .that()
            .resideInAPackage("io.waddleperf.api.shared..")
            .should()
            .dependOnClassesThat(resideInAPackage("io.waddleperf.api..")
                    .and(DescribedPredicate.not(resideInAPackage("io.waddleperf.api.shared.."))))
            .because("shared infrastructure sits below every feature module; a dependency upwards would be a cycle");

    @ArchTest
    static final ArchRule noSleepingInProductionCode = noClasses()
            .should()
            .callMethod(Thread.class, "sleep", long.class)
            .because("waiting is done with schedulers and timeouts, which can be cancelled and tested");

    @ArchTest
    static final ArchRule noH2 = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.h2..")
            .because("the product runs on MariaDB and Galera only; another dialect would hide their behaviour");

    @ArchTest
    static final ArchRule onlyTheWebEdgeBuildsProblemDocuments = noClasses()
            .that()
            .resideOutsideOfPackage("..web..")
            .should()
            .dependOnClassesThat()
            .belongToAnyOf(ErrorResponseException.class, ResponseStatusException.class, ProblemDetail.class)
            .because("feature code throws the domain exceptions of shared.errors and its modules, and"
                    + " ProblemDetailsHandler alone turns them into status codes and problem types");
}
