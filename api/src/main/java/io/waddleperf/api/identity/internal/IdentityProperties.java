package io.waddleperf.api.identity.internal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Sign-in, token and abuse-limit settings.
 *
 * @param issuer the {@code iss} of access tokens this API signs
 * @param accessTokenTtl lifetime of access JWTs; short, because they cannot be revoked
 * @param refreshTokenTtl lifetime of a refresh token family's tokens
 * @param bootstrapAdminEmail e-mail of the first operator/admin created on an empty database
 * @param bootstrapAdminPassword its password; generated and logged once when unset
 * @param lockout per-account back-off after repeated failed sign-ins
 * @param failedLoginsPerIpPerMinute failed sign-ins one IP may make per minute before 429
 * @param signingKeyFile PEM file with an RSA private key (PKCS#8) to sign tokens with; when unset
 *     the API generates one on first start and keeps it in the database
 */
@Validated
@ConfigurationProperties("waddleperf.identity")
public record IdentityProperties(
        @DefaultValue("waddleperf") @NotBlank String issuer,
        @DefaultValue("15m") @NotNull Duration accessTokenTtl,
        @DefaultValue("14d") @NotNull Duration refreshTokenTtl,
        @DefaultValue("admin@waddleperf.local") @NotBlank String bootstrapAdminEmail,
        @Nullable String bootstrapAdminPassword,
        @DefaultValue @Valid @NotNull Lockout lockout,
        @DefaultValue("10") @Min(1) int failedLoginsPerIpPerMinute,
        @Nullable Path signingKeyFile) {

    /**
     * @param threshold failures in a row before the account locks
     * @param initial first lock period; doubles with each further failure
     * @param max longest lock period
     */
    public record Lockout(
            @DefaultValue("5") @Min(1) int threshold,
            @DefaultValue("1m") @NotNull Duration initial,
            @DefaultValue("15m") @NotNull Duration max) {}
}
