package io.waddleperf.api.archive.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * Artefacts waiting for S3, one file per artefact id under {@code dataDir/spool}. A file is
 * written to a temporary name, forced to disk and renamed, so a crash leaves either nothing or
 * the whole content under the final name; the directory is forced too, so the rename survives.
 * The byte count is kept in memory (from a scan at start) for the limit, the gauge and health.
 */
@Component
class ArtefactSpool {

    private final Path dir;
    private final long limit;
    private final AtomicLong used = new AtomicLong();
    // Set when an artefact did not fit, cleared when the uploader frees space: "full" means the
    // spool is refusing artefacts, not only that it holds exactly its limit.
    private volatile boolean refusing;
    private final String id;

    ArtefactSpool(ArchiveProperties properties) throws IOException {
        this.dir = properties.spoolDir();
        this.limit = properties.spoolLimit().toBytes();
        Files.createDirectories(dir);
        this.id = spoolId(properties.dataDir().resolve("spool-id"));
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                if (file.getFileName().toString().endsWith(".tmp")) {
                    // A write that crashed before its rename; no row can point at it.
                    Files.deleteIfExists(file);
                } else {
                    used.addAndGet(Files.size(file));
                }
            }
        }
    }

    /**
     * Identifies this spool directory in the outbox rows, so a replica only tries to ship files it
     * has. Kept next to the spool: a replica restarted on the same volume, or replicas sharing one,
     * keep the same id.
     */
    private static String spoolId(Path file) throws IOException {
        if (Files.exists(file)) {
            return Files.readString(file).strip();
        }
        String fresh = UUID.randomUUID().toString();
        Path temporary = file.resolveSibling("spool-id.tmp");
        Files.writeString(temporary, fresh);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        return fresh;
    }

    String id() {
        return id;
    }

    /** Whether {@code size} more bytes fit under the limit right now. */
    boolean hasRoomFor(long size) {
        boolean room = used.get() + size <= limit;
        if (!room) {
            refusing = true;
        }
        return room;
    }

    boolean full() {
        return refusing || used.get() >= limit;
    }

    long usedBytes() {
        return used.get();
    }

    long limitBytes() {
        return limit;
    }

    Path path(UUID artefactId) {
        return dir.resolve(artefactId + ".bin");
    }

    void write(UUID artefactId, byte[] content) {
        Path target = path(artefactId);
        Path temporary = dir.resolve(artefactId + ".tmp");
        try {
            try (FileChannel channel =
                    FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                OutputStream out = java.nio.channels.Channels.newOutputStream(channel);
                out.write(content);
                out.flush();
                channel.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
                directory.force(true);
            }
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // The start-up scan removes it.
            }
            throw new UncheckedIOException("Could not spool artefact " + artefactId, e);
        }
        used.addAndGet(content.length);
    }

    /**
     * Artefact ids of spool files last written before {@code cutoff}, at most {@code limit}: the
     * candidates for the orphan sweep. A file whose name is not an artefact id is left alone.
     */
    List<UUID> writtenBefore(Instant cutoff, int limit) {
        List<UUID> ids = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.bin")) {
            for (Path file : files) {
                if (ids.size() >= limit) {
                    break;
                }
                String name = file.getFileName().toString();
                UUID id;
                try {
                    id = UUID.fromString(name.substring(0, name.length() - ".bin".length()));
                } catch (IllegalArgumentException e) {
                    continue;
                }
                try {
                    if (Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)) {
                        ids.add(id);
                    }
                } catch (NoSuchFileException e) {
                    // Shipped and deleted while we listed.
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list the archive spool " + dir, e);
        }
        return ids;
    }

    boolean exists(UUID artefactId) {
        return Files.exists(path(artefactId));
    }

    /** Deletes the spool copy if present; answers whether there was one. */
    boolean delete(UUID artefactId) {
        Path file = path(artefactId);
        try {
            long size = Files.size(file);
            Files.delete(file);
            used.addAndGet(-size);
            refusing = false;
            return true;
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete spooled artefact " + artefactId, e);
        }
    }
}
