package io.waddleperf.api.shared.web;

import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * HTTP edge settings.
 *
 * @param trustedProxies IPs or CIDRs of reverse proxies whose {@code X-Forwarded-For} is believed;
 *     from anyone else the header is ignored, so clients cannot fake their address
 * @param maxBodySize largest request body the API reads; larger ones get 413
 */
@Validated
@ConfigurationProperties("waddleperf.web")
public record WebProperties(
        @DefaultValue({}) @NotNull List<String> trustedProxies,
        @DefaultValue("1MB") @NotNull DataSize maxBodySize) {}
