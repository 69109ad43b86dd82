package io.waddleperf.api.results.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Streams a filtered export to an output stream, one keyset chunk at a time, so memory holds one
 * chunk whatever the size of the export. CSV follows RFC 4180 (comma, CRLF, double quotes doubled,
 * a header row) with the columns of {@link #COLUMNS} in that order; text cells that a spreadsheet
 * would run as a formula get a leading apostrophe.
 */
@Component
public class ResultExport {

    /** The CSV columns, in order; documented in docs/results.md and stable across releases. */
    public static final List<String> COLUMNS = List.of(
            "id",
            "runId",
            "parentRunId",
            "testId",
            "testName",
            "nodeId",
            "nodeName",
            "type",
            "target",
            "tier",
            "status",
            "reason",
            "verdict",
            "breaches",
            "startedAt",
            "finishedAt",
            "latencyAvgMs",
            "latencyP50Ms",
            "latencyP95Ms",
            "latencyP99Ms",
            "jitterMs",
            "lossPercent",
            "throughputUpMbps",
            "throughputDownMbps",
            "retransmits",
            "httpTotalMs",
            "dnsMs",
            "certificateDaysLeft",
            "clientIp",
            "summary");

    private final ResultStore store;
    private final ResultsProperties properties;
    private final JsonMapper json;

    ResultExport(ResultStore store, ResultsProperties properties, JsonMapper json) {
        this.store = store;
        this.properties = properties;
        this.json = json;
    }

    public long csv(UUID orgId, ResultFilter filter, Function<UUID, String> testNames, OutputStream out)
            throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        writer.write(String.join(",", COLUMNS));
        writer.write("\r\n");
        long[] rows = {0};
        try {
            store.stream(orgId, filter, properties.exportChunkSize(), testNames, r -> {
                try {
                    writeRow(writer, r);
                    if (++rows[0] % properties.exportChunkSize() == 0) {
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

    public long json(UUID orgId, ResultFilter filter, Function<UUID, String> testNames, OutputStream out)
            throws IOException {
        long[] rows = {0};
        try (JsonGenerator generator = json.createGenerator(out)) {
            generator.writeStartArray();
            store.stream(orgId, filter, properties.exportChunkSize(), testNames, r -> {
                json.writeValue(generator, r);
                if (++rows[0] % properties.exportChunkSize() == 0) {
                    generator.flush();
                }
            });
            generator.writeEndArray();
        }
        return rows[0];
    }

    private static void writeRow(Writer w, ResultView r) throws IOException {
        cell(w, r.id(), false);
        cell(w, r.runId(), true);
        cell(w, r.parentRunId(), true);
        cell(w, r.testId(), true);
        text(w, r.testName());
        cell(w, r.nodeId(), true);
        text(w, r.nodeName());
        text(w, r.type());
        text(w, r.target());
        cell(w, r.tier(), true);
        text(w, r.status());
        text(w, r.reason());
        text(w, r.verdict());
        text(w, r.breaches());
        cell(w, r.startedAt(), true);
        cell(w, r.finishedAt(), true);
        cell(w, r.latencyAvgMs(), true);
        cell(w, r.latencyP50Ms(), true);
        cell(w, r.latencyP95Ms(), true);
        cell(w, r.latencyP99Ms(), true);
        cell(w, r.jitterMs(), true);
        cell(w, r.lossPercent(), true);
        cell(w, r.throughputUpMbps(), true);
        cell(w, r.throughputDownMbps(), true);
        cell(w, r.retransmits(), true);
        cell(w, r.httpTotalMs(), true);
        cell(w, r.dnsMs(), true);
        cell(w, r.certificateDaysLeft(), true);
        text(w, r.clientIp());
        text(w, r.summary());
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

    /**
     * RFC 4180 quoting plus formula-injection defence: a cell starting with {@code = + - @} (or a
     * tab or carriage return, which some spreadsheets skip before those) gets a leading {@code '}.
     * Numbers are written by {@link #cell} and keep their sign.
     */
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
