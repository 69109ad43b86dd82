package io.waddleperf.api.sessions.internal;

import io.waddleperf.api.sessions.IperfSession;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Streams a node's sessions as CSV (RFC 4180, CRLF, formula-safe text cells) or a JSON array,
 * row by row as the database hands them over, so an export holds no more than a row in memory.
 */
@Component
public class SessionExport {

    /** The CSV header; docs/node-protocol.md lists the same columns. */
    public static final List<String> COLUMNS = List.of(
            "id",
            "sessionId",
            "nodeId",
            "clientAddress",
            "clientPort",
            "countryCode",
            "region",
            "city",
            "startedAt",
            "endedAt",
            "direction",
            "protocol",
            "streams",
            "receivedBytes",
            "sentBytes",
            "uploadMbps",
            "downloadMbps",
            "retransmits",
            "jitterMillis",
            "lostPackets",
            "totalPackets",
            "durationSeconds",
            "outcome",
            "reason",
            "clientVersion",
            "runId");

    private static final int FLUSH_EVERY = 500;

    private final IperfSessions sessions;
    private final JsonMapper json;

    SessionExport(IperfSessions sessions, JsonMapper json) {
        this.sessions = sessions;
        this.json = json;
    }

    public long csv(UUID orgId, UUID nodeId, SessionFilter filter, OutputStream out) throws IOException {
        sessions.requireNode(nodeId);
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        writer.write(String.join(",", COLUMNS));
        writer.write("\r\n");
        long[] rows = {0};
        try {
            sessions.export(orgId, nodeId, filter, s -> {
                try {
                    row(writer, s);
                    if (++rows[0] % FLUSH_EVERY == 0) {
                        writer.flush();
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        writer.flush();
        return rows[0];
    }

    public long json(UUID orgId, UUID nodeId, SessionFilter filter, OutputStream out) {
        sessions.requireNode(nodeId);
        long[] rows = {0};
        try (JsonGenerator generator = json.createGenerator(out)) {
            generator.writeStartArray();
            sessions.export(orgId, nodeId, filter, s -> {
                json.writeValue(generator, s);
                if (++rows[0] % FLUSH_EVERY == 0) {
                    generator.flush();
                }
            });
            generator.writeEndArray();
        }
        return rows[0];
    }

    private static void row(Writer w, IperfSession s) throws IOException {
        cell(w, s.id(), false);
        text(w, s.sessionId());
        cell(w, s.nodeId(), true);
        text(w, s.clientAddress());
        cell(w, s.clientPort(), true);
        text(w, s.countryCode());
        text(w, s.region());
        text(w, s.city());
        cell(w, s.startedAt(), true);
        cell(w, s.endedAt(), true);
        text(w, s.direction());
        text(w, s.protocol());
        cell(w, s.streams(), true);
        cell(w, s.receivedBytes(), true);
        cell(w, s.sentBytes(), true);
        cell(w, s.uploadMbps(), true);
        cell(w, s.downloadMbps(), true);
        cell(w, s.retransmits(), true);
        cell(w, s.jitterMillis(), true);
        cell(w, s.lostPackets(), true);
        cell(w, s.totalPackets(), true);
        cell(w, s.durationSeconds(), true);
        text(w, s.outcome());
        text(w, s.reason());
        text(w, s.clientVersion());
        cell(w, s.runId(), true);
        w.write("\r\n");
    }

    /** A value the API itself formats (ids, numbers, instants): never a formula, never quoted. */
    private static void cell(Writer w, @Nullable Object value, boolean separator) throws IOException {
        if (separator) {
            w.write(',');
        }
        if (value != null) {
            w.write(value.toString());
        }
    }

    private static void text(Writer w, @Nullable String value) throws IOException {
        w.write(',');
        if (value != null) {
            w.write(csvText(value));
        }
    }

    /** RFC 4180 quoting plus formula-injection defence ({@code = + - @} first gets a {@code '}). */
    static String csvText(String value) {
        String safe = value;
        if (!safe.isEmpty() && "=+-@\t\r".indexOf(safe.charAt(0)) >= 0) {
            safe = "'" + safe;
        }
        boolean quote = safe.indexOf(',') >= 0
                || safe.indexOf('"') >= 0
                || safe.indexOf('\n') >= 0
                || safe.indexOf('\r') >= 0
                || safe.startsWith(" ")
                || safe.endsWith(" ");
        return quote ? '"' + safe.replace("\"", "\"\"") + '"' : safe;
    }
}
