package io.waddleperf.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment variables WaddlePerf actually reads, so the deployment files set real settings
 * and nothing invented: the names in the README (its configuration table and text, where
 * "`WADDLEPERF_NODE_REGION`, `_LABELS`" means WADDLEPERF_NODE_LABELS too), the keys and
 * placeholders of the API's and the node's application.yml in their environment-variable form,
 * and a few platform names stated below with the reason.
 */
final class KnownSettings {

    /** Read by Spring Boot or the JVM themselves rather than declared by WaddlePerf. */
    static final Map<String, String> PLATFORM = Map.of(
            "SPRING_FLYWAY_ENABLED",
                    "Boot's spring.flyway.enabled: migrate from one replica only (docs/operations/galera.md)",
            "SPRING_CONFIG_IMPORT",
                    "Boot's spring.config.import: the node reads its enrolment token from a file (configtree)",
            "JAVA_TOOL_OPTIONS", "read by the JVM itself: heap sizing and the temp dir",
            "MANAGEMENT_ENDPOINT_HEALTH_GROUP_READINESS_INCLUDE",
                    "Boot's readiness group: readinessState plus the archive's health (docs/archive.md, full spool)");

    private static final Pattern BACKTICKED = Pattern.compile("`([A-Z_][A-Z0-9_]*)`");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");

    private static Set<String> names;

    private KnownSettings() {}

    static synchronized Set<String> names() {
        if (names == null) {
            Set<String> found = new HashSet<>(PLATFORM.keySet());
            found.addAll(fromReadme(Repo.path("README.md")));
            for (String yml : new String[] {
                "api/src/main/resources/application.yml", "testserver/src/main/resources/application.yml"
            }) {
                found.addAll(fromApplicationYml(Repo.path(yml)));
            }
            names = Set.copyOf(found);
        }
        return names;
    }

    static boolean known(String variable) {
        return names().contains(variable);
    }

    static Set<String> fromReadme(Path readme) {
        Set<String> found = new HashSet<>();
        for (String line : read(readme).split("\n")) {
            // Within one line (a table row), "_SUFFIX" continues the last full name's prefix.
            String prefix = null;
            Matcher matcher = BACKTICKED.matcher(line);
            while (matcher.find()) {
                String token = matcher.group(1);
                if (token.startsWith("_")) {
                    if (prefix != null) {
                        found.add(prefix + token.substring(1));
                    }
                } else if (token.contains("_")) {
                    found.add(token);
                    prefix = token.substring(0, token.lastIndexOf('_') + 1);
                } else {
                    found.add(token);
                }
            }
        }
        return found;
    }

    static Set<String> fromApplicationYml(Path yml) {
        String text = read(yml);
        Set<String> found = new HashSet<>();
        Matcher placeholders = PLACEHOLDER.matcher(text);
        while (placeholders.find()) {
            found.add(placeholders.group(1));
        }
        for (JsonNode document : Yaml.documents(text)) {
            flatten("", document, found);
        }
        return found;
    }

    /** Boot's relaxed binding: waddleperf.node.advertised-url is WADDLEPERF_NODE_ADVERTISEDURL. */
    static String environmentForm(String property) {
        return property.replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT);
    }

    private static void flatten(String prefix, JsonNode node, Set<String> found) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), found);
            }
        } else {
            found.add(environmentForm(prefix));
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
