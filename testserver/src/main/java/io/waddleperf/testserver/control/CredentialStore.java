package io.waddleperf.testserver.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

/**
 * Keeps the node credential across restarts in {@code <stateDir>/node-credential.json}, readable
 * by the node's user only (0600 in a 0700 directory). Written to a temporary file that already
 * has those permissions and then renamed, so the secret is never briefly world-readable and a
 * crash never leaves half a file.
 */
final class CredentialStore {

    static final String FILE_NAME = "node-credential.json";

    /** What enrolment returned, plus the API it belongs to (a new API URL means enrol again). */
    record Credential(String nodeId, String credential, String apiUrl) {}

    private final Path directory;
    private final ObjectMapper json;

    CredentialStore(Path directory, ObjectMapper json) {
        this.directory = directory;
        this.json = json;
    }

    Path file() {
        return directory.resolve(FILE_NAME);
    }

    Optional<Credential> load() {
        if (!Files.isRegularFile(file())) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(file().toFile(), Credential.class));
        } catch (JacksonException e) {
            // Unreadable state is as good as none: the node enrols again if it still has a token.
            return Optional.empty();
        }
    }

    void save(Credential credential) {
        try {
            createPrivateDirectory();
            Path temporary = Files.createTempFile(directory, FILE_NAME, ".tmp", privateFile());
            try {
                Files.write(temporary, json.writeValueAsBytes(credential));
                try {
                    Files.move(temporary, file(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, file(), StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the node credential in " + directory, e);
        }
    }

    void delete() {
        try {
            Files.deleteIfExists(file());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void createPrivateDirectory() throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        if (posix()) {
            try {
                Files.createDirectories(
                        directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (FileAlreadyExistsException e) {
                // Created concurrently: fine.
            }
        } else {
            Files.createDirectories(directory);
        }
    }

    private FileAttribute<?>[] privateFile() {
        return posix()
                ? new FileAttribute<?>[] {
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
                }
                : new FileAttribute<?>[0];
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
