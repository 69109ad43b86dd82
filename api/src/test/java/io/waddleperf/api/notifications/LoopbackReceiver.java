package io.waddleperf.api.notifications;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A real HTTP receiver on 127.0.0.1 that keeps every request it gets and answers with the status
 * a test sets (200 by default; 503 plays a receiver that is down).
 */
public final class LoopbackReceiver implements AutoCloseable {

    /** A request answered with a success, and when it arrived (for delivery latencies). */
    public record Received(String path, Map<String, String> headers, String body, Instant at) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(200);
    private final AtomicInteger refused = new AtomicInteger();

    private LoopbackReceiver(HttpServer server) {
        this.server = server;
    }

    public static LoopbackReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            LoopbackReceiver receiver = new LoopbackReceiver(server);
            server.createContext("/", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                Map<String, String> headers = exchange.getRequestHeaders().entrySet().stream()
                        .collect(Collectors.toMap(
                                e -> e.getKey().toLowerCase(Locale.ROOT), e -> String.join(",", e.getValue())));
                int answer = receiver.status.get();
                if (answer < 300) {
                    receiver.received.add(new Received(
                            exchange.getRequestURI().getPath(),
                            headers,
                            new String(body, StandardCharsets.UTF_8),
                            Instant.now()));
                } else {
                    receiver.refused.incrementAndGet();
                }
                byte[] reply = (answer < 300 ? "ok" : "down for maintenance").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(answer, reply.length);
                exchange.getResponseBody().write(reply);
                exchange.close();
            });
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Requests answered with a success, in arrival order. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Requests to one path answered with a success, in arrival order. */
    public List<Received> received(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** How many requests were answered with an error status (while "down"). */
    public int refused() {
        return refused.get();
    }

    public void answer(int httpStatus) {
        status.set(httpStatus);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
