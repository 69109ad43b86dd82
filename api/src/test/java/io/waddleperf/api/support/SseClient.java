package io.waddleperf.api.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads a server-sent event stream to its end, as the web UI does with fetch. */
public final class SseClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public record Event(long id, String name, JsonNode data) {}

    public record Stream(int status, String contentType, List<Event> events) {}

    private SseClient() {}

    /** Every event until the server completes the stream, or {@code timeout}. */
    public static Stream read(HttpRequest.Builder request, Duration timeout) {
        HttpClient http = HttpClient.newHttpClient();
        try {
            HttpResponse<java.util.stream.Stream<String>> response =
                    http.send(request.timeout(timeout).GET().build(), HttpResponse.BodyHandlers.ofLines());
            List<Event> events = new ArrayList<>();
            try (java.util.stream.Stream<String> lines = response.body()) {
                parse(lines.iterator(), events::add);
            }
            return new Stream(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    List.copyOf(events));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A stream that stays open (the live board's): events are read on a thread of their own and
     * taken one by one with {@link Live#next}; closing it cuts the connection.
     */
    public static Live open(HttpRequest.Builder request) {
        HttpClient http = HttpClient.newHttpClient();
        try {
            HttpResponse<java.io.InputStream> response =
                    http.send(request.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            Live live = new Live(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    http,
                    response.body());
            Thread.ofVirtual().start(live::pump);
            return live;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An open stream's status and events as they come. */
    public static final class Live implements AutoCloseable {
        private final int status;
        private final String contentType;
        private final HttpClient http;
        private final java.io.InputStream body;
        private final java.util.concurrent.BlockingQueue<Event> events =
                new java.util.concurrent.LinkedBlockingQueue<>();

        private Live(int status, String contentType, HttpClient http, java.io.InputStream body) {
            this.status = status;
            this.contentType = contentType;
            this.http = http;
            this.body = body;
        }

        public int status() {
            return status;
        }

        public String contentType() {
            return contentType;
        }

        /** The next event, or null when none came within {@code timeout}. */
        public Event next(Duration timeout) throws InterruptedException {
            return events.poll(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        }

        private void pump() {
            try (var reader = new java.io.BufferedReader(
                    new java.io.InputStreamReader(body, java.nio.charset.StandardCharsets.UTF_8))) {
                parse(reader.lines().iterator(), events::add);
            } catch (IOException | UncheckedIOException e) {
                // Closed by close(), or the server went away: no more events.
            }
        }

        @Override
        public void close() {
            try {
                body.close();
            } catch (IOException ignored) {
                // Closing only cuts the connection.
            }
            http.shutdownNow();
        }
    }

    /** The events in an event stream's lines, each handed on as soon as its blank line is read. */
    private static void parse(Iterator<String> lines, java.util.function.Consumer<Event> each) {
        long id = -1;
        String name = "message";
        StringBuilder data = new StringBuilder();
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.isEmpty()) {
                if (!data.isEmpty()) {
                    each.accept(new Event(id, name, JSON.readTree(data.toString())));
                }
                id = -1;
                name = "message";
                data.setLength(0);
            } else if (line.startsWith("id:")) {
                id = Long.parseLong(value(line));
            } else if (line.startsWith("event:")) {
                name = value(line);
            } else if (line.startsWith("data:")) {
                data.append(value(line));
            }
        }
    }

    private static String value(String line) {
        String value = line.substring(line.indexOf(':') + 1);
        return value.startsWith(" ") ? value.substring(1) : value;
    }
}
