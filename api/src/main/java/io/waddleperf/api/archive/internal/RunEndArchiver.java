package io.waddleperf.api.archive.internal;

import io.waddleperf.api.licensing.Licensing;
import io.waddleperf.api.results.ResultsDeleted;
import io.waddleperf.api.runs.RunFinished;
import io.waddleperf.license.WaddlePerfFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records a run's artefacts in the transaction that ends it (the outbox), and marks them for
 * deletion in the transaction that deletes the run's results (retention). Both listeners are
 * synchronous, so the archive never disagrees with the run or its results about what exists.
 */
@Component
class RunEndArchiver {

    static final String NDJSON_GZIP = "application/x-ndjson";

    private final ArtefactOutbox outbox;
    private final ArtefactStore store;
    private final Licensing licensing;
    private final JsonMapper json;

    RunEndArchiver(ArtefactOutbox outbox, ArtefactStore store, Licensing licensing, JsonMapper json) {
        this.outbox = outbox;
        this.store = store;
        this.licensing = licensing;
        this.json = json;
    }

    @EventListener
    void on(RunFinished event) {
        // Without the feature nothing is archived; the run itself is unaffected.
        if (!licensing.entitled(WaddlePerfFeature.CAPTURE_ARCHIVE)) {
            return;
        }
        outbox.accept(
                event.orgId(),
                event.runId(),
                event.createdAt(),
                event.finishedAt(),
                ArtefactKeys.SAMPLES,
                NDJSON_GZIP,
                samples(event));
    }

    @EventListener
    void on(ResultsDeleted event) {
        store.markDeleting(event.orgId(), event.runIds());
    }

    /** One JSON object per line, {@code {"second":n,"values":{...}}}, gzip-compressed. */
    private byte[] samples(RunFinished event) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gzip = new GZIPOutputStream(bytes)) {
            if (event.samples() != null) {
                for (RunFinished.Sample sample : event.samples()) {
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("second", sample.second());
                    line.put("values", sample.values());
                    gzip.write(json.writeValueAsBytes(line));
                    gzip.write('\n');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
