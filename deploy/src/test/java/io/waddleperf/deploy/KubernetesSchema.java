package io.waddleperf.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.Map;
import java.util.Optional;

/**
 * The Kubernetes schema, as fabric8's typed model has it. fabric8's classes keep unknown fields in
 * an "additional properties" map (a {@code @JsonAnySetter}); this mapper switches that off, so an
 * unknown or misplaced field fails like a wrong type does, as the API server's strict field
 * validation would.
 */
final class KubernetesSchema {

    /** apiVersion/kind of every built-in object the manifests may contain, and its class. */
    static final Map<String, Class<? extends HasMetadata>> TYPES = Map.ofEntries(
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/PersistentVolumeClaim", PersistentVolumeClaim.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("apps/v1/DaemonSet", DaemonSet.class),
            Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class));

    /** Custom resources: checked by their own tests (ManifestTests), not by fabric8. */
    static final java.util.Set<String> CUSTOM =
            java.util.Set.of("k8s.mariadb.com/v1alpha1/MariaDB", "monitoring.coreos.com/v1/ServiceMonitor");

    static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .setAnnotationIntrospector(new JacksonAnnotationIntrospector() {
                @Override
                public Boolean hasAnySetter(Annotated annotated) {
                    return Boolean.FALSE;
                }
            });

    private KubernetesSchema() {}

    static String typeKey(JsonNode object) {
        return object.path("apiVersion").asText() + "/" + object.path("kind").asText();
    }

    static Optional<Class<? extends HasMetadata>> typeOf(JsonNode object) {
        return Optional.ofNullable(TYPES.get(typeKey(object)));
    }

    /** Reads the object into its typed class; throws when a field is unknown or of the wrong type. */
    static HasMetadata read(JsonNode object) throws java.io.IOException {
        Class<? extends HasMetadata> type =
                typeOf(object).orElseThrow(() -> new IllegalArgumentException("no schema for " + typeKey(object)));
        return STRICT.treeToValue(object, type);
    }

    static String name(JsonNode object) {
        return typeKey(object) + " " + object.path("metadata").path("name").asText();
    }
}
