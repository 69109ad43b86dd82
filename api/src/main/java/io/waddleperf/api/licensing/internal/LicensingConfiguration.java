package io.waddleperf.api.licensing.internal;

import io.waddleperf.api.licensing.Licensing;
import io.waddleperf.api.licensing.LicensingProperties;
import io.waddleperf.license.License;
import io.waddleperf.license.LicenseCheckFailed;
import io.waddleperf.license.LicenseClient;
import io.waddleperf.license.LicenseFile;
import io.waddleperf.license.LicenseKey;
import io.waddleperf.license.LicenseSigningKeys;
import io.waddleperf.license.MalformedLicenseKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Decides the licensing mode once, at start. In release mode an unusable license stops the
 * start with {@link LicenseStartupFailure}, whose one line names the reason: better a loud
 * failure at deploy time than a product that silently lacks features.
 */
@Configuration(proxyBeanMethods = false)
class LicensingConfiguration {

    private static final Logger log = LoggerFactory.getLogger(LicensingConfiguration.class);

    @Bean
    LicenseClientHolder licenseClientHolder(LicensingProperties properties, Clock clock) {
        if (!properties.releaseMode() || !properties.file().isBlank()) {
            return new LicenseClientHolder(null);
        }
        LicenseKey key;
        try {
            key = LicenseKey.parse(properties.key());
        } catch (MalformedLicenseKey e) {
            throw new LicenseStartupFailure("LICENSE_KEY is malformed: " + e.getMessage(), e);
        }
        return new LicenseClientHolder(LicenseClient.builder(key)
                .baseUrl(properties.serverUrl())
                .product(properties.product())
                .callTimeout(properties.callTimeout())
                .cacheTtl(properties.cacheTtl())
                .clock(clock)
                .build());
    }

    @Bean
    Licensing licensing(LicensingProperties properties, LicenseClientHolder holder, Clock clock) {
        if (!properties.releaseMode()) {
            log.info("RELEASE_MODE=false: development licensing, no license server calls, every feature enabled");
            return Licensing.development(properties.product(), clock);
        }
        if (!properties.file().isBlank()) {
            License license = offline(properties, clock);
            log.info(
                    "Offline license for {} ({} tier) valid until {}",
                    license.customer(),
                    license.tier().wireName(),
                    license.expiresAt());
            return Licensing.offline(license, clock);
        }
        LicenseClient client = holder.client();
        try {
            License license = client.validate();
            if (license.isExpiredAt(clock.instant())) {
                throw new LicenseStartupFailure("the license expired at " + license.expiresAt(), null);
            }
            log.info(
                    "License {} validated: {} tier for {} until {}",
                    LicenseKey.parse(properties.key()).masked(),
                    license.tier().wireName(),
                    license.customer(),
                    license.expiresAt());
        } catch (LicenseCheckFailed e) {
            throw new LicenseStartupFailure("the license server did not confirm the license: " + e.getMessage(), e);
        }
        return Licensing.online(client, LicenseKey.parse(properties.key()).masked(), clock);
    }

    private static License offline(LicensingProperties properties, Clock clock) {
        try {
            String publicKey = readable(properties.publicKey());
            String file = Files.readString(Path.of(properties.file()));
            return LicenseFile.verify(
                    file, LicenseSigningKeys.readPublicKey(publicKey), properties.product(), clock.instant());
        } catch (IOException e) {
            throw new LicenseStartupFailure("cannot read the offline license: " + e.getMessage(), e);
        } catch (LicenseCheckFailed | IllegalArgumentException e) {
            throw new LicenseStartupFailure("the offline license was rejected: " + e.getMessage(), e);
        }
    }

    /** The public key may be given inline (PEM or base64) or as a path to a file holding it. */
    private static String readable(String publicKey) throws IOException {
        if (publicKey.isBlank()) {
            throw new LicenseStartupFailure("LICENSE_PUBLIC_KEY is required with LICENSE_FILE", null);
        }
        Path path = Path.of(publicKey.strip());
        return !publicKey.contains("-----") && Files.isRegularFile(path) ? Files.readString(path) : publicKey;
    }
}
