package io.waddleperf.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every overlay under k8s/overlays, rendered by {@code kubectl kustomize} as an operator would
 * apply it: each object checked against the Kubernetes schema (fabric8's typed model, unknown
 * fields refused), the custom resources for the fields WaddlePerf relies on, and the objects
 * against each other (names, selectors, ports, settings). Skipped, with the reason, where kubectl
 * is not installed; ManifestSourceTests still checks the base files then.
 */
class ManifestTests {

    static Stream<Path> overlays() {
        return Kustomize.overlays().stream();
    }

    private static Rendered render(Path overlay) {
        assumeTrue(
                Kustomize.kubectl().isPresent(),
                "kubectl is not on PATH, so the overlays cannot be rendered here (Debian has no kubectl"
                        + " package; GitHub's runners have it). The base files are still checked by"
                        + " ManifestSourceTests.");
        return Rendered.of(overlay.getFileName().toString(), Kustomize.render(overlay));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyObjectHasAKnownSchemaAndParsesStrictly(Path overlay) {
        Rendered rendered = render(overlay);
        for (JsonNode object : rendered.raw()) {
            String key = KubernetesSchema.typeKey(object);
            assertThat(KubernetesSchema.TYPES.containsKey(key) || KubernetesSchema.CUSTOM.contains(key))
                    .as("%s: %s has no schema in this test; add its fabric8 class", overlay, key)
                    .isTrue();
        }
        // Rendered.of read every built-in object strictly; count them for the record.
        assertThat(rendered.typed().size()
                        + rendered.custom("k8s.mariadb.com/v1alpha1/MariaDB").size()
                        + rendered.custom("monitoring.coreos.com/v1/ServiceMonitor")
                                .size())
                .isEqualTo(rendered.raw().size());
        System.out.printf(
                "[deploy] %s renders %d objects: %s%n",
                rendered.source(), rendered.raw().size(), rendered.countsByKind());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void databaseIsAGaleraClusterOfThreeTheApiWritesThroughItsPrimary(Path overlay) {
        Rendered rendered = render(overlay);
        List<JsonNode> mariadbs = rendered.custom("k8s.mariadb.com/v1alpha1/MariaDB");
        assertThat(mariadbs).hasSize(1);
        JsonNode mariadb = mariadbs.getFirst();
        JsonNode spec = mariadb.path("spec");
        // mariadb-operator's MariaDB fields this deployment uses (its CRD, k8s.mariadb.com/v1alpha1);
        // anything else is a typo the operator's webhook would refuse on apply.
        Set<String> allowed = Set.of(
                "rootPasswordSecretKeyRef",
                "database",
                "username",
                "passwordSecretKeyRef",
                "replicas",
                "galera",
                "storage",
                "podMetadata",
                "inheritMetadata",
                "myCnf",
                "affinity",
                "podDisruptionBudget",
                "updateStrategy",
                "resources",
                "metrics",
                "image",
                "livenessProbe",
                "readinessProbe",
                "nodeSelector",
                "tolerations",
                "priorityClassName",
                "bootstrapFrom");
        spec.fieldNames()
                .forEachRemaining(field ->
                        assertThat(allowed).as("MariaDB spec field %s", field).contains(field));
        assertThat(spec.path("replicas").asInt()).isEqualTo(3);
        assertThat(spec.path("galera").path("enabled").asBoolean()).isTrue();
        assertThat(spec.path("storage").path("size").asText()).isNotBlank();
        String myCnf = spec.path("myCnf").asText();
        assertThat(myCnf)
                .contains("wsrep_mode=REQUIRED_PRIMARY_KEY,STRICT_REPLICATION")
                .contains("binlog_format=row")
                .contains("innodb_autoinc_lock_mode=2");

        String name = mariadb.path("metadata").path("name").asText();
        Map<String, String> api = rendered.configData("waddleperf-api-config");
        assertThat(api.get("SPRING_DATASOURCE_URL"))
                .isEqualTo("jdbc:mariadb://" + name + "-primary:3306/"
                        + spec.path("database").asText());
        assertThat(api.get("SPRING_DATASOURCE_USERNAME"))
                .isEqualTo(spec.path("username").asText());

        for (String ref : List.of("rootPasswordSecretKeyRef", "passwordSecretKeyRef")) {
            String secret = spec.path(ref).path("name").asText();
            String key = spec.path(ref).path("key").asText();
            // Kustomize does not rewrite names inside custom resources: the Secret keeps its name.
            assertThat(rendered.secret(secret))
                    .as("Secret %s named by MariaDB %s (disableNameSuffixHash)", secret, ref)
                    .hasValueSatisfying(s -> assertThat(s.getData()).containsKey(key));
        }
        EnvVar password = container(rendered, "Deployment waddleperf-api", "api").getEnv().stream()
                .filter(env -> env.getName().equals("SPRING_DATASOURCE_PASSWORD"))
                .findFirst()
                .orElseThrow();
        assertThat(password.getValueFrom().getSecretKeyRef().getName())
                .isEqualTo(spec.path("passwordSecretKeyRef").path("name").asText());
        assertThat(password.getValueFrom().getSecretKeyRef().getKey())
                .isEqualTo(spec.path("passwordSecretKeyRef").path("key").asText());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void serviceMonitorScrapesActuatorPrometheusOfTheApiAndTheNodes(Path overlay) {
        Rendered rendered = render(overlay);
        List<JsonNode> monitors = rendered.custom("monitoring.coreos.com/v1/ServiceMonitor");
        assertThat(monitors).hasSize(1);
        JsonNode spec = monitors.getFirst().path("spec");
        Set<String> specFields = new HashSet<>();
        spec.fieldNames().forEachRemaining(specFields::add);
        assertThat(Set.of("selector", "endpoints", "namespaceSelector", "jobLabel"))
                .containsAll(specFields);

        List<Service> selected = rendered.all(Service.class).stream()
                .filter(service ->
                        selects(spec.path("selector"), service.getMetadata().getLabels()))
                .toList();
        assertThat(selected)
                .extracting(service -> service.getMetadata().getName())
                .containsExactlyInAnyOrder("waddleperf-api", "waddleperf-testserver");
        for (JsonNode endpoint : spec.path("endpoints")) {
            assertThat(endpoint.path("path").asText()).isEqualTo("/actuator/prometheus");
            for (Service service : selected) {
                assertThat(service.getSpec().getPorts())
                        .extracting(ServicePort::getName)
                        .as(
                                "port %s on Service %s",
                                endpoint.path("port").asText(),
                                service.getMetadata().getName())
                        .contains(endpoint.path("port").asText());
            }
        }
        // The endpoint is there only while both applications expose it.
        for (String yml :
                List.of("api/src/main/resources/application.yml", "testserver/src/main/resources/application.yml")) {
            JsonNode exposed = Yaml.document(Repo.path(yml)).at("/management/endpoints/web/exposure/include");
            assertThat(exposed.asText()).as(yml).contains("prometheus");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyReferencedConfigMapSecretAndClaimIsPartOfTheOverlay(Path overlay) {
        Rendered rendered = render(overlay);
        Set<String> configMaps = names(rendered.all(io.fabric8.kubernetes.api.model.ConfigMap.class));
        // The TLS Secret comes from cert-manager, not from the overlay.
        Set<String> secrets = names(rendered.all(Secret.class));
        Set<String> claims = names(rendered.all(PersistentVolumeClaim.class));
        rendered.podTemplates().forEach((workload, template) -> {
            for (Container container : containers(template)) {
                for (EnvFromSource from : nonNull(container.getEnvFrom())) {
                    if (from.getConfigMapRef() != null) {
                        assertThat(configMaps)
                                .as(workload)
                                .contains(from.getConfigMapRef().getName());
                    }
                    if (from.getSecretRef() != null) {
                        assertThat(secrets)
                                .as(workload)
                                .contains(from.getSecretRef().getName());
                    }
                }
                for (EnvVar env : nonNull(container.getEnv())) {
                    if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
                        var ref = env.getValueFrom().getSecretKeyRef();
                        assertThat(rendered.secret(ref.getName()))
                                .as("%s %s", workload, env.getName())
                                .hasValueSatisfying(s -> assertThat(s.getData()).containsKey(ref.getKey()));
                    }
                }
            }
            for (Volume volume : nonNull(template.getSpec().getVolumes())) {
                if (volume.getPersistentVolumeClaim() != null) {
                    assertThat(claims)
                            .as(workload)
                            .contains(volume.getPersistentVolumeClaim().getClaimName());
                }
                if (volume.getConfigMap() != null) {
                    assertThat(configMaps)
                            .as(workload)
                            .contains(volume.getConfigMap().getName());
                }
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void servicesBudgetsAutoscalerAndIngressPointAtTheApi(Path overlay) {
        Rendered rendered = render(overlay);
        Deployment api = rendered.named(Deployment.class, "waddleperf-api").orElseThrow();
        Map<String, String> podLabels =
                api.getSpec().getTemplate().getMetadata().getLabels();
        for (Service service : rendered.all(Service.class)) {
            Map<String, String> selector = service.getSpec().getSelector();
            boolean matchesSomeWorkload = rendered.podTemplates().values().stream()
                    .anyMatch(t -> t.getMetadata().getLabels().entrySet().containsAll(selector.entrySet()));
            assertThat(matchesSomeWorkload)
                    .as("Service %s selects pods", service.getMetadata().getName())
                    .isTrue();
        }
        PodDisruptionBudget budget =
                rendered.named(PodDisruptionBudget.class, "waddleperf-api").orElseThrow();
        assertThat(podLabels.entrySet())
                .containsAll(budget.getSpec().getSelector().getMatchLabels().entrySet());
        HorizontalPodAutoscaler hpa =
                rendered.named(HorizontalPodAutoscaler.class, "waddleperf-api").orElseThrow();
        assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("waddleperf-api");
        assertThat(hpa.getSpec().getMinReplicas())
                .isLessThanOrEqualTo(hpa.getSpec().getMaxReplicas());
        assertThat(api.getSpec().getReplicas())
                .isBetween(hpa.getSpec().getMinReplicas(), hpa.getSpec().getMaxReplicas());
        Ingress ingress = rendered.named(Ingress.class, "waddleperf-api").orElseThrow();
        var backend = ingress.getSpec()
                .getRules()
                .getFirst()
                .getHttp()
                .getPaths()
                .getFirst()
                .getBackend()
                .getService();
        assertThat(backend.getName()).isEqualTo("waddleperf-api");
        Service service = rendered.named(Service.class, "waddleperf-api").orElseThrow();
        assertThat(service.getSpec().getPorts())
                .extracting(ServicePort::getName)
                .contains(backend.getPort().getName());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void networkPoliciesDenyByDefaultAndOpenOnlyWhatIsNeeded(Path overlay) {
        Rendered rendered = render(overlay);
        List<NetworkPolicy> policies = rendered.all(NetworkPolicy.class);
        assertThat(policies)
                .as("a default-deny policy: every pod, ingress and egress, no rules")
                .anySatisfy(policy -> {
                    assertThat(policy.getSpec().getPodSelector().getMatchLabels())
                            .isNullOrEmpty();
                    assertThat(policy.getSpec().getPodSelector().getMatchExpressions())
                            .isNullOrEmpty();
                    assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
                    assertThat(policy.getSpec().getIngress()).isNullOrEmpty();
                    assertThat(policy.getSpec().getEgress()).isNullOrEmpty();
                });
        // The database answers the API on 3306, and nothing outside the database on other ports.
        NetworkPolicy database =
                rendered.named(NetworkPolicy.class, "database-ingress").orElseThrow();
        assertThat(database.getSpec().getIngress()).anySatisfy(rule -> {
            assertThat(rule.getFrom())
                    .anySatisfy(peer -> assertThat(peer.getPodSelector().getMatchLabels())
                            .containsEntry("app.kubernetes.io/name", "waddleperf-api"));
            assertThat(rule.getPorts())
                    .singleElement()
                    .satisfies(port -> assertThat(port.getPort().getIntVal()).isEqualTo(3306));
        });
        // Every workload's pods are selected by some policy that lets traffic in.
        rendered.podTemplates()
                .forEach((workload, template) -> assertThat(policies)
                        .as("%s has an ingress allow policy", workload)
                        .anySatisfy(policy -> {
                            assertThat(policy.getSpec().getIngress()).isNotEmpty();
                            assertThat(template.getMetadata().getLabels().entrySet())
                                    .containsAll(nonNull(policy.getSpec()
                                                    .getPodSelector()
                                                    .getMatchLabels())
                                            .entrySet());
                        }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void waddlePerfContainersSetOnlyRealSettings(Path overlay) {
        Rendered rendered = render(overlay);
        List<String> unknown = new ArrayList<>();
        rendered.podTemplates().forEach((workload, template) -> {
            for (Container container : template.getSpec().getContainers()) {
                if (!container.getImage().contains("waddleperf-")) {
                    continue;
                }
                Set<String> names = new HashSet<>();
                Set<String> expanded = new HashSet<>();
                for (EnvVar env : nonNull(container.getEnv())) {
                    names.add(env.getName());
                    if (env.getValue() != null) {
                        Matcher reference =
                                Pattern.compile("\\$\\(([A-Za-z0-9_]+)\\)").matcher(env.getValue());
                        while (reference.find()) {
                            expanded.add(reference.group(1));
                        }
                    }
                }
                for (EnvFromSource from : nonNull(container.getEnvFrom())) {
                    if (from.getConfigMapRef() != null) {
                        names.addAll(configMap(rendered, from.getConfigMapRef().getName())
                                .keySet());
                    }
                    if (from.getSecretRef() != null) {
                        names.addAll(rendered.secret(from.getSecretRef().getName())
                                .orElseThrow()
                                .getData()
                                .keySet());
                    }
                }
                for (String name : names) {
                    // Helper variables that only feed $(NAME) expansions of real settings are fine.
                    if (!KnownSettings.known(name) && !expanded.contains(name)) {
                        unknown.add(workload + "/" + container.getName() + ": " + name);
                    }
                }
            }
        });
        assertThat(unknown)
                .as("settings not in the README's configuration table or the application.yml files")
                .isEmpty();
    }

    private static Map<String, String> configMap(Rendered rendered, String name) {
        return rendered.named(io.fabric8.kubernetes.api.model.ConfigMap.class, name)
                .orElseThrow()
                .getData();
    }

    private static Container container(Rendered rendered, String workload, String name) {
        return containers(rendered.podTemplates().get(workload)).stream()
                .filter(c -> c.getName().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static List<Container> containers(PodTemplateSpec template) {
        List<Container> all = new ArrayList<>(nonNull(template.getSpec().getInitContainers()));
        all.addAll(template.getSpec().getContainers());
        return all;
    }

    private static boolean selects(JsonNode selector, Map<String, String> labels) {
        if (labels == null) {
            return false;
        }
        for (var entry : iterable(selector.path("matchLabels").fields())) {
            if (!entry.getValue().asText().equals(labels.get(entry.getKey()))) {
                return false;
            }
        }
        for (JsonNode expression : selector.path("matchExpressions")) {
            String value = labels.get(expression.path("key").asText());
            List<String> values = new ArrayList<>();
            expression.path("values").forEach(v -> values.add(v.asText()));
            boolean in = value != null && values.contains(value);
            switch (expression.path("operator").asText()) {
                case "In" -> {
                    if (!in) return false;
                }
                case "NotIn" -> {
                    if (in) return false;
                }
                case "Exists" -> {
                    if (value == null) return false;
                }
                case "DoesNotExist" -> {
                    if (value != null) return false;
                }
                default -> throw new AssertionError("unknown operator " + expression.path("operator"));
            }
        }
        return true;
    }

    private static <T> Iterable<T> iterable(java.util.Iterator<T> iterator) {
        return () -> iterator;
    }

    private static Set<String> names(List<? extends HasMetadata> objects) {
        Set<String> names = new HashSet<>();
        objects.forEach(object -> names.add(object.getMetadata().getName()));
        return names;
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static <K, V> Map<K, V> nonNull(Map<K, V> map) {
        return map == null ? Map.of() : map;
    }
}
