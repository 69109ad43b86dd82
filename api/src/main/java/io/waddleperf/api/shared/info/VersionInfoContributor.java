package io.waddleperf.api.shared.info;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/** Reports the release version from {@code .version}, which the build packs into the jar. */
@Component
class VersionInfoContributor implements InfoContributor {

    static final String LOCATION = "META-INF/waddleperf/.version";

    private final String version;

    VersionInfoContributor() {
        this.version = read();
    }

    @Override
    public void contribute(Info.Builder builder) {
        builder.withDetail("waddleperf", Map.of("version", version));
    }

    private static String read() {
        ClassPathResource resource = new ClassPathResource(LOCATION);
        if (!resource.exists()) {
            return "unknown";
        }
        try (InputStream in = resource.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + LOCATION, e);
        }
    }
}
