package io.waddleperf.api.notifications.internal;

import io.waddleperf.api.audit.AuditEntry;
import io.waddleperf.api.audit.AuditLog;
import io.waddleperf.api.notifications.DeliveryAttempt;
import io.waddleperf.api.notifications.Notification;
import io.waddleperf.api.notifications.Severity;
import io.waddleperf.api.shared.errors.FieldError;
import io.waddleperf.api.shared.errors.InvalidInput;
import io.waddleperf.api.shared.errors.NotFound;
import io.waddleperf.api.shared.ids.Ids;
import io.waddleperf.api.shared.security.OrgPrincipal;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The current organisation's channels: checks and stores them with their secrets sealed, answers
 * them without secrets, sends test notifications. ADMIN writes and tests, MAINTAINER reads (the
 * controller's roles): maintainers route alert rules to channels, so they see which exist.
 */
@Service
public class ChannelAdmin {

    static final int MAX_RECIPIENTS = 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ChannelStore store;
    private final OutboxStore outbox;
    private final AttemptStore attempts;
    private final TargetGuard guard;
    private final SecretBox secrets;
    private final Deliverer deliverer;
    private final DeliveryLog deliveryLog;
    private final NotificationsProperties properties;
    private final JsonMapper json;
    private final AuditLog audit;
    private final Clock clock;

    ChannelAdmin(
            ChannelStore store,
            OutboxStore outbox,
            AttemptStore attempts,
            TargetGuard guard,
            SecretBox secrets,
            Deliverer deliverer,
            DeliveryLog deliveryLog,
            NotificationsProperties properties,
            JsonMapper json,
            AuditLog audit,
            Clock clock) {
        this.store = store;
        this.outbox = outbox;
        this.attempts = attempts;
        this.guard = guard;
        this.secrets = secrets;
        this.deliverer = deliverer;
        this.deliveryLog = deliveryLog;
        this.properties = properties;
        this.json = json;
        this.audit = audit;
        this.clock = clock;
    }

    public List<ChannelView> list(OrgPrincipal actor) {
        return store.list(actor.orgId()).stream()
                .map(c -> ChannelView.of(c, null))
                .toList();
    }

    public ChannelView get(OrgPrincipal actor, UUID id) {
        return ChannelView.of(find(actor, id), null);
    }

    /** Creates a channel; a webhook channel's signing secret is in this answer and never again. */
    public ChannelView create(OrgPrincipal actor, ChannelInput input) {
        UUID id = Ids.newId();
        Checked checked = check(actor.orgId(), id, input, null);
        String signingSecret = checked.type() == ChannelType.WEBHOOK ? signingSecret() : null;
        Instant now = now();
        Channel channel = new Channel(
                id,
                actor.orgId(),
                checked.name(),
                checked.type(),
                checked.severities(),
                checked.target(),
                checked.recipients(),
                seal(id, checked.url(), signingSecret),
                Channel.Health.NEW,
                now,
                now);
        store.insert(channel);
        audit.record(AuditEntry.success(
                actor.orgId(),
                actor.userId(),
                actor.name(),
                "notification-channel.created",
                channel.name() + " (" + channel.type().wireName() + ")"));
        return ChannelView.of(channel, signingSecret);
    }

    /** Replaces name, severities, URL (null keeps it) and recipients; the type and signing secret stay. */
    public ChannelView replace(OrgPrincipal actor, UUID id, ChannelInput input) {
        Channel existing = find(actor, id);
        Checked checked = check(actor.orgId(), id, input, existing);
        String sealed = existing.secret();
        String target = existing.target();
        if (checked.url() != null) {
            String signingSecret =
                    existing.type() == ChannelType.WEBHOOK ? secretOf(existing).signingSecret() : null;
            sealed = seal(id, checked.url(), signingSecret);
            target = checked.target();
        } else if (existing.type() == ChannelType.EMAIL) {
            target = checked.target();
        }
        Channel replaced = new Channel(
                id,
                actor.orgId(),
                checked.name(),
                existing.type(),
                checked.severities(),
                target,
                checked.recipients(),
                sealed,
                existing.health(),
                existing.createdAt(),
                now());
        if (!store.update(replaced)) {
            throw new NotFound("Notification channel");
        }
        audit.record(AuditEntry.success(
                actor.orgId(), actor.userId(), actor.name(), "notification-channel.updated", replaced.name()));
        return ChannelView.of(find(actor, id), null);
    }

    /** Deletes the channel and what is still queued for it; its attempts stay in alerts' timelines. */
    @Transactional
    public void delete(OrgPrincipal actor, UUID id) {
        Channel channel = find(actor, id);
        outbox.deleteForChannel(actor.orgId(), id);
        if (!store.delete(actor.orgId(), id)) {
            throw new NotFound("Notification channel");
        }
        audit.record(AuditEntry.success(
                actor.orgId(), actor.userId(), actor.name(), "notification-channel.deleted", channel.name()));
    }

    /**
     * Sends a test notification now, outside the outbox, and answers what the receiver said. A
     * receiver's failure is an answer, not an error.
     */
    public TestResult test(OrgPrincipal actor, UUID id) {
        Channel channel = find(actor, id);
        Instant now = now();
        Payload payload = new Payload(
                Ids.newId(),
                actor.orgId(),
                Notification.Kind.TEST,
                Severity.INFO,
                null,
                "Test notification from WaddlePerf",
                "If you can read this, the channel \"" + channel.name() + "\" works.",
                List.of(
                        new Notification.Field("Channel", channel.name()),
                        new Notification.Field("Sent by", actor.name())),
                null,
                now);
        DeliveryResult result = deliverer.deliver(channel, payload);
        deliveryLog.testAttempt(channel, payload, result, now());
        audit.record(AuditEntry.success(
                actor.orgId(),
                actor.userId(),
                actor.name(),
                "notification-channel.tested",
                channel.name() + (result.delivered() ? " (delivered)" : " (failed)")));
        return new TestResult(
                payload.id(), result.delivered(), result.statusCode(), result.latencyMs(), result.error());
    }

    /** The channel's attempts, newest first: {@code limit} (1-200) of them before {@code before}. */
    public List<DeliveryAttempt> attempts(
            OrgPrincipal actor, UUID id, @Nullable Instant before, @Nullable Integer limit) {
        find(actor, id);
        int size = limit == null ? 50 : limit;
        if (size < 1 || size > 200) {
            throw InvalidInput.of("limit", "must be between 1 and 200");
        }
        return attempts.forChannel(actor.orgId(), id, before, size);
    }

    private Channel find(OrgPrincipal actor, UUID id) {
        return store.find(actor.orgId(), id).orElseThrow(() -> new NotFound("Notification channel"));
    }

    private record Checked(
            String name,
            ChannelType type,
            Set<Severity> severities,
            @Nullable String url,
            String target,
            List<String> recipients) {}

    /** Every field at once; {@code existing} is null on create. */
    private Checked check(UUID orgId, UUID id, ChannelInput input, @Nullable Channel existing) {
        List<FieldError> errors = new ArrayList<>();
        String name = input.name() == null ? "" : input.name().strip();
        if (name.isEmpty()) {
            errors.add(new FieldError("name", "must not be blank"));
        } else if (name.length() > 200) {
            errors.add(new FieldError("name", "must be at most 200 characters"));
        } else if (store.nameTaken(orgId, name, id)) {
            errors.add(new FieldError("name", "another channel of the organisation has this name"));
        }

        ChannelType type = null;
        if (existing != null) {
            type = existing.type();
            if (input.type() != null && !input.type().equals(type.wireName())) {
                errors.add(new FieldError("type", "cannot change; create a new channel instead"));
            }
        } else if (input.type() == null) {
            errors.add(new FieldError("type", "must be one of webhook, slack, teams, discord, email"));
        } else {
            type = ChannelType.parse(input.type()).orElse(null);
            if (type == null) {
                errors.add(new FieldError("type", "must be one of webhook, slack, teams, discord, email"));
            } else if (type == ChannelType.EMAIL && !properties.smtp().configured()) {
                errors.add(new FieldError(
                        "type", "e-mail needs an SMTP server; an operator sets waddleperf.notifications.smtp.host"));
            }
        }

        Set<Severity> severities = EnumSet.noneOf(Severity.class);
        if (input.severities() == null || input.severities().isEmpty()) {
            errors.add(new FieldError("severities", "must list at least one of INFO, WARNING, CRITICAL"));
        } else {
            for (int i = 0; i < input.severities().size(); i++) {
                String s = input.severities().get(i);
                Optional<Severity> severity = severity(s);
                if (severity.isEmpty()) {
                    errors.add(new FieldError("severities[" + i + "]", "must be INFO, WARNING or CRITICAL"));
                } else {
                    severities.add(severity.get());
                }
            }
        }

        String url = input.url() == null ? null : input.url().strip();
        List<String> recipients = List.of();
        String target = "";
        if (type != null && type.http()) {
            if (url == null || url.isEmpty()) {
                if (existing == null) {
                    errors.add(new FieldError("url", "must be the receiver's URL"));
                }
                url = null;
            } else if (url.length() > 2048) {
                errors.add(new FieldError("url", "must be at most 2048 characters"));
            } else {
                Optional<String> problem = guard.problemWith(url);
                if (problem.isPresent()) {
                    errors.add(new FieldError("url", problem.get()));
                } else {
                    target = origin(URI.create(url));
                }
            }
            if (input.recipients() != null && !input.recipients().isEmpty()) {
                errors.add(new FieldError("recipients", "only e-mail channels have recipients"));
            }
        } else if (type == ChannelType.EMAIL) {
            if (url != null && !url.isEmpty()) {
                errors.add(new FieldError("url", "e-mail channels have recipients, not a URL"));
            }
            url = null;
            recipients = recipients(input.recipients(), errors);
            target = String.join(", ", recipients);
            if (target.length() > 2048) {
                errors.add(new FieldError("recipients", "are too long together (2048 characters)"));
            }
        }
        if (!errors.isEmpty()) {
            throw InvalidInput.of(errors);
        }
        return new Checked(name, type, severities, url, target, recipients);
    }

    private static List<String> recipients(@Nullable List<String> input, List<FieldError> errors) {
        if (input == null || input.isEmpty()) {
            errors.add(new FieldError("recipients", "must list at least one e-mail address"));
            return List.of();
        }
        if (input.size() > MAX_RECIPIENTS) {
            errors.add(new FieldError("recipients", "must list at most " + MAX_RECIPIENTS + " addresses"));
            return List.of();
        }
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < input.size(); i++) {
            String text = input.get(i) == null ? "" : input.get(i).strip();
            try {
                InternetAddress address = new InternetAddress(text, true);
                if (address.getPersonal() != null || !text.contains("@") || text.length() > 254) {
                    throw new AddressException("not a plain address");
                }
                if (!addresses.contains(address.getAddress())) {
                    addresses.add(address.getAddress());
                }
            } catch (AddressException e) {
                errors.add(
                        new FieldError("recipients[" + i + "]", "must be an e-mail address such as ops@example.com"));
            }
        }
        return addresses;
    }

    private static Optional<Severity> severity(@Nullable String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Severity.valueOf(text.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Scheme, host and port: enough to tell receivers apart, never a path that may hold a token. */
    static String origin(URI uri) {
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost()
                + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }

    private @Nullable String seal(UUID id, @Nullable String url, @Nullable String signingSecret) {
        if (url == null) {
            return null;
        }
        return secrets.encrypt(id, json.writeValueAsString(new ChannelSecret(url, signingSecret)));
    }

    private ChannelSecret secretOf(Channel channel) {
        return json.readValue(secrets.decrypt(channel.id(), channel.secret()), ChannelSecret.class);
    }

    /** {@code whsec_} and base64 of 32 random bytes, the Standard Webhooks secret format. */
    static String signingSecret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
