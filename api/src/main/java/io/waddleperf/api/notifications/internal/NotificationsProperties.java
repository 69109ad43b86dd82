package io.waddleperf.api.notifications.internal;

import io.waddleperf.api.shared.web.Cidr;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Notification settings ({@code waddleperf.notifications}).
 *
 * @param secretKey base64 of 32 random bytes: the AES-256-GCM key that encrypts channel secrets.
 *     Required in release mode; in development mode a fixed development key is used (and logged)
 *     when blank, so the secrets of a development database are not secret
 * @param allowPrivateTargets lets webhook URLs reach loopback, private, link-local (cloud
 *     metadata), CGNAT and other non-public addresses; off by default (SSRF guard)
 * @param allowedTargets CIDR blocks allowed although not public, e.g. an internal chat server
 * @param publicUrl the web UI's address, such as {@code https://waddleperf.example.com}; links in
 *     notifications are made absolute with it, and left out when it is blank
 * @param sendInterval how often the sender cluster job looks for due notifications
 * @param wakeOnCommit also send at once on the replica that queued a notification, right after
 *     its transaction commits, rather than at the job's next pass; the job stays the safety net
 * @param retryMinDelay the first back-off after a failed attempt; doubles per attempt, with jitter
 * @param retryMaxDelay the longest back-off
 * @param giveUpAfter how long after it was queued a notification is still tried
 * @param lease how long a replica holds a notification it is sending; a replica that dies
 *     mid-send leaves it to be sent again after this. Longer than connect plus request timeout
 * @param connectTimeout to connect to a receiver
 * @param requestTimeout for a receiver's answer
 * @param batchSize notifications one sender pass takes at most
 * @param concurrency notifications one sender pass sends at once
 * @param unhealthyAfterFailures consecutive failed attempts that mark a channel unhealthy
 * @param unhealthyAfter how long a channel may fail without a delivery before it is unhealthy
 * @param retentionInterval how often the retention cluster job deletes old attempts and outbox rows
 */
@Validated
@ConfigurationProperties("waddleperf.notifications")
public record NotificationsProperties(
        @DefaultValue("") String secretKey,
        @DefaultValue("false") boolean allowPrivateTargets,
        @DefaultValue("") @NotNull List<String> allowedTargets,
        @DefaultValue("") String publicUrl,
        @DefaultValue("1s") @NotNull Duration sendInterval,
        @DefaultValue("true") boolean wakeOnCommit,
        @DefaultValue("10s") @NotNull Duration retryMinDelay,
        @DefaultValue("1h") @NotNull Duration retryMaxDelay,
        @DefaultValue("24h") @NotNull Duration giveUpAfter,
        @DefaultValue("2m") @NotNull Duration lease,
        @DefaultValue("5s") @NotNull Duration connectTimeout,
        @DefaultValue("10s") @NotNull Duration requestTimeout,
        @DefaultValue("100") @Min(1) @Max(1000) int batchSize,
        @DefaultValue("8") @Min(1) @Max(64) int concurrency,
        @DefaultValue("5") @Min(1) int unhealthyAfterFailures,
        @DefaultValue("15m") @NotNull Duration unhealthyAfter,
        @DefaultValue("1h") @NotNull Duration retentionInterval,
        @DefaultValue @Valid Smtp smtp) {

    /**
     * The SMTP server e-mail channels send through; {@code host} blank means e-mail channels
     * cannot be created.
     *
     * @param from the sender address of every notification e-mail
     * @param starttls require STARTTLS (port 587); false for a plain or implicit-TLS relay
     * @param ssl implicit TLS (port 465)
     */
    public record Smtp(
            @DefaultValue("") String host,
            @DefaultValue("587") @Min(1) @Max(65535) int port,
            @DefaultValue("") String username,
            @DefaultValue("") String password,
            @DefaultValue("waddleperf@localhost") @NotBlank String from,
            @DefaultValue("true") boolean starttls,
            @DefaultValue("false") boolean ssl,
            @DefaultValue("10s") @NotNull Duration timeout) {

        public boolean configured() {
            return !host.isBlank();
        }
    }

    /** The allowed blocks, parsed; blank entries (an empty setting) are ignored. */
    public List<Cidr> allowedBlocks() {
        return allowedTargets.stream()
                .filter(s -> !s.isBlank())
                .map(Cidr::parse)
                .toList();
    }

    @AssertTrue(message = "allowedTargets must be CIDR blocks such as 10.1.0.0/16 or 127.0.0.1/32")
    boolean isAllowedTargetsValid() {
        try {
            allowedBlocks();
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @AssertTrue(message = "retryMinDelay must be positive and not above retryMaxDelay")
    boolean isRetryDelaysOrdered() {
        return retryMinDelay.isPositive() && retryMinDelay.compareTo(retryMaxDelay) <= 0;
    }

    @AssertTrue(message = "lease must be longer than connectTimeout plus requestTimeout")
    boolean isLeaseLongEnough() {
        return lease.compareTo(connectTimeout.plus(requestTimeout)) > 0;
    }

    @AssertTrue(message = "publicUrl must be blank or an http(s) URL")
    boolean isPublicUrlValid() {
        return publicUrl.isBlank() || publicUrl.startsWith("https://") || publicUrl.startsWith("http://");
    }

    @AssertTrue(message = "giveUpAfter, sendInterval, timeouts and unhealthyAfter must be positive")
    boolean isDurationsPositive() {
        return giveUpAfter.isPositive()
                && sendInterval.isPositive()
                && connectTimeout.isPositive()
                && requestTimeout.isPositive()
                && unhealthyAfter.isPositive()
                && retentionInterval.isPositive();
    }
}
