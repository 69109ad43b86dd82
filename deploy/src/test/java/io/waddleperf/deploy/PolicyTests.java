package io.waddleperf.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The pod rules of {@link Policy} on every rendered overlay, plus what production promises. */
class PolicyTests {

    static Stream<Path> overlays() {
        return Kustomize.overlays().stream();
    }

    private static Rendered render(Path overlay) {
        assumeTrue(
                Kustomize.kubectl().isPresent(),
                "kubectl is not on PATH, so the overlays cannot be rendered here; ManifestSourceTests"
                        + " applies the same policy to the base files.");
        return Rendered.of(overlay.getFileName().toString(), Kustomize.render(overlay));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyPodRunsNonRootReadOnlyWithoutCapabilitiesWithinLimitsAndProbed(Path overlay) {
        Rendered rendered = render(overlay);
        assertThat(rendered.podTemplates())
                .containsKeys("Deployment waddleperf-api", "DaemonSet waddleperf-testserver");
        List<String> problems = new ArrayList<>();
        rendered.podTemplates()
                .forEach((workload, template) -> Policy.violations(template.getSpec())
                        .forEach(problem -> problems.add(overlay.getFileName() + " " + workload + " " + problem)));
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void imagesAreTheReleaseImagesWithATag(Path overlay) {
        Rendered rendered = render(overlay);
        rendered.podTemplates().forEach((workload, template) -> {
            for (Container container : template.getSpec().getContainers()) {
                assertThat(container.getImage())
                        .as("%s image", workload)
                        .matches("ghcr\\.io/penguintechinc/waddleperf-(api|testserver):[^:/]+");
            }
        });
    }

    @Test
    void productionRunsThreeApiReplicasSpreadOverMachinesOnTheReleasedImages() throws java.io.IOException {
        Path production = Repo.path("k8s/overlays/production");
        Rendered rendered = render(production);
        Deployment api = rendered.named(Deployment.class, "waddleperf-api").orElseThrow();
        assertThat(api.getSpec().getReplicas()).isEqualTo(3);
        assertThat(api.getSpec()
                        .getStrategy()
                        .getRollingUpdate()
                        .getMaxUnavailable()
                        .getIntVal())
                .isZero();
        var antiAffinity = api.getSpec().getTemplate().getSpec().getAffinity().getPodAntiAffinity();
        assertThat(antiAffinity.getPreferredDuringSchedulingIgnoredDuringExecution())
                .anySatisfy(term ->
                        assertThat(term.getPodAffinityTerm().getTopologyKey()).isEqualTo("kubernetes.io/hostname"));
        HorizontalPodAutoscaler hpa =
                rendered.named(HorizontalPodAutoscaler.class, "waddleperf-api").orElseThrow();
        assertThat(hpa.getSpec().getMinReplicas()).isGreaterThanOrEqualTo(3);
        assertThat(rendered.custom("k8s.mariadb.com/v1alpha1/MariaDB")
                        .getFirst()
                        .at("/spec/replicas")
                        .asInt())
                .isEqualTo(3);
        rendered.podTemplates()
                .values()
                .forEach(template -> template.getSpec()
                        .getContainers()
                        .forEach(container -> assertThat(container.getImage()).doesNotEndWith(":latest")));
        // Capture is on in production, with exactly NET_RAW on the node container and nowhere else.
        DaemonSet nodes =
                rendered.named(DaemonSet.class, "waddleperf-testserver").orElseThrow();
        Container node = nodes.getSpec().getTemplate().getSpec().getContainers().getFirst();
        assertThat(node.getSecurityContext().getCapabilities().getAdd()).containsExactly("NET_RAW");
        assertThat(rendered.configData("waddleperf-testserver-config"))
                .containsEntry("WADDLEPERF_CAPTURE_ENABLED", "true");
        assertThat(api.getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .getFirst()
                        .getSecurityContext()
                        .getCapabilities()
                        .getAdd())
                .isNullOrEmpty();
    }

    @Test
    void theHostNetworkOverlayPutsOnlyTheNodesOnTheHostNetwork() {
        Rendered rendered = render(Repo.path("k8s/overlays/production-host-network"));
        var nodes = rendered.named(DaemonSet.class, "waddleperf-testserver")
                .orElseThrow()
                .getSpec()
                .getTemplate()
                .getSpec();
        assertThat(nodes.getHostNetwork()).isTrue();
        assertThat(nodes.getDnsPolicy()).isEqualTo("ClusterFirstWithHostNet");
        var api = rendered.named(Deployment.class, "waddleperf-api")
                .orElseThrow()
                .getSpec()
                .getTemplate()
                .getSpec();
        assertThat(api.getHostNetwork()).isNotEqualTo(Boolean.TRUE);
        // Host-network nodes talk to the API from their hosts' addresses, which pod selectors miss.
        NetworkPolicy ingress =
                rendered.named(NetworkPolicy.class, "api-ingress").orElseThrow();
        assertThat(ingress.getSpec().getIngress()).anySatisfy(rule -> {
            assertThat(rule.getFrom())
                    .allSatisfy(peer -> assertThat(peer.getIpBlock()).isNotNull());
            assertThat(rule.getPorts())
                    .singleElement()
                    .satisfies(port -> assertThat(port.getPort().getIntVal()).isEqualTo(8080));
        });
        NetworkPolicy egress = rendered.named(NetworkPolicy.class, "api-egress").orElseThrow();
        assertThat(egress.getSpec().getEgress()).anySatisfy(rule -> {
            assertThat(rule.getTo())
                    .allSatisfy(peer -> assertThat(peer.getIpBlock()).isNotNull());
            assertThat(rule.getPorts())
                    .singleElement()
                    .satisfies(port -> assertThat(port.getPort().getIntVal()).isEqualTo(8081));
        });
    }
}
