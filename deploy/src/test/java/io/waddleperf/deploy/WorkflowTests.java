package io.waddleperf.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The GitHub workflows: actions pinned by commit, and the release's inputs in place. */
class WorkflowTests {

    private static final Pattern USES = Pattern.compile("^\\s*(?:-\\s+)?uses:\\s*(\\S+)(.*)$", Pattern.MULTILINE);

    private static List<Path> workflows() throws IOException {
        try (Stream<Path> files = Files.list(Repo.path(".github/workflows"))) {
            return files.filter(f -> f.toString().endsWith(".yml")).sorted().toList();
        }
    }

    @Test
    void everyActionIsPinnedByItsFullCommitAndNamesItsRelease() throws IOException {
        List<String> unpinned = new ArrayList<>();
        int actions = 0;
        for (Path workflow : workflows()) {
            Matcher uses = USES.matcher(Files.readString(workflow));
            while (uses.find()) {
                actions++;
                String action = uses.group(1);
                boolean local = action.startsWith("./");
                if (!local
                        && !(action.matches("[\\w.-]+/[\\w./-]+@[0-9a-f]{40}")
                                && uses.group(2).matches("\\s+#\\s+v\\S+"))) {
                    unpinned.add(workflow.getFileName() + ": " + action + uses.group(2));
                }
            }
        }
        assertThat(actions).isPositive();
        assertThat(unpinned).isEmpty();
    }

    @Test
    void theThreeWorkflowsAreThere() throws IOException {
        assertThat(workflows())
                .extracting(path -> path.getFileName().toString())
                .contains("ci.yml", "images.yml", "release.yml");
        JsonNode release = Yaml.document(Repo.path(".github/workflows/release.yml"));
        // YAML 1.1 reads a bare `on` key as true; Jackson's YAML keeps it as "on".
        JsonNode on = release.has("on") ? release.get("on") : release.get("true");
        assertThat(on.at("/push/paths").toString()).contains(".version");
        assertThat(Files.readString(Repo.path(".github/workflows/ci.yml")))
                .contains("setup-chrome")
                .contains("/usr/bin/chromium")
                .contains("./mvnw -B -ntp verify");
    }

    @Test
    void theChangelogHasTheSectionTheReleaseWillPublish() throws IOException {
        String version = Files.readString(Repo.path(".version")).strip();
        assertThat(version).matches("v\\d+\\.\\d+\\.\\d+");
        List<String> lines = Files.readAllLines(Repo.path("docs/CHANGELOG.md"));
        int heading = lines.indexOf("## " + version);
        assertThat(heading).as("docs/CHANGELOG.md has '## %s'", version).isNotNegative();
        boolean hasText = lines.stream()
                .skip(heading + 1)
                .takeWhile(line -> !line.startsWith("## "))
                .anyMatch(line -> !line.isBlank());
        assertThat(hasText).isTrue();
    }
}
