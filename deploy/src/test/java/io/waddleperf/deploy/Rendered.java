package io.waddleperf.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One overlay's (or the base files') objects: the raw trees, and the built-in ones typed. */
record Rendered(String source, List<JsonNode> raw, List<HasMetadata> typed) {

    static Rendered of(String source, List<JsonNode> raw) {
        List<HasMetadata> typed = new ArrayList<>();
        for (JsonNode object : raw) {
            if (KubernetesSchema.typeOf(object).isPresent()) {
                try {
                    typed.add(KubernetesSchema.read(object));
                } catch (IOException e) {
                    throw new UncheckedIOException(source + ": " + KubernetesSchema.name(object), e);
                }
            }
        }
        return new Rendered(source, raw, typed);
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return typed.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> Optional<T> named(Class<T> type, String name) {
        return all(type).stream()
                .filter(object -> name.equals(object.getMetadata().getName()))
                .findFirst();
    }

    List<JsonNode> custom(String apiVersionAndKind) {
        return raw.stream()
                .filter(object -> KubernetesSchema.typeKey(object).equals(apiVersionAndKind))
                .toList();
    }

    /** Pod templates of the workloads, by workload name. */
    Map<String, PodTemplateSpec> podTemplates() {
        Map<String, PodTemplateSpec> templates = new LinkedHashMap<>();
        all(Deployment.class)
                .forEach(d -> templates.put(
                        "Deployment " + d.getMetadata().getName(), d.getSpec().getTemplate()));
        all(DaemonSet.class)
                .forEach(d -> templates.put(
                        "DaemonSet " + d.getMetadata().getName(), d.getSpec().getTemplate()));
        return templates;
    }

    /** A ConfigMap's data, found by its name before kustomize's hash suffix. */
    Map<String, String> configData(String baseName) {
        return all(ConfigMap.class).stream()
                .filter(map -> map.getMetadata().getName().startsWith(baseName))
                .findFirst()
                .map(ConfigMap::getData)
                .orElseThrow(() -> new AssertionError(source + ": no ConfigMap " + baseName));
    }

    Optional<Secret> secret(String name) {
        return named(Secret.class, name);
    }

    Map<String, Long> countsByKind() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        raw.forEach(object -> counts.merge(object.path("kind").asText(), 1L, Long::sum));
        return counts;
    }
}
