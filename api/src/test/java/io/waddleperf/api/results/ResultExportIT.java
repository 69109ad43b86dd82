package io.waddleperf.api.results;

import static io.waddleperf.api.support.Fixtures.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.waddleperf.api.shared.ids.Ids;
import io.waddleperf.api.support.ApiIntegrationTest;
import io.waddleperf.api.support.Fixtures;
import io.waddleperf.api.support.Fixtures.Org;
import io.waddleperf.api.support.HttpTestClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * A million results exported through HTTP as CSV and as JSON. The API runs in this JVM, so its
 * heap is measured here: used heap after a full GC, sampled while the client reads. Holding the
 * export in memory would take well over a gigabyte; streaming stays within a few chunks.
 */
@ApiIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResultExportIT {

    static final int ROWS = 1_000_000;
    static final int ROWS_PER_INSERT = 2_000;
    static final int SAMPLE_EVERY = 100_000;
    /** Far below the ~1 KB per row that a materialised export would need (1 GB for 1 M rows). */
    static final long HEAP_GROWTH_BOUND = 96L * 1024 * 1024;

    @Value("${local.server.port}")
    int port;

    @Autowired
    DataSource dataSource;

    Org org;
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

    @BeforeAll
    void millionRows() throws Exception {
        org = new Fixtures(new HttpTestClient(port)).createOrg("Export " + UUID.randomUUID());
        Instant newest = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        long started = System.nanoTime();
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            for (int from = 0; from < ROWS; from += ROWS_PER_INSERT) {
                StringBuilder sql = new StringBuilder(ROWS_PER_INSERT * 420)
                        .append("INSERT INTO results (id, org_id, run_id, node_name, probe_type, target, tier, status,"
                                + " verdict, breaches, finished_at, latency_avg_ms, latency_p50_ms, latency_p95_ms,"
                                + " latency_p99_ms, jitter_ms, loss_percent, summary) VALUES ");
                for (int i = from; i < from + ROWS_PER_INSERT; i++) {
                    double p95 = 5 + (i % 200);
                    if (i > from) {
                        sql.append(',');
                    }
                    sql.append("('")
                            .append(Ids.newId())
                            .append("','")
                            .append(org.id())
                            .append("','")
                            .append(Ids.newId())
                            .append("','edge-")
                            .append(i % 7)
                            .append("','udp_echo','192.0.2.")
                            .append(i % 250)
                            .append(":2000',1,'succeeded','")
                            .append(p95 > 100 ? "breach" : "ok")
                            .append("','[]','")
                            // 10 ms apart: a million results span under three hours, inside tier 1's retention.
                            .append(LocalDateTime.ofInstant(newest.minusMillis(10L * i), ZoneOffset.UTC))
                            .append("',")
                            .append(p95 / 2)
                            .append(',')
                            .append(p95 / 2)
                            .append(',')
                            .append(p95)
                            .append(',')
                            .append(p95 + 1)
                            .append(",1.5,0,'{\"sent\":10,\"received\":10,\"lost\":0,\"lossPercent\":0.0,")
                            .append("\"rtt\":{\"samples\":10,\"min\":1.0,\"avg\":")
                            .append(p95 / 2)
                            .append(",\"p95\":")
                            .append(p95)
                            .append("},\"jitterMillis\":1.5,\"packetSize\":64}')");
                }
                statement.execute(sql.toString());
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("Inserted %,d result rows in %.1f s (%,.0f rows/s)%n", ROWS, seconds, ROWS / seconds);
    }

    @Test
    void streamsAMillionRowsAsCsv() throws Exception {
        Measured measured = export("csv", body -> {
            long lines = 0;
            BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8), 1 << 16);
            String header = reader.readLine();
            assertThat(header).startsWith("id,runId,parentRunId,testId,testName,nodeId,nodeName,type,target,");
            while (reader.readLine() != null) {
                if (++lines % SAMPLE_EVERY == 0) {
                    sampleHeap();
                }
            }
            return lines;
        });

        assertThat(measured.items()).isEqualTo(ROWS);
        assertThat(measured.growth()).isLessThan(HEAP_GROWTH_BOUND);
    }

    @Test
    void streamsAMillionRowsAsJson() throws Exception {
        Measured measured = export("json", body -> {
            long elements = 0;
            try (JsonParser parser = JsonMapper.builder().build().createParser(body)) {
                assertThat(parser.nextToken()).isEqualTo(JsonToken.START_ARRAY);
                JsonToken token;
                while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                    assertThat(token).isEqualTo(JsonToken.START_OBJECT);
                    parser.skipChildren();
                    if (++elements % SAMPLE_EVERY == 0) {
                        sampleHeap();
                    }
                }
            }
            return elements;
        });

        assertThat(measured.items()).isEqualTo(ROWS);
        assertThat(measured.growth()).isLessThan(HEAP_GROWTH_BOUND);
    }

    interface BodyReader {
        long read(InputStream body) throws IOException;
    }

    record Measured(long items, long growth) {}

    private long peakAfterGc;

    private Measured export(String format, BodyReader reader) throws Exception {
        long baseline = usedAfterGc();
        peakAfterGc = baseline;
        HttpClient client = HttpClient.newHttpClient();
        long started = System.nanoTime();
        HttpResponse<InputStream> response = client.send(
                new HttpTestClient(port)
                        .request(
                                "/api/v1/orgs/" + org.id() + "/results/export?format=" + format,
                                "Authorization",
                                bearer(org.adminToken()))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("attachment"));
        long items;
        try (InputStream body = response.body()) {
            items = reader.read(body);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long growth = peakAfterGc - baseline;
        System.out.printf(
                "Export %s: %,d rows in %.1f s (%,.0f rows/s); heap used after GC: baseline %,d MiB, peak %,d MiB,"
                        + " growth %,d MiB (max heap %,d MiB)%n",
                format,
                items,
                seconds,
                items / seconds,
                baseline >> 20,
                peakAfterGc >> 20,
                growth >> 20,
                memory.getHeapMemoryUsage().getMax() >> 20);
        return new Measured(items, growth);
    }

    /** Called by the reading thread while the server streams: whatever the export holds is live now. */
    private void sampleHeap() {
        peakAfterGc = Math.max(peakAfterGc, usedAfterGc());
    }

    private long usedAfterGc() {
        memory.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }
}
