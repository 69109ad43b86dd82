package io.waddleperf.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The checks themselves catch what they are there for, so a green build means something. */
class CheckerSelfTests {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: broken
            spec:
              %s
              selector:
                matchLabels: {app: broken}
              template:
                metadata:
                  labels: {app: broken}
                spec:
                  containers:
                    - name: app
                      image: example/app:1
            """;

    @Test
    void theSchemaRefusesAMisspeltField() {
        JsonNode misspelt = Yaml.documents(DEPLOYMENT.formatted("replica: 3")).getFirst();
        assertThatThrownBy(() -> KubernetesSchema.read(misspelt)).hasMessageContaining("replica");
        JsonNode wrongType =
                Yaml.documents(DEPLOYMENT.formatted("replicas: three")).getFirst();
        assertThatThrownBy(() -> KubernetesSchema.read(wrongType)).hasMessageContaining("three");
    }

    @Test
    void theSchemaAcceptsTheSameObjectSpeltRight() throws Exception {
        JsonNode good = Yaml.documents(DEPLOYMENT.formatted("replicas: 3")).getFirst();
        assertThat(((Deployment) KubernetesSchema.read(good)).getSpec().getReplicas())
                .isEqualTo(3);
    }

    @Test
    void thePolicyNamesEverythingABareContainerLacks() throws Exception {
        JsonNode bare = Yaml.documents(DEPLOYMENT.formatted("replicas: 1")).getFirst();
        PodSpec pod = ((Deployment) KubernetesSchema.read(bare))
                .getSpec()
                .getTemplate()
                .getSpec();
        assertThat(Policy.violations(pod))
                .contains(
                        "pod: automountServiceAccountToken must be false (no pod talks to the Kubernetes API)",
                        "app: no securityContext",
                        "app: runAsNonRoot is not true",
                        "app: readOnlyRootFilesystem is not true",
                        "app: capabilities do not drop ALL",
                        "app: allowPrivilegeEscalation is not false",
                        "app: no cpu request",
                        "app: no memory request",
                        "app: no memory limit",
                        "app: no startupProbe",
                        "app: no livenessProbe",
                        "app: no readinessProbe",
                        "app: no emptyDir at /tmp (the JVM's temp dir on a read-only root)");
    }

    @Test
    void onlyTheNodeContainerMayAddNetRawAndNothingElse() throws Exception {
        String withCapabilities = DEPLOYMENT.formatted("replicas: 1")
                + "          securityContext:\n"
                + "            capabilities:\n"
                + "              drop: [ALL]\n"
                + "              add: [NET_RAW, NET_ADMIN]\n";
        PodSpec pod = ((Deployment)
                        KubernetesSchema.read(Yaml.documents(withCapabilities).getFirst()))
                .getSpec()
                .getTemplate()
                .getSpec();
        assertThat(Policy.violations(pod)).contains("app: adds capability NET_RAW", "app: adds capability NET_ADMIN");
    }

    @Test
    void readmeNamesWithSharedPrefixesExpand() {
        var names = KnownSettings.fromReadme(Path.of(System.getProperty("waddleperf.repo", ".."), "README.md"));
        assertThat(names).contains("WADDLEPERF_NODE_REGION", "WADDLEPERF_NODE_LABELS", "SPRING_DATASOURCE_PASSWORD");
        assertThat(KnownSettings.environmentForm("waddleperf.node.advertised-url"))
                .isEqualTo("WADDLEPERF_NODE_ADVERTISEDURL");
        assertThat(KnownSettings.known("WADDLEPERF_MADE_UP_SETTING")).isFalse();
    }
}
