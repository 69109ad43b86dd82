package io.waddleperf.api.shared.database;

import java.nio.file.Path;
import java.util.OptionalLong;

/** Another process (another WaddlePerf, usually a second {@code ./run}) holds the data directory. */
public final class DataDirectoryInUse extends RuntimeException {

    DataDirectoryInUse(Path directory, OptionalLong pid) {
        super("Another WaddlePerf ("
                + (pid.isPresent() ? "pid " + pid.getAsLong() : "pid unknown")
                + ") uses " + directory.toAbsolutePath().normalize());
    }
}
