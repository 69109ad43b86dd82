package io.waddleperf.testserver;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/** The test server's package fences and coding rules, as the API's ArchitectureTests are for the API. */
@AnalyzeClasses(packages = "io.waddleperf.testserver", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchRule featurePackagesAreFreeOfCycles = slices().matching("io.waddleperf.testserver.(*)..")
            .should()
            .beFreeOfCycles()
            .because("each package can then be understood, tested and changed from the bottom up");

    @ArchTest
    static final ArchRule featurePackagesDependOnlyOnWhatTheyDeclare = layeredArchitecture()
            .consideringOnlyDependenciesInAnyPackage("io.waddleperf..")
            .layer("Control")
            .definedBy("io.waddleperf.testserver.control..")
            .layer("Probes")
            .definedBy("io.waddleperf.testserver.probes..")
            .layer("Iperf")
            .definedBy("io.waddleperf.testserver.iperf..")
            .layer("Echo")
            .definedBy("io.waddleperf.testserver.echo..")
            .layer("SpeedTest")
            .definedBy("io.waddleperf.testserver.speedtest..")
            .layer("Sessions")
            .definedBy("io.waddleperf.testserver.sessions..")
            .optionalLayer("NodeProtocol")
            .definedBy("io.waddleperf.protocol..")
            .layer("Settings")
            .definedBy("io.waddleperf.testserver.settings..")
            .whereLayer("Control")
            .mayOnlyAccessLayers("Probes", "NodeProtocol", "Sessions", "Settings")
            .whereLayer("Sessions")
            .mayOnlyAccessLayers("Iperf", "NodeProtocol")
            .whereLayer("Probes")
            .mayOnlyAccessLayers("Iperf", "NodeProtocol")
            .whereLayer("Iperf")
            .mayOnlyAccessLayers("Settings")
            .whereLayer("Settings")
            .mayNotAccessAnyLayer()
            .whereLayer("Echo")
            .mayNotAccessAnyLayer()
            .whereLayer("SpeedTest")
            .mayNotAccessAnyLayer()
            .because("control runs probes for the API, probes drive the iperf3 client, sessions report the"
                    + " iperf3 server's sessions through control's uplink, and the servers"
                    + " (iperf3, UDP echo, speed test) stand alone so each can be run and tested by itself; settings"
                    + " the API pushes reach a server only as plain events from the settings package");

    @ArchTest
    static final ArchRule iperfStreamCoreKnowsNeitherEnd = noClasses()
            .that()
            .resideInAPackage("io.waddleperf.testserver.iperf")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.waddleperf.testserver.iperf.server..", "io.waddleperf.testserver.iperf.client..")
            .because("the streams, the wire format and the TCP_INFO reader are what the iperf3 server and"
                    + " client share; knowing neither, they count bytes, loss and retransmits one way for both");

    @ArchTest
    static final ArchRule iperfServerAndClientAreIndependent = slices().matching("io.waddleperf.testserver.iperf.(*)..")
            .should()
            .notDependOnEachOther()
            .because("whatever the server and the client have in common belongs in the shared stream core,"
                    + " not in one of them");

    @ArchTest
    static final ArchRule probesDriveOnlyTheIperfClient = noClasses()
            .that()
            .resideOutsideOfPackages("io.waddleperf.testserver.iperf..", "io.waddleperf.testserver.sessions..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.waddleperf.testserver.iperf.server..")
            .because("a throughput probe is an iperf3 client (iperf.client); the node's iperf3 server is a"
                    + " service of its own that Spring starts from its configuration, observed only by the"
                    + " session reporter through its listener");

    @ArchTest
    static final ArchRule nativeCallsStayInTheTcpInfoReader = noClasses()
            .that()
            .doNotHaveSimpleName("LinuxTcpInfo")
            .and()
            .doNotHaveSimpleName("LinuxReceiveClock")
            .and()
            .doNotHaveSimpleName("LinuxDiscardingReceive")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("java.lang.foreign..")
            .because("native access is confined to the getsockopt(TCP_INFO), ioctl(SIOCGSTAMPNS) and"
                    + " recv(MSG_TRUNC) callers,"
                    + " compiled for JDK 22 and loaded only where they can run, so the node still starts on JDK 21");

    @ArchTest
    static final ArchRule noFieldInjection = fields().should()
            .notBeAnnotatedWith(Autowired.class)
            .andShould()
            .notBeAnnotatedWith(Value.class)
            .because("constructor injection keeps dependencies explicit and lets unit tests build objects directly");

    @ArchTest
    static final ArchRule noThreadSleep = noClasses()
            .should()
            .callMethod(Thread.class, "sleep", long.class)
            .orShould()
            .callMethod(Thread.class, "sleep", long.class, int.class)
            .orShould()
            .callMethod(Thread.class, "sleep", Duration.class)
            .because("waiting for a condition is done with timeouts, selectors and futures, which can be"
                    + " cancelled; deliberate pacing says so with TimeUnit.sleep where it is explained");

    @ArchTest
    static final ArchRule onlyProbesPaceWithSleep = noClasses()
            .that()
            .resideOutsideOfPackage("io.waddleperf.testserver.probes..")
            .should()
            .callMethod(TimeUnit.class, "sleep", long.class)
            .because("only probes pace on purpose (a TCP connect probe spaces its attempts so it measures"
                    + " the path, not its own burst); the servers never block a thread to wait");
}
