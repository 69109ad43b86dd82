package io.waddleperf.api.shared.database;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A second WaddlePerf on the same data directory: one line naming the other one's pid, no trace. */
public class DataDirectoryInUseFailureAnalyzer extends AbstractFailureAnalyzer<DataDirectoryInUse> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DataDirectoryInUse cause) {
        return new FailureAnalysis(
                cause.getMessage(),
                "Stop the other one, or give this one its own directory with WADDLEPERF_DATA_DIR.",
                cause);
    }
}
