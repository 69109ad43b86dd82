package io.waddleperf.api.notifications.internal;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hands one notification to one channel's receiver, outside any transaction: renders it in the
 * channel's format, checks the target again (the SSRF guard at send time), and sends it over HTTP
 * (no redirects followed, timeouts from the settings) or SMTP. Every receiver sees the
 * notification's id as its idempotency key: {@code webhook-id} for signed webhooks,
 * {@code Idempotency-Key} for the chat services, the {@code Message-ID} of an e-mail.
 */
@Component
class Deliverer {

    private static final int ERROR_BODY_LIMIT = 300;

    private final Messages messages;
    private final TargetGuard guard;
    private final SecretBox secrets;
    private final JsonMapper json;
    private final JavaMailSender mail;
    private final NotificationsProperties properties;
    private final Clock clock;
    private final HttpClient http;

    Deliverer(
            Messages messages,
            TargetGuard guard,
            SecretBox secrets,
            JsonMapper json,
            JavaMailSender notificationMailSender,
            NotificationsProperties properties,
            Clock clock) {
        this.messages = messages;
        this.guard = guard;
        this.secrets = secrets;
        this.json = json;
        this.mail = notificationMailSender;
        this.properties = properties;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    DeliveryResult deliver(Channel channel, Payload payload) {
        if (channel.type() == ChannelType.EMAIL) {
            return email(channel, payload);
        }
        if (channel.secret() == null) {
            return DeliveryResult.failed(null, 0, "the channel has no URL");
        }
        ChannelSecret secret;
        try {
            secret = json.readValue(secrets.decrypt(channel.id(), channel.secret()), ChannelSecret.class);
        } catch (IllegalStateException e) {
            return DeliveryResult.failed(null, 0, e.getMessage());
        }
        URI uri = URI.create(secret.url());
        try {
            guard.check(uri);
        } catch (TargetGuard.TargetRefused e) {
            return DeliveryResult.failed(null, 0, "refused by the SSRF guard: " + e.getMessage());
        }
        String body = switch (channel.type()) {
            case WEBHOOK -> messages.webhook(payload);
            case SLACK -> messages.slack(payload);
            case TEAMS -> messages.teams(payload);
            case DISCORD -> messages.discord(payload);
            case EMAIL -> throw new IllegalStateException("handled above");
        };
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(properties.requestTimeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "WaddlePerf-Notifications")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        String id = payload.id().toString();
        if (channel.type() == ChannelType.WEBHOOK && secret.signingSecret() != null) {
            long timestamp = clock.instant().getEpochSecond();
            request.header("webhook-id", id)
                    .header("webhook-timestamp", Long.toString(timestamp))
                    .header("webhook-signature", sign(secret.signingSecret(), id, timestamp, body));
        } else {
            request.header("Idempotency-Key", id);
        }
        return post(request.build());
    }

    private DeliveryResult post(HttpRequest request) {
        long start = System.nanoTime();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            long latency = millisSince(start);
            int status = response.statusCode();
            try (InputStream in = response.body()) {
                if (status >= 200 && status < 300) {
                    return new DeliveryResult(true, status, latency, null);
                }
                String answer = new String(in.readNBytes(ERROR_BODY_LIMIT), StandardCharsets.UTF_8).strip();
                return DeliveryResult.failed(
                        status, latency, "HTTP " + status + (answer.isEmpty() ? "" : ": " + answer));
            }
        } catch (HttpTimeoutException e) {
            return DeliveryResult.failed(null, millisSince(start), "timed out: " + e.getMessage());
        } catch (IOException e) {
            return DeliveryResult.failed(
                    null, millisSince(start), e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DeliveryResult.failed(null, millisSince(start), "interrupted");
        }
    }

    private DeliveryResult email(Channel channel, Payload payload) {
        NotificationsProperties.Smtp smtp = properties.smtp();
        if (!smtp.configured()) {
            return DeliveryResult.failed(null, 0, "no SMTP server is configured (waddleperf.notifications.smtp.host)");
        }
        long start = System.nanoTime();
        try {
            MimeMessage message = mail.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
            helper.setFrom(new InternetAddress(smtp.from()));
            helper.setTo(channel.recipients().stream().map(Deliverer::address).toArray(InternetAddress[]::new));
            helper.setSubject(messages.emailSubject(payload));
            helper.setText(messages.emailText(payload), messages.emailHtml(payload));
            message.setHeader("Idempotency-Key", payload.id().toString());
            message.saveChanges();
            // After saveChanges, which would replace it: receivers and mail clients drop repeats
            // of one Message-ID, so a resend after a crash shows once.
            message.setHeader("Message-ID", "<" + payload.id() + "@waddleperf>");
            mail.send(message);
            return new DeliveryResult(true, 250, millisSince(start), null);
        } catch (MailException | MessagingException e) {
            return DeliveryResult.failed(null, millisSince(start), "SMTP: " + rootMessage(e));
        }
    }

    private static InternetAddress address(String text) {
        try {
            return new InternetAddress(text, true);
        } catch (jakarta.mail.internet.AddressException e) {
            throw new IllegalStateException("stored recipient " + text + " is not an address", e);
        }
    }

    /**
     * {@code v1,} and base64 of HMAC-SHA256 over {@code id.timestamp.body}, keyed with the bytes
     * the secret's base64 part encodes (Standard Webhooks).
     */
    static String sign(String signingSecret, String id, long timestamp, String body) {
        byte[] key = Base64.getDecoder().decode(signingSecret.substring(signingSecret.indexOf('_') + 1));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] signature = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(signature);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every JVM provides HmacSHA256", e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
