package io.waddleperf.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Checks that need no kubectl, so they run everywhere: the kustomization files use current fields
 * only and point at files that exist, and the base's own manifests parse against the schema and
 * pass the pod policy as written (the overlays only narrow them).
 */
class ManifestSourceTests {

    /** Deprecated in kustomize 5 (or removed); their replacements are labels, patches, resources. */
    static final Set<String> DEPRECATED =
            Set.of("commonLabels", "patchesStrategicMerge", "patchesJson6902", "vars", "bases", "imageTags");

    static List<Path> kustomizations() throws IOException {
        try (Stream<Path> files = Files.walk(Repo.path("k8s"))) {
            return files.filter(file -> file.getFileName().toString().equals("kustomization.yaml"))
                    .sorted()
                    .toList();
        }
    }

    @Test
    void kustomizationsUseCurrentFieldsOnlyAndReferToFilesThatExist() throws IOException {
        List<Path> files = kustomizations();
        assertThat(files).hasSizeGreaterThanOrEqualTo(4);
        for (Path file : files) {
            JsonNode kustomization = Yaml.document(file);
            kustomization
                    .fieldNames()
                    .forEachRemaining(field ->
                            assertThat(DEPRECATED).as("%s uses %s", file, field).doesNotContain(field));
            assertThat(kustomization.path("apiVersion").asText()).startsWith("kustomize.config.k8s.io/");
            assertThat(kustomization.path("kind").asText()).isIn("Kustomization", "Component");
            for (String list : List.of("resources", "components")) {
                for (JsonNode entry : kustomization.path(list)) {
                    assertThat(file.getParent().resolve(entry.asText()))
                            .as("%s %s entry", file, list)
                            .exists();
                }
            }
        }
    }

    @Test
    void baseManifestsParseStrictlyAndPassThePodPolicy() throws IOException {
        Path base = Repo.path("k8s/base");
        List<JsonNode> objects = new ArrayList<>();
        for (JsonNode entry : Yaml.document(base.resolve("kustomization.yaml")).path("resources")) {
            objects.addAll(Yaml.documents(base.resolve(entry.asText())));
        }
        Rendered rendered = Rendered.of("base", objects);
        for (JsonNode object : objects) {
            String key = KubernetesSchema.typeKey(object);
            assertThat(KubernetesSchema.TYPES.containsKey(key) || KubernetesSchema.CUSTOM.contains(key))
                    .as(key)
                    .isTrue();
        }
        assertThat(rendered.podTemplates()).hasSize(2);
        List<String> problems = new ArrayList<>();
        rendered.podTemplates()
                .forEach((workload, template) -> Policy.violations(template.getSpec())
                        .forEach(problem -> problems.add(workload + " " + problem)));
        assertThat(problems).isEmpty();
    }
}
