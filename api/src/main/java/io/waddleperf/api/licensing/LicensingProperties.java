package io.waddleperf.api.licensing;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * License settings; application.yml maps the documented variables ({@code RELEASE_MODE},
 * {@code LICENSE_KEY}, {@code LICENSE_SERVER_URL}, {@code PRODUCT_NAME}, {@code LICENSE_FILE},
 * {@code LICENSE_PUBLIC_KEY}) onto them.
 *
 * @param releaseMode false: no license calls, every feature on; true: a license is required
 * @param key the online license key
 * @param file an offline license file (air-gapped installations), used instead of {@code key}
 * @param publicKey the Ed25519 public key (PEM or base64) that verifies {@code file}
 * @param keepaliveInterval how often usage is reported to the license server
 * @param callTimeout how long one call to the license server may take
 * @param cacheTtl how long a validation answer is reused before the server is asked again
 */
@Validated
@ConfigurationProperties("waddleperf.licensing")
public record LicensingProperties(
        @DefaultValue("false") boolean releaseMode,
        @DefaultValue("") String key,

        @DefaultValue("https://license.penguintech.io") @NotNull
        URI serverUrl,

        @DefaultValue("waddleperf") @NotBlank String product,
        @DefaultValue("") String file,
        @DefaultValue("") String publicKey,
        @DefaultValue("1h") @NotNull Duration keepaliveInterval,
        @DefaultValue("5s") @NotNull Duration callTimeout,
        @DefaultValue("5m") @NotNull Duration cacheTtl) {}
