package io.waddleperf.api.archive.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/** The embedded store starts on a thread of its own; what stops it still reaches the start. */
class S3ConnectionTests {

    @TempDir
    Path dir;

    private static ArchiveProperties embeddedUnder(Path dataDir) {
        return new ArchiveProperties(
                "",
                "us-east-1",
                "waddleperf-archive",
                "",
                "",
                true,
                dataDir,
                DataSize.ofMegabytes(64),
                DataSize.ofMegabytes(1),
                Duration.ofMinutes(5),
                Duration.ofSeconds(1),
                Duration.ofSeconds(1),
                Duration.ofMinutes(1),
                100,
                Duration.ofHours(1));
    }

    @Test
    void aStoreThatCannotStartFailsTheWaitAndEveryUse() throws Exception {
        // A file where the store's directory must go: creating the bucket's directory fails.
        Path blocked = Files.writeString(dir.resolve("not-a-directory"), "x");
        S3Connection connection = S3Connection.open(embeddedUnder(blocked));

        assertThatThrownBy(connection::awaitStarted)
                .isInstanceOf(IllegalStateException.class)
                .rootCause()
                .isInstanceOf(java.nio.file.FileSystemException.class);
        assertThatThrownBy(connection::client).isInstanceOf(IllegalStateException.class);
        connection.close(); // nothing was opened, nothing to stop
    }

    @Test
    void theStartedStoreAnswersThroughTheClient() throws Exception {
        try (S3Connection connection = S3Connection.open(embeddedUnder(dir))) {
            connection.awaitStarted();

            assertThat(connection.endpoint().getHost()).isEqualTo("127.0.0.1");
            assertThat(connection.client().listBuckets().buckets())
                    .extracting(b -> b.name())
                    .containsExactly("waddleperf-archive");
        }
    }
}
