package io.waddleperf.api.notifications.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.waddleperf.api.notifications.DeliveryAttempt;
import io.waddleperf.api.notifications.internal.ChannelAdmin;
import io.waddleperf.api.notifications.internal.ChannelInput;
import io.waddleperf.api.notifications.internal.ChannelView;
import io.waddleperf.api.notifications.internal.TestResult;
import io.waddleperf.api.shared.security.CurrentPrincipal;
import io.waddleperf.api.shared.security.RequiresFeature;
import io.waddleperf.api.shared.security.RequiresRole;
import io.waddleperf.api.shared.security.Role;
import io.waddleperf.license.WaddlePerfFeature;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Notification channels (SPEC section 7), part of AutoPerf's alerting: ADMIN configures and tests
 * them; MAINTAINER, who writes alert rules, sees them without their secrets.
 */
@RestController
@RequestMapping("/api/v1/orgs/{orgId}/notification-channels")
@Tag(name = "Notification channels")
@RequiresFeature(WaddlePerfFeature.AUTOPERF)
class NotificationChannelController {

    private final ChannelAdmin channels;

    NotificationChannelController(ChannelAdmin channels) {
        this.channels = channels;
    }

    /**
     * All fields are checked together by {@link ChannelAdmin}, which lists every bad one.
     *
     * @param type webhook, slack, teams, discord or email
     * @param severities the severities the channel hears: INFO, WARNING, CRITICAL
     * @param url the receiver's URL (not e-mail); on replace, leave it out to keep the stored one
     * @param recipients e-mail addresses (e-mail only), at most 20
     */
    @Schema(name = "NotificationChannelRequest")
    record ChannelRequest(
            @Nullable String name,
            @Nullable String type,
            @Nullable List<String> severities,
            @Nullable String url,
            @Nullable List<String> recipients) {

        ChannelInput toInput() {
            return new ChannelInput(name, type, severities, url, recipients);
        }
    }

    @Operation(
            summary = "Create a channel; a webhook channel's signing secret is shown in this answer only",
            description = "Webhook URLs pass an SSRF guard: http(s) only, and the host must resolve to public"
                    + " addresses unless an operator allows private targets. URLs and secrets are stored"
                    + " encrypted and never shown again. See docs/alerts.md.")
    @PostMapping
    @RequiresRole(Role.ADMIN)
    ResponseEntity<ChannelView> create(@PathVariable UUID orgId, @RequestBody ChannelRequest request) {
        ChannelView created = channels.create(CurrentPrincipal.get(), request.toInput());
        return ResponseEntity.created(URI.create("/api/v1/orgs/" + orgId + "/notification-channels/" + created.id()))
                .body(created);
    }

    @Operation(summary = "Channels of the organisation, with their health, without secrets")
    @GetMapping
    @RequiresRole(Role.MAINTAINER)
    List<ChannelView> list(@PathVariable UUID orgId) {
        return channels.list(CurrentPrincipal.get());
    }

    @Operation(summary = "One channel, without secrets")
    @GetMapping("/{channelId}")
    @RequiresRole(Role.MAINTAINER)
    ChannelView get(@PathVariable UUID orgId, @PathVariable UUID channelId) {
        return channels.get(CurrentPrincipal.get(), channelId);
    }

    @Operation(
            summary = "Replace a channel's name, severities, URL or recipients",
            description = "The type cannot change; without url the stored URL (and signing secret) stay.")
    @PutMapping("/{channelId}")
    @RequiresRole(Role.ADMIN)
    ChannelView replace(@PathVariable UUID orgId, @PathVariable UUID channelId, @RequestBody ChannelRequest request) {
        return channels.replace(CurrentPrincipal.get(), channelId, request.toInput());
    }

    @Operation(summary = "Delete a channel and what is still queued for it; its past attempts stay")
    @DeleteMapping("/{channelId}")
    @RequiresRole(Role.ADMIN)
    ResponseEntity<Void> delete(@PathVariable UUID orgId, @PathVariable UUID channelId) {
        channels.delete(CurrentPrincipal.get(), channelId);
        return ResponseEntity.noContent().build();
    }

    @Operation(
            summary = "Send a test notification now and answer what the receiver said",
            description = "200 whether or not the receiver took it: delivered, its status code, the latency"
                    + " and the error are in the body. The attempt is logged with the channel's attempts.")
    @PostMapping("/{channelId}/test")
    @RequiresRole(Role.ADMIN)
    TestResult test(@PathVariable UUID orgId, @PathVariable UUID channelId) {
        return channels.test(CurrentPrincipal.get(), channelId);
    }

    @Operation(
            summary = "The channel's delivery attempts, newest first",
            description = "limit 1-200 (default 50); before (an ISO instant, the last attemptedAt seen) pages on.")
    @GetMapping("/{channelId}/attempts")
    @RequiresRole(Role.MAINTAINER)
    List<DeliveryAttempt> attempts(
            @PathVariable UUID orgId,
            @PathVariable UUID channelId,
            @RequestParam(required = false) @Nullable Instant before,
            @RequestParam(required = false) @Nullable Integer limit) {
        return channels.attempts(CurrentPrincipal.get(), channelId, before, limit);
    }
}
