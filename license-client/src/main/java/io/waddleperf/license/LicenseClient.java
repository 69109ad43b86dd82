package io.waddleperf.license;

import io.waddleperf.license.internal.CallCounters;
import io.waddleperf.license.internal.Json;
import io.waddleperf.license.internal.LicenseServerTransport;
import io.waddleperf.license.internal.RefreshingCache;
import io.waddleperf.license.internal.ResilientCalls;
import io.waddleperf.license.internal.ServerAnswers;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Thread-safe client for the PenguinTech license server contract ({@code POST /api/v2/validate},
 * {@code /api/v2/features}, {@code /api/v2/keepalive}, each with {@code Authorization: Bearer
 * <key>}).
 *
 * <p>The key is checked locally when the client is built, so a malformed key never reaches the
 * network. Answers are cached ({@link Builder#cacheTtl}, 5 minutes by default). When the server
 * is unavailable (5xx, 408, 429, timeout, connection error, unreadable answer, open circuit) the
 * last good answer keeps being served for the grace period ({@link Builder#grace}, 72 hours) after
 * it was obtained, and the server is asked again at most once per cache period; after the grace
 * period calls fail with {@link LicenseServerUnavailable}. Any other 4xx answer, or {@code "valid":
 * false}, fails closed at once with {@link LicenseRejected} and discards the cached answer. Callers
 * that arrive while a request is in flight share its outcome instead of sending their own, and no
 * caller waits longer than {@link #maxBlocking()}.
 */
public final class LicenseClient implements AutoCloseable {

    public static final URI DEFAULT_BASE_URL = URI.create("https://license.penguintech.io");
    public static final String DEFAULT_PRODUCT = "waddleperf";

    private static final Pattern FEATURE_NAME = Pattern.compile("[a-z0-9_.-]{1,64}");
    // Scheduling noise on a loaded host must not turn a waiting caller's grace answer into a failure.
    private static final Duration WAIT_SLACK = Duration.ofSeconds(1);

    private final String product;
    private final LicenseKey key;
    private final Clock clock;
    private final Duration cacheTtl;
    private final Duration grace;
    private final Duration maxBlocking;
    private final HttpClient ownedHttpClient;
    private final LicenseServerTransport transport;
    private final ResilientCalls resilience;
    private final CallCounters counters = new CallCounters();
    private final RefreshingCache<License> license;
    private final ConcurrentMap<String, RefreshingCache<Feature>> features = new ConcurrentHashMap<>();

    private LicenseClient(Builder builder) {
        this.product = builder.product;
        this.key = builder.key;
        this.clock = builder.clock;
        this.cacheTtl = builder.cacheTtl;
        this.grace = builder.grace;
        this.maxBlocking = ResilientCalls.maxBlocking(builder.maxAttempts, builder.callTimeout, builder.initialBackoff);
        this.ownedHttpClient = builder.httpClient == null
                ? HttpClient.newBuilder()
                        .connectTimeout(builder.callTimeout)
                        // The bearer key must never follow a redirect to another host.
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .version(HttpClient.Version.HTTP_1_1)
                        .build()
                : null;
        HttpClient http = ownedHttpClient != null ? ownedHttpClient : builder.httpClient;
        this.transport = new LicenseServerTransport(http, builder.baseUrl, key, builder.callTimeout, counters);
        this.resilience = new ResilientCalls(
                builder.maxAttempts,
                builder.initialBackoff,
                builder.breakerMinimumCalls,
                builder.breakerOpenDuration,
                clock);
        this.license = newCache();
    }

    /**
     * Starts a client for a key as the user typed it.
     *
     * @throws MalformedLicenseKey before anything touches the network
     */
    public static Builder builder(String licenseKey) {
        return new Builder(LicenseKey.parse(licenseKey));
    }

    public static Builder builder(LicenseKey key) {
        return new Builder(Objects.requireNonNull(key, "key"));
    }

    /**
     * Validates the license, from the cache when it is fresh.
     *
     * @throws LicenseRejected the server refused the key (4xx except 408/429, or {@code valid:
     *     false})
     * @throws LicenseExpired the license ran out
     * @throws LicenseServerUnavailable no answer and no last good answer within the grace period
     */
    public License validate() {
        License answer = license.get(this::fetchLicense);
        if (answer.isExpiredAt(clock.instant())) {
            throw new LicenseExpired(answer.expiresAt());
        }
        return answer;
    }

    /**
     * Asks {@code /api/v2/features} about one feature, cached like {@link #validate()}. While the
     * server is unavailable, the feature's last answer stands in, or else the entry in the last good
     * validation, within the grace period.
     *
     * @return the feature entry; {@link Feature#notEntitled} when the server does not list it
     */
    public Feature features(String feature) {
        if (feature == null || !FEATURE_NAME.matcher(feature).matches()) {
            throw new IllegalArgumentException("feature names are 1-64 characters a-z, 0-9, '_', '.' or '-'");
        }
        RefreshingCache<Feature> cache = features.computeIfAbsent(feature, name -> newCache());
        try {
            return cache.get(() -> fetchFeature(feature));
        } catch (LicenseServerUnavailable e) {
            Optional<License> lastGood = license.lastGoodWithinGrace();
            if (lastGood.isEmpty()) {
                throw e;
            }
            if (lastGood.get().isExpiredAt(clock.instant())) {
                throw new LicenseExpired(lastGood.get().expiresAt());
            }
            counters.countGraceAnswer();
            return lastGood.get().feature(feature).orElseGet(() -> Feature.notEntitled(feature));
        }
    }

    /**
     * Reports usage to {@code /api/v2/keepalive} with the {@code server_id} from the validation
     * (meant to run hourly). Not cached and not covered by grace: a failure is the caller's to log.
     * When the validation must be refreshed first, this can take up to twice {@link #maxBlocking()}.
     *
     * @throws IllegalStateException the server's validation answer carried no {@code server_id}
     */
    public void keepalive(Usage usage) {
        Objects.requireNonNull(usage, "usage");
        String serverId = validate()
                .metadata()
                .serverId()
                .orElseThrow(() -> new IllegalStateException(
                        "the license server's validation answer has no metadata.server_id to send keepalives with"));
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("nodes", usage.nodes());
        stats.put("users", usage.users());
        stats.put("monitors", usage.monitors());
        stats.put("runs", usage.runs());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("product", product);
        body.put("server_id", serverId);
        body.put("hostname", usage.hostname());
        body.put("version", usage.version());
        body.put("uptime_seconds", usage.uptime().toSeconds());
        body.put("usage_stats", stats);
        try {
            resilience.call(() -> transport.post("/api/v2/keepalive", Json.write(body)));
        } catch (LicenseRejected e) {
            revokeIfKeyRejected(e);
            throw e;
        }
    }

    public LicenseStatus status() {
        RefreshingCache.Snapshot<License> snapshot = license.snapshot();
        return new LicenseStatus(
                snapshot.answer(),
                snapshot.lastCheck(),
                snapshot.lastSuccess(),
                snapshot.inGrace(),
                snapshot.graceEndsAt(),
                snapshot.lastFailure());
    }

    public LicenseCallStatistics statistics() {
        return new LicenseCallStatistics(
                counters.requestsSent(),
                counters.cacheHits(),
                counters.coalesced(),
                counters.graceAnswers(),
                resilience.circuitState());
    }

    /**
     * The longest one call can block: every attempt times out and every back-off draws its
     * maximum jitter.
     */
    public Duration maxBlocking() {
        return maxBlocking;
    }

    @Override
    public void close() {
        if (ownedHttpClient != null) {
            ownedHttpClient.shutdownNow();
        }
    }

    private License fetchLicense() {
        try {
            return resilience.call(() -> {
                String body = transport.post("/api/v2/validate", Json.write(Map.of("product", product)));
                return checkedLicense(readable(() -> ServerAnswers.readValidation(body, product, key.masked())));
            });
        } catch (LicenseRejected | LicenseExpired e) {
            // The validation is the authority on the key; feature answers must not outlive it.
            features.clear();
            throw e;
        }
    }

    private License checkedLicense(ServerAnswers.Validation validation) {
        Instant now = clock.instant();
        if (!validation.valid()) {
            Optional<Instant> expiredAt = validation.expiresAt().filter(at -> !now.isBefore(at));
            if (expiredAt.isPresent()) {
                throw new LicenseExpired(expiredAt.get());
            }
            throw new LicenseRejected(
                    200, validation.message().isEmpty() ? "license is not valid" : validation.message());
        }
        License answer = validation.license().orElseThrow();
        if (!answer.product().equalsIgnoreCase(product)) {
            throw new LicenseRejected(
                    200, "license is for product \"" + Json.printable(answer.product()) + "\", not " + product);
        }
        if (answer.isExpiredAt(now)) {
            throw new LicenseExpired(answer.expiresAt());
        }
        return answer;
    }

    private Feature fetchFeature(String feature) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("product", product);
        request.put("feature", feature);
        try {
            return resilience.call(() -> {
                String body = transport.post("/api/v2/features", Json.write(request));
                return readable(() -> ServerAnswers.readFeatures(body)).stream()
                        .filter(f -> f.name().equals(feature))
                        .findFirst()
                        .orElseGet(() -> Feature.notEntitled(feature));
            });
        } catch (LicenseRejected e) {
            revokeIfKeyRejected(e);
            throw e;
        }
    }

    /** 401 and 403 reject the key itself, whichever endpoint answered them. */
    private void revokeIfKeyRejected(LicenseRejected e) {
        if (e.httpStatus() == 401 || e.httpStatus() == 403) {
            license.reject(e);
            features.clear();
        }
    }

    /** A garbled 2xx answer is an outage, not a verdict: it is retried and grace applies. */
    private static <T> T readable(Supplier<T> parse) {
        try {
            return parse.get();
        } catch (LicenseResponseUnreadable e) {
            throw new LicenseServerUnavailable(e.getMessage(), e);
        }
    }

    private <T> RefreshingCache<T> newCache() {
        return new RefreshingCache<>(clock, cacheTtl, grace, maxBlocking.plus(WAIT_SLACK), counters);
    }

    /** Settings with the contract's defaults; every duration must be positive. */
    public static final class Builder {

        private final LicenseKey key;
        private URI baseUrl = DEFAULT_BASE_URL;
        private String product = DEFAULT_PRODUCT;
        private Duration callTimeout = Duration.ofSeconds(5);
        private int maxAttempts = 3;
        private Duration initialBackoff = Duration.ofMillis(200);
        private Duration cacheTtl = Duration.ofMinutes(5);
        private Duration grace = Duration.ofHours(72);
        private int breakerMinimumCalls = 5;
        private Duration breakerOpenDuration = Duration.ofSeconds(30);
        private Clock clock = Clock.systemUTC();
        private HttpClient httpClient;

        private Builder(LicenseKey key) {
            this.key = key;
        }

        /** {@code LICENSE_SERVER_URL}; http or https, default {@code https://license.penguintech.io}. */
        public Builder baseUrl(URI baseUrl) {
            String scheme = Objects.requireNonNull(baseUrl, "baseUrl").getScheme();
            if (!("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme)) || baseUrl.getHost() == null) {
                throw new IllegalArgumentException("license server URL must be an absolute http(s) URL: " + baseUrl);
            }
            this.baseUrl = baseUrl;
            return this;
        }

        public Builder baseUrl(String baseUrl) {
            return baseUrl(URI.create(baseUrl));
        }

        /** {@code PRODUCT_NAME}, default {@value LicenseClient#DEFAULT_PRODUCT}. */
        public Builder product(String product) {
            if (product == null || product.isBlank()) {
                throw new IllegalArgumentException("product must not be blank");
            }
            this.product = product;
            return this;
        }

        /** Deadline for one HTTP attempt, connection included; default 5 s. */
        public Builder callTimeout(Duration callTimeout) {
            this.callTimeout = positive("callTimeout", callTimeout);
            return this;
        }

        /**
         * Attempts per call (1-10, default 3) and the first back-off (default 200 ms), which doubles
         * per retry, up to 8 times the first, each with ±50 % jitter.
         */
        public Builder retries(int maxAttempts, Duration initialBackoff) {
            if (maxAttempts < 1 || maxAttempts > 10) {
                throw new IllegalArgumentException("maxAttempts must be 1-10, not " + maxAttempts);
            }
            this.maxAttempts = maxAttempts;
            this.initialBackoff = positive("initialBackoff", initialBackoff);
            if (initialBackoff.toMillis() < 1) {
                throw new IllegalArgumentException("initialBackoff must be at least 1 ms");
            }
            return this;
        }

        /** How long an answer is served without asking again; default 5 minutes. */
        public Builder cacheTtl(Duration cacheTtl) {
            this.cacheTtl = positive("cacheTtl", cacheTtl);
            return this;
        }

        /** How long after the last success an outage is bridged; default 72 hours. */
        public Builder grace(Duration grace) {
            this.grace = positive("grace", grace);
            return this;
        }

        /**
         * The circuit opens when at least half of the last calls failed, counted over at least
         * {@code minimumCalls} attempts (default 5), and lets a trial call through after {@code
         * openDuration} (default 30 s).
         */
        public Builder circuitBreaker(int minimumCalls, Duration openDuration) {
            if (minimumCalls < 1) {
                throw new IllegalArgumentException("minimumCalls must be at least 1");
            }
            this.breakerMinimumCalls = minimumCalls;
            this.breakerOpenDuration = positive("openDuration", openDuration);
            return this;
        }

        /** Decides freshness, grace, expiry and the breaker's open period; tests move it by hand. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * For proxies or custom TLS. Its own redirect policy applies, so it should not follow
         * redirects; the caller keeps ownership and closes it.
         */
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
            return this;
        }

        public LicenseClient build() {
            return new LicenseClient(this);
        }

        private static Duration positive(String name, Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be a positive duration");
            }
            // Keeps Instant arithmetic far from overflow.
            if (value.compareTo(Duration.ofDays(3650)) > 0) {
                throw new IllegalArgumentException(name + " must not exceed 10 years");
            }
            return value;
        }
    }
}
