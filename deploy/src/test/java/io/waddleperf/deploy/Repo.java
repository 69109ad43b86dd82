package io.waddleperf.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** Paths of the files under test, at the top of the repository. */
final class Repo {

    private Repo() {}

    static Path root() {
        // Surefire passes the repository (deploy/pom.xml); an IDE runs in deploy/ or the root.
        String configured = System.getProperty("waddleperf.repo");
        Path root = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
        if (!Files.isDirectory(root.resolve("k8s")) && Files.isDirectory(root.resolve("../k8s"))) {
            root = root.resolve("..");
        }
        return root.toAbsolutePath().normalize();
    }

    static Path path(String relative) {
        return root().resolve(relative);
    }
}
