package io.waddleperf.testserver.probes;

import io.waddleperf.protocol.ProbeProgress;
import io.waddleperf.protocol.ProbeResult;
import io.waddleperf.protocol.ProbeType;
import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One validated probe, ready to run once. {@link #run()} blocks the calling thread (run it on a
 * virtual thread) and reacts to interruption by stopping early; {@link #progress()} may be called
 * from any thread while it runs.
 */
public interface Probe {

    ProbeType type();

    /**
     * A small snapshot of how far the probe got, for per-second progress samples; null while
     * there is nothing to report yet (no sample is written then).
     */
    @Nullable
    ProbeProgress progress();

    /** Runs the probe and returns its result. */
    ProbeResult run() throws InterruptedException;

    /**
     * Files a successful {@link #run()} produced for the API's archive, by artefact name (a packet
     * capture); empty for most probes. The caller hands them over, then calls {@link
     * #discardArtefacts()}: a node keeps nothing.
     */
    default Map<String, Path> artefacts() {
        return Map.of();
    }

    /** Deletes the files of {@link #artefacts()}. */
    default void discardArtefacts() {}
}
