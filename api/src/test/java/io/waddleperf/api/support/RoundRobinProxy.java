package io.waddleperf.api.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small round-robin HTTP reverse proxy on loopback, standing in for the load balancer (Caddy,
 * an Ingress) in front of several API replicas: one address for the browser and the nodes.
 *
 * <p>What a real one does and the tests rely on: it forwards method, path and query, headers
 * (cookies included) and body; streams responses as they come (server-sent events, NDJSON), one
 * read at a time; appends the client's address to {@code X-Forwarded-For}; connects to the
 * upstreams from its own address ({@code sourceAddress}, e.g. 127.0.0.2), so an API that trusts
 * only that address as a proxy can tell the proxy from its clients. It skips a dead upstream: a
 * health check reads each one's readiness every {@code checkInterval} (out after two failures in
 * a row, in after one success), and a refused connection takes the upstream out at once and the
 * request goes to the next one (nothing was sent, so that is safe for any method). A response cut off mid-body cuts off the client's connection too.
 */
public final class RoundRobinProxy implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RoundRobinProxy.class);

    // Hop-by-hop headers (RFC 9110 section 7.6.1) and those the JDK client sets itself.
    private static final Set<String> NOT_FORWARDED = Set.of(
            "connection",
            "keep-alive",
            "proxy-connection",
            "proxy-authenticate",
            "proxy-authorization",
            "te",
            "trailer",
            "transfer-encoding",
            "upgrade",
            "host",
            "content-length",
            "expect");

    private static final int FALL = 2;

    /** Called after each response's headers were sent; {@code upstream} is the replica's index. */
    public interface Listener {
        void answered(String method, String path, int status, int upstream);
    }

    private final List<Upstream> upstreams;
    private final HttpServer server;
    private final HttpClient client;
    private final HttpClient checks;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger next = new AtomicInteger();
    private final Listener listener;

    private RoundRobinProxy(
            int port, List<Integer> upstreamPorts, InetAddress sourceAddress, Duration checkInterval, Listener listener)
            throws IOException {
        List<Upstream> list = new ArrayList<>();
        for (int i = 0; i < upstreamPorts.size(); i++) {
            list.add(new Upstream(i, URI.create("http://127.0.0.1:" + upstreamPorts.get(i))));
        }
        this.upstreams = List.copyOf(list);
        this.listener = listener;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .localAddress(sourceAddress)
                .connectTimeout(Duration.ofSeconds(1))
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
        this.checks = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .localAddress(sourceAddress)
                .connectTimeout(Duration.ofSeconds(1))
                .build();
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        for (Upstream upstream : upstreams) {
            scheduler.scheduleWithFixedDelay(() -> check(upstream), 0, checkInterval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Listens on 127.0.0.1:{@code port} and forwards to 127.0.0.1:{@code upstreamPorts}. */
    public static RoundRobinProxy start(
            int port, List<Integer> upstreamPorts, InetAddress sourceAddress, Duration checkInterval, Listener listener)
            throws IOException {
        return new RoundRobinProxy(port, upstreamPorts, sourceAddress, checkInterval, listener);
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Whether the health check (or the last connection) found the upstream able to take requests. */
    public boolean healthy(int upstream) {
        return upstreams.get(upstream).healthy;
    }

    /** Requests forwarded to the upstream so far. */
    public long served(int upstream) {
        return upstreams.get(upstream).served.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        boolean broken = false;
        try {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String method = exchange.getRequestMethod();
            String pathAndQuery = exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null
                            ? ""
                            : "?" + exchange.getRequestURI().getRawQuery());
            HttpResponse<InputStream> response = null;
            Upstream chosen = null;
            // Each upstream at most once per request, starting at the next in turn.
            int start = Math.floorMod(next.getAndIncrement(), upstreams.size());
            // When every upstream is out, each is tried all the same (as nginx does), rather than
            // failing requests on the word of checks that may only have been slow.
            boolean anyHealthy = upstreams.stream().anyMatch(u -> u.healthy);
            for (int i = 0; i < upstreams.size() && response == null; i++) {
                Upstream upstream = upstreams.get((start + i) % upstreams.size());
                if (anyHealthy && !upstream.healthy) {
                    continue;
                }
                try {
                    response = client.send(
                            request(exchange, upstream, method, pathAndQuery, body),
                            HttpResponse.BodyHandlers.ofInputStream());
                    chosen = upstream;
                } catch (ConnectException | HttpConnectTimeoutException e) {
                    // Nothing reached it: out of rotation until its health check passes again.
                    markDown(upstream, e.toString());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (response == null) {
                byte[] problem = "no healthy upstream".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(502, problem.length);
                exchange.getResponseBody().write(problem);
                return;
            }
            chosen.served.incrementAndGet();
            relay(exchange, method, response);
            listener.answered(method, exchange.getRequestURI().getRawPath(), response.statusCode(), chosen.index);
            copyBody(response.body(), exchange.getResponseBody());
        } catch (UpstreamBroke e) {
            // Not closed: the JDK server then drops the connection instead of ending the body
            // properly, so the client sees a broken response, as behind a real proxy.
            broken = true;
            log.info("upstream broke off a response: {}", e.getCause().toString());
            throw e;
        } finally {
            if (!broken) {
                exchange.close();
            }
        }
    }

    private HttpRequest request(
            HttpExchange exchange, Upstream upstream, String method, String pathAndQuery, byte[] body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(upstream.base.resolve(pathAndQuery))
                .method(
                        method,
                        body.length == 0
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!NOT_FORWARDED.contains(lower) && !lower.equals("x-forwarded-for")) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        // Appended, as nginx's $proxy_add_x_forwarded_for does: a client-sent value stays to the
        // left, where an API that walks from the right past its trusted proxies never looks.
        String client = exchange.getRemoteAddress().getAddress().getHostAddress();
        String earlier = exchange.getRequestHeaders().getFirst("X-Forwarded-For");
        builder.header("X-Forwarded-For", earlier == null ? client : earlier + ", " + client);
        builder.header("X-Forwarded-Proto", "http");
        return builder.build();
    }

    private static void relay(HttpExchange exchange, String method, HttpResponse<InputStream> response)
            throws IOException {
        response.headers().map().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            // The JDK server writes its own Date.
            if (!NOT_FORWARDED.contains(lower) && !lower.equals(":status") && !lower.equals("date")) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        int status = response.statusCode();
        long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        boolean noBody = method.equals("HEAD") || status == 204 || status == 304 || length == 0;
        // 0 asks the JDK server for a chunked body: the length of a stream is not known.
        exchange.sendResponseHeaders(status, noBody ? -1 : Math.max(length, 0));
    }

    /**
     * One read at a time, flushed at once, so each event reaches the browser when the API sends
     * it. If the upstream dies mid-body, the exception ends the client's connection without the
     * final chunk: the client sees a broken response, not a complete one.
     */
    private static void copyBody(InputStream in, OutputStream out) throws IOException {
        try (in) {
            byte[] buffer = new byte[8192];
            while (true) {
                int read;
                try {
                    read = in.read(buffer);
                } catch (IOException e) {
                    throw new UpstreamBroke(e);
                }
                if (read < 0) {
                    return;
                }
                out.write(buffer, 0, read);
                out.flush();
            }
        }
    }

    /** The upstream's response ended before its body did (the replica died, say). */
    private static final class UpstreamBroke extends RuntimeException {
        UpstreamBroke(IOException cause) {
            super(cause);
        }
    }

    private void check(Upstream upstream) {
        HttpRequest readiness = HttpRequest.newBuilder(upstream.base.resolve("/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(2))
                .build();
        boolean ok;
        try {
            ok = checks.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            ok = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        // In at the first passed check; out after FALL failed ones in a row (HAProxy's "fall"),
        // so one slow answer on a busy machine does not take a live replica out.
        upstream.failedChecks = ok ? 0 : upstream.failedChecks + 1;
        if (ok && !upstream.healthy) {
            log.info("upstream {} ({}) is healthy", upstream.index, upstream.base);
            upstream.healthy = true;
        } else if (!ok && upstream.healthy && upstream.failedChecks >= FALL) {
            log.info("upstream {} ({}) is down: {} checks failed", upstream.index, upstream.base, FALL);
            upstream.healthy = false;
        }
    }

    private void markDown(Upstream upstream, String why) {
        if (upstream.healthy) {
            log.info("upstream {} ({}) taken out: {}", upstream.index, upstream.base, why);
            upstream.healthy = false;
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        server.stop(0);
        executor.shutdownNow();
        client.shutdownNow();
        checks.shutdownNow();
    }

    private static final class Upstream {
        final int index;
        final URI base;
        final AtomicLong served = new AtomicLong();
        // Out until the first health check passes, as a load balancer treats a new backend.
        volatile boolean healthy;
        // Only the scheduler's one thread touches it.
        int failedChecks;

        Upstream(int index, URI base) {
            this.index = index;
            this.base = base;
        }
    }
}
