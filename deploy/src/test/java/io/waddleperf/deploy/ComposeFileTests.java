package io.waddleperf.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * docker-compose.yml: Compose itself checks it where it is installed ({@code docker compose
 * config}, or Debian's {@code docker-compose}); the rest is always checked here on the parsed file,
 * with the variables of .env.example substituted as Compose would: the services the stack
 * promises, their health checks, the migrating replica, the enrolment tokens, and the proxy the
 * API trusts.
 */
class ComposeFileTests {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)(?::?([-?])([^}]*))?}");

    private static Map<String, String> env;
    private static JsonNode compose;

    @BeforeAll
    static void load() throws IOException {
        env = envFile(Repo.path(".env.example"));
        String text = Files.readString(Repo.path("docker-compose.yml"));
        // SnakeYAML resolves the x- anchors and << merge keys, as Compose does.
        LoaderOptions options = new LoaderOptions();
        Object tree = new org.yaml.snakeyaml.Yaml(options).load(interpolate(text, env));
        compose = Yaml.MAPPER.valueToTree(tree);
    }

    @Test
    void composeAcceptsTheFile() throws Exception {
        Optional<List<String>> command = composeCommand();
        assumeTrue(
                command.isPresent(),
                "neither the docker compose plugin nor docker-compose is installed; the file is still"
                        + " parsed and checked by the other tests of this class");
        List<String> args = new ArrayList<>(command.get());
        args.addAll(List.of("--env-file", ".env.example", "-f", "docker-compose.yml", "config", "-q"));
        Path errors = Files.createTempFile("compose", ".err");
        Process process = new ProcessBuilder(args)
                .directory(Repo.root().toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(errors.toFile())
                .start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String said = Files.readString(errors, StandardCharsets.UTF_8);
        Files.deleteIfExists(errors);
        assertThat(process.exitValue()).as(String.join(" ", args) + ": " + said).isZero();
    }

    @Test
    void theStackHasItsServicesAndEachSaysWhenItIsHealthy() {
        Set<String> services = new HashSet<>();
        compose.path("services").fieldNames().forEachRemaining(services::add);
        assertThat(services)
                .containsExactlyInAnyOrder(
                        "galera-1", "galera-2", "galera-3", "s3", "api-1", "api-2", "proxy", "node-1", "node-2");
        for (String name : services) {
            JsonNode test = service(name).path("healthcheck").path("test");
            assertThat(test.isArray() && test.size() > 1)
                    .as("%s has a health check", name)
                    .isTrue();
        }
        for (String api : List.of("api-1", "api-2")) {
            assertThat(service(api).path("healthcheck").path("test").toString()).contains("/actuator/health/readiness");
        }
    }

    @Test
    void galeraHasThreeNodesOfOneClusterAndExactlyOneBootstraps() throws IOException {
        String cnf = Files.readString(Repo.path("deploy/compose/galera/galera.cnf"));
        assertThat(cnf)
                .contains("wsrep_on                 = ON")
                .contains("wsrep_cluster_address    = gcomm://galera-1,galera-2,galera-3")
                .contains("binlog_format            = ROW")
                .contains("innodb_autoinc_lock_mode = 2")
                .contains("wsrep_mode               = REQUIRED_PRIMARY_KEY,STRICT_REPLICATION");
        int bootstraps = 0;
        for (String node : List.of("galera-1", "galera-2", "galera-3")) {
            JsonNode service = service(node);
            assertThat(service.path("image").asText()).startsWith("mariadb:");
            assertThat(service.path("command").toString())
                    .contains("--wsrep-node-address=" + node)
                    .doesNotContain("--wsrep-new-cluster");
            assertThat(service.path("volumes").toString()).contains("galera.cnf:/etc/mysql/conf.d/");
            if ("1".equals(service.path("environment").path("GALERA_BOOTSTRAP").asText())) {
                bootstraps++;
            }
        }
        // The bootstrap flag only adds --wsrep-new-cluster on a node that never joined a cluster.
        assertThat(bootstraps).isEqualTo(1);
        assertThat(Files.readString(Repo.path("deploy/compose/galera/start.sh")))
                .contains("grastate.dat")
                .contains("--wsrep-new-cluster");
    }

    @Test
    void bothApiReplicasUseTheClusterAndTheStoreAndOnlyTheFirstMigrates() {
        JsonNode first = service("api-1").path("environment");
        JsonNode second = service("api-2").path("environment");
        for (JsonNode api : List.of(first, second)) {
            assertThat(api.path("SPRING_DATASOURCE_URL").asText())
                    .isEqualTo("jdbc:mariadb:sequential://galera-1:3306,galera-2:3306,galera-3:3306/waddleperf");
            assertThat(api.path("WADDLEPERF_S3_ENDPOINT").asText()).isEqualTo("http://s3:80");
            assertThat(api.path("WADDLEPERF_ARCHIVE_ACCESSKEYID").asText())
                    .isEqualTo(service("s3")
                            .path("environment")
                            .path("S3PROXY_IDENTITY")
                            .asText());
            assertThat(api.path("WADDLEPERF_ARCHIVE_SECRETACCESSKEY").asText())
                    .isEqualTo(service("s3")
                            .path("environment")
                            .path("S3PROXY_CREDENTIAL")
                            .asText());
        }
        assertThat(first.has("SPRING_FLYWAY_ENABLED")).as("api-1 migrates").isFalse();
        assertThat(second.path("SPRING_FLYWAY_ENABLED").asText()).isEqualTo("false");
        assertThat(service("api-2")
                        .path("depends_on")
                        .path("api-1")
                        .path("condition")
                        .asText())
                .isEqualTo("service_healthy");
        // The database's user and password are the ones the bootstrap node creates.
        JsonNode bootstrap = service("galera-1").path("environment");
        assertThat(first.path("SPRING_DATASOURCE_USERNAME").asText())
                .isEqualTo(bootstrap.path("MARIADB_USER").asText());
        assertThat(first.path("SPRING_DATASOURCE_PASSWORD").asText())
                .isEqualTo(bootstrap.path("MARIADB_PASSWORD").asText());
    }

    @Test
    void theApiTrustsXForwardedForFromTheProxyAndOnlyFromIt() throws IOException {
        String proxyAddress = service("proxy")
                .path("networks")
                .path("edge")
                .path("ipv4_address")
                .asText();
        assertThat(proxyAddress).matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
        for (String api : List.of("api-1", "api-2")) {
            assertThat(service(api)
                            .path("environment")
                            .path("WADDLEPERF_WEB_TRUSTEDPROXIES")
                            .asText())
                    .isEqualTo(proxyAddress);
        }
        String subnet = compose.at("/networks/edge/ipam/config/0/subnet").asText();
        assertThat(inSubnet(proxyAddress, subnet))
                .as("%s in %s", proxyAddress, subnet)
                .isTrue();
        String caddyfile = Files.readString(Repo.path("deploy/compose/caddy/Caddyfile"));
        assertThat(caddyfile)
                .contains("reverse_proxy api-1:8080 api-2:8080")
                .contains("health_uri /actuator/health/readiness")
                // trusted_proxies would make Caddy pass on a client's own X-Forwarded-For.
                .doesNotContain("trusted_proxies")
                // Metrics are for Prometheus inside, not for the internet.
                .contains("@metrics path /actuator/prometheus")
                .contains("respond @metrics 404");
        assertThat(service("proxy").path("volumes").toString())
                .contains("deploy/compose/caddy/Caddyfile:/etc/caddy/Caddyfile");
    }

    @Test
    void eachNodeEnrolsWithItsOwnTokenThatOneApiReplicaRegisters() {
        Set<String> registered = new HashSet<>();
        for (String api : List.of("api-1", "api-2")) {
            registered.add(service(api)
                    .path("environment")
                    .path("WADDLEPERF_LOCAL_NODE_TOKEN")
                    .asText());
        }
        Set<String> used = new HashSet<>();
        for (String node : List.of("node-1", "node-2")) {
            JsonNode environment = service(node).path("environment");
            used.add(environment.path("WADDLEPERF_ENROLLMENT_TOKEN").asText());
            assertThat(environment.path("WADDLEPERF_API_URL").asText()).isEqualTo("http://proxy:80");
            assertThat(environment.path("WADDLEPERF_CONTROL_JWKSURI").asText())
                    .isEqualTo("http://proxy:80/.well-known/jwks.json");
            assertThat(environment.path("WADDLEPERF_NODE_ADVERTISEDURL").asText())
                    .isEqualTo("http://" + node + ":8081");
            assertThat(service(node).path("volumes").toString()).contains(":/var/lib/waddleperf/node");
        }
        // A token is spent on one node: two nodes need two different tokens.
        assertThat(used).hasSize(2).isEqualTo(registered);
    }

    @Test
    void everyVariableHasAnExampleAndEveryApplicationSettingIsReal() throws IOException {
        String text = Files.readString(Repo.path("docker-compose.yml"));
        Matcher matcher = VARIABLE.matcher(text);
        while (matcher.find()) {
            if ("?".equals(matcher.group(2))) {
                assertThat(env).as(".env.example defines %s", matcher.group(1)).containsKey(matcher.group(1));
            }
        }
        List<String> unknown = new ArrayList<>();
        for (String name : List.of("api-1", "api-2", "node-1", "node-2")) {
            service(name).path("environment").fieldNames().forEachRemaining(variable -> {
                if (!KnownSettings.known(variable)) {
                    unknown.add(name + ": " + variable);
                }
            });
        }
        assertThat(unknown).isEmpty();
    }

    @Test
    void theApiAndNodeContainersAreLockedDown() {
        for (String name : List.of("api-1", "api-2", "node-1", "node-2")) {
            JsonNode service = service(name);
            assertThat(service.path("read_only").asBoolean()).as(name).isTrue();
            assertThat(service.path("cap_drop").toString()).as(name).contains("ALL");
            assertThat(service.path("tmpfs").toString()).as(name).contains("/tmp");
            assertThat(service.path("privileged").asBoolean(false)).as(name).isFalse();
        }
        for (String name : List.of("api-1", "api-2")) {
            assertThat(service(name).path("cap_add").isMissingNode()).as(name).isTrue();
        }
    }

    private static JsonNode service(String name) {
        JsonNode service = compose.path("services").path(name);
        assertThat(service.isObject()).as("service %s", name).isTrue();
        return service;
    }

    /** Compose's substitution: ${X}, ${X:-default}, ${X-default}, ${X:?error}; $$ is a dollar. */
    static String interpolate(String text, Map<String, String> variables) {
        String escaped = text.replace("$$", "\u0000");
        Matcher matcher = VARIABLE.matcher(escaped);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = variables.get(matcher.group(1));
            if ((value == null || value.isEmpty()) && "-".equals(matcher.group(2))) {
                value = matcher.group(3);
            }
            if (value == null && "?".equals(matcher.group(2))) {
                throw new AssertionError("required variable " + matcher.group(1) + " is not in .env.example");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
        }
        matcher.appendTail(out);
        return out.toString().replace("\u0000", "$");
    }

    static Map<String, String> envFile(Path file) throws IOException {
        Map<String, String> values = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int equals = trimmed.indexOf('=');
            values.put(trimmed.substring(0, equals), trimmed.substring(equals + 1));
        }
        return values;
    }

    private static boolean inSubnet(String address, String cidr) {
        String[] parts = cidr.split("/");
        int bits = Integer.parseInt(parts[1]);
        long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
        return (ipv4(address) & mask) == (ipv4(parts[0]) & mask);
    }

    private static long ipv4(String address) {
        long value = 0;
        for (String octet : address.split("\\.")) {
            value = (value << 8) | Integer.parseInt(octet);
        }
        return value;
    }

    /** {@code docker compose} (the plugin) when it answers, else Debian's {@code docker-compose}. */
    private static Optional<List<String>> composeCommand() throws InterruptedException {
        Optional<Path> docker = onPath("docker");
        if (docker.isPresent()) {
            try {
                Process version = new ProcessBuilder(docker.get().toString(), "compose", "version")
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
                if (version.waitFor(30, TimeUnit.SECONDS) && version.exitValue() == 0) {
                    return Optional.of(List.of(docker.get().toString(), "compose"));
                }
            } catch (IOException e) {
                // Not runnable: fall through to docker-compose.
            }
        }
        return onPath("docker-compose").map(path -> List.of(path.toString()));
    }

    private static Optional<Path> onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Stream.of(path.split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, command))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
