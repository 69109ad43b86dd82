package io.waddleperf.testserver.control;

import io.waddleperf.protocol.NodeSettings;
import io.waddleperf.testserver.control.CredentialStore.Credential;
import io.waddleperf.testserver.control.NodeStatus.NodeInfo;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Enrols the node with the API once (enrolment token → node credential, kept on disk) and then
 * sends a heartbeat every few seconds; see docs/node-protocol.md for the contract.
 *
 * <p>One scheduler thread does everything, so enrolment and heartbeats never overlap. When the API
 * is away, the delay doubles from the initial back-off up to the maximum, with jitter, so a fleet
 * of nodes that lost the API together does not hammer it in step when it returns. A heartbeat
 * answered 401/403 means the credential was revoked: the node forgets it and enrols again with
 * its token, if it still has one. Without an API URL none of this runs.
 */
final class EnrollmentClient implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EnrollmentClient.class);
    static final String ENROLL_PATH = "/api/v1/node/enroll";
    static final String HEARTBEAT_PATH = "/api/v1/node/heartbeat";
    static final String ARTEFACT_PATH = "/api/v1/node/runs/%s/artefacts/%s";

    private final EnrollmentProperties properties;
    private final NodeStatus status;
    private final ObjectMapper json;
    private final CredentialStore store;
    private final NodeSettingsApplier settings;
    private final AtomicLong heartbeats = new AtomicLong();
    /** One key for all retries of one enrolment, so the API can tell a retry from a second node. */
    private final String enrollmentKey = UUID.randomUUID().toString();

    private @Nullable HttpClient http;
    private @Nullable ScheduledExecutorService scheduler;
    private volatile @Nullable Credential credential;
    private int failures;
    private volatile boolean running;

    EnrollmentClient(
            EnrollmentProperties properties, NodeStatus status, ObjectMapper json, NodeSettingsApplier settings) {
        this.properties = properties;
        this.status = status;
        this.json = json;
        this.store = new CredentialStore(properties.stateDir(), json);
        this.settings = settings;
    }

    @Override
    public void start() {
        running = true;
        if (!properties.enabled()) {
            log.info("No API URL (WADDLEPERF_API_URL): running standalone, no enrolment or heartbeats");
            return;
        }
        credential =
                store.load().filter(stored -> stored.apiUrl().equals(apiBase())).orElse(null);
        if (credential != null) {
            status.enrolled(credential.nodeId());
            log.info("Using the stored credential of node {}", credential.nodeId());
        }
        http = HttpClient.newBuilder()
                .connectTimeout(properties.requestTimeout())
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
        scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("node-heartbeat").factory());
        scheduler.execute(this::tick);
    }

    @Override
    public void stop() {
        running = false;
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
        if (http != null) {
            http.close();
            http = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Whether this client talks to an API at all (false when standalone). */
    boolean connected() {
        return scheduler != null;
    }

    /** Heartbeats the API accepted since start. */
    long heartbeats() {
        return heartbeats.get();
    }

    private void tick() {
        Duration next;
        try {
            if (credential == null) {
                enroll();
            }
            heartbeat();
            failures = 0;
            next = properties.heartbeatInterval();
        } catch (CredentialRejected e) {
            log.warn("The API rejected this node's credential; enrolling again");
            store.delete();
            credential = null;
            status.enrolled(null);
            next = backoff();
        } catch (EnrollmentRefused e) {
            log.error("The API refused enrolment ({}); check WADDLEPERF_ENROLLMENT_TOKEN", e.getMessage());
            failures++;
            next = properties.maxBackoff();
        } catch (IOException e) {
            next = backoff();
            // The message says where and why (ApiUnreachable), or what the API answered.
            log.warn("{}; retrying in {} ms", e.getMessage(), next.toMillis());
        } catch (JacksonException | IllegalStateException e) {
            next = backoff();
            log.warn(
                    "Unusable answer from the API at {} ({}); retrying in {} ms",
                    apiBase(),
                    e.getMessage(),
                    next.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        ScheduledExecutorService current = scheduler;
        if (running && current != null && !current.isShutdown()) {
            current.schedule(this::tick, next.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Hands a run's artefact to the API with the node credential (docs/node-protocol.md); returns
     * once the API has it (201).
     *
     * @throws IOException when there is no API or credential, the API is unreachable or it
     *     answers anything but 201 (the message says what)
     */
    void handOver(String runId, String name, Path file, String contentType) throws IOException, InterruptedException {
        HttpClient client = http;
        Credential current = credential;
        if (client == null) {
            throw new IOException("no API to hand it to (standalone node)");
        }
        if (current == null) {
            throw new IOException("this node is not enrolled");
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(apiBase() + ARTEFACT_PATH.formatted(runId, name)))
                // Uploads take longer than a heartbeat; a whole minute is still far below a tier run.
                .timeout(properties.requestTimeout().plusSeconds(60))
                // Not an h2c upgrade: a server buffers an upgrading request's body in a few KB
                // (Tomcat's maxSavePostSize) and drops the connection when a capture is larger.
                .version(HttpClient.Version.HTTP_1_1)
                .header("Content-Type", contentType)
                .header("Authorization", "Bearer " + current.credential())
                .POST(HttpRequest.BodyPublishers.ofFile(file))
                .build();
        HttpResponse<String> response = send(client, request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IOException(
                    "the API at " + request.uri() + " answered HTTP " + response.statusCode() + " " + response.body());
        }
    }

    /**
     * POSTs a JSON body to the API as this node (its credential, a request timeout); for calls other
     * than enrolment and heartbeat, such as session reports. Answers the HTTP status.
     *
     * @throws IOException when there is no API (standalone), the node is not enrolled yet, or the
     *     API cannot be reached
     */
    int postAsNode(String path, byte[] body, String idempotencyKey) throws IOException, InterruptedException {
        HttpClient client = http;
        Credential current = credential;
        if (client == null) {
            throw new IOException("no API (standalone node)");
        }
        if (current == null) {
            throw new IOException("this node is not enrolled yet");
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(apiBase() + path))
                .timeout(properties.requestTimeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .header("Authorization", "Bearer " + current.credential())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return send(client, request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Sends, turning a failure to reach the API into a message that says where and why. */
    private static <T> HttpResponse<T> send(HttpClient client, HttpRequest request, HttpResponse.BodyHandler<T> body)
            throws IOException, InterruptedException {
        try {
            return client.send(request, body);
        } catch (IOException e) {
            throw new IOException(ApiUnreachable.describe(request.uri(), e), e);
        }
    }

    private Duration backoff() {
        failures++;
        long initial = properties.initialBackoff().toMillis();
        long max = properties.maxBackoff().toMillis();
        long delay = Math.min(max, initial << Math.min(failures - 1, 20));
        // "Equal jitter": at least half the delay, so retries still slow down.
        return Duration.ofMillis(delay / 2 + ThreadLocalRandom.current().nextLong(delay / 2 + 1));
    }

    private void enroll() throws IOException, InterruptedException {
        String token = properties.token();
        if (token == null || token.isBlank()) {
            throw new EnrollmentRefused("no enrolment token (WADDLEPERF_ENROLLMENT_TOKEN) and no stored credential");
        }
        NodeInfo info = status.info();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token", token);
        body.put("name", info.name());
        body.put("region", info.region());
        body.put("labels", info.labels());
        body.put("version", info.version());
        body.put("capabilities", info.capabilities());
        body.put("capacity", info.capacity());
        body.put("advertisedUrl", info.advertisedUrl());
        HttpResponse<String> response = post(ENROLL_PATH, body, null, enrollmentKey);
        if (response.statusCode() / 100 == 4) {
            throw new EnrollmentRefused("HTTP " + response.statusCode() + " " + response.body());
        }
        if (response.statusCode() / 100 != 2) {
            throw new IOException("enrolment at " + apiBase() + " answered HTTP " + response.statusCode());
        }
        JsonNode answer = json.readTree(response.body());
        String nodeId = answer.path("nodeId").asString("");
        String secret = answer.path("credential").asString("");
        if (nodeId.isBlank() || secret.isBlank()) {
            throw new IllegalStateException("enrolment answer lacks nodeId or credential");
        }
        Credential enrolled = new Credential(nodeId, secret, apiBase());
        store.save(enrolled);
        credential = enrolled;
        status.enrolled(nodeId);
        log.info("Enrolled as node {}", nodeId);
    }

    private void heartbeat() throws IOException, InterruptedException {
        Credential current = credential;
        if (current == null) {
            return;
        }
        NodeInfo info = status.info();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("nodeId", current.nodeId());
        body.put("name", info.name());
        body.put("version", info.version());
        body.put("region", info.region());
        body.put("labels", info.labels());
        body.put("capabilities", info.capabilities());
        body.put("capacity", info.capacity());
        body.put("load", info.load());
        body.put("systemLoad", info.systemLoad());
        body.put("advertisedUrl", info.advertisedUrl());
        body.put("sentAt", Instant.now().toString());
        body.put("settingsVersion", settings.appliedVersion());
        body.put("settingsRejected", settings.rejected());
        HttpResponse<String> response = post(
                HEARTBEAT_PATH, body, current.credential(), UUID.randomUUID().toString());
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new CredentialRejected();
        }
        if (response.statusCode() / 100 != 2) {
            throw new IOException("heartbeat at " + apiBase() + " answered HTTP " + response.statusCode());
        }
        heartbeats.incrementAndGet();
        applyPushedSettings(response.body());
    }

    /**
     * Applies the settings a heartbeat answer carries, if any (the API sends them while this
     * node's applied version is behind). A body this node cannot read costs the settings, never
     * the heartbeat: the next heartbeat reports the refusal.
     */
    private void applyPushedSettings(String answer) {
        if (answer == null || answer.isBlank()) {
            return;
        }
        JsonNode pushed;
        try {
            pushed = json.readTree(answer).path("settings");
        } catch (JacksonException e) {
            log.warn("Unreadable heartbeat answer: {}", e.getOriginalMessage());
            return;
        }
        if (!pushed.isObject()) {
            return;
        }
        try {
            settings.apply(json.treeToValue(pushed, NodeSettings.class));
        } catch (JacksonException e) {
            settings.unreadable(pushed.path("version").asLong(0), e.getOriginalMessage());
        }
    }

    private HttpResponse<String> post(
            String path, Map<String, Object> body, @Nullable String bearer, String idempotencyKey)
            throws IOException, InterruptedException {
        HttpClient client = http;
        if (client == null) {
            throw new IOException("client stopped");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(apiBase() + path))
                .timeout(properties.requestTimeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return send(client, request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String apiBase() {
        String base = String.valueOf(properties.apiUrl());
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    private static final class CredentialRejected extends RuntimeException {
        CredentialRejected() {
            super("credential rejected");
        }
    }

    private static final class EnrollmentRefused extends RuntimeException {
        EnrollmentRefused(String message) {
            super(message);
        }
    }
}
