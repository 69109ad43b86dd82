package io.waddleperf.api.notifications;

import static io.waddleperf.api.support.Fixtures.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.waddleperf.api.shared.ids.Ids;
import io.waddleperf.api.support.ApiIntegrationTest;
import io.waddleperf.api.support.Fixtures;
import io.waddleperf.api.support.Fixtures.Org;
import io.waddleperf.api.support.HttpTestClient;
import io.waddleperf.api.support.HttpTestClient.Response;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Channels end to end: created through the API, fed through {@link Notifications#enqueue} in a
 * transaction as the alerts module does, delivered by the sender job to a real receiver on
 * loopback (and a real SMTP server), which checks what those services document.
 */
@ApiIntegrationTest
class NotificationChannelsIT {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(
            new ServerSetup(ApiIntegrationTest.SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Value("${local.server.port}")
    int port;

    @Autowired
    Notifications notifications;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcTemplate jdbc;

    HttpTestClient http;
    Org org;
    String admin;
    LoopbackReceiver receiver;

    @BeforeEach
    void setUp() {
        http = new HttpTestClient(port);
        org = new Fixtures(http).createOrg("Notify " + UUID.randomUUID());
        admin = bearer(org.adminToken());
        receiver = LoopbackReceiver.start();
    }

    @AfterEach
    void tearDown() {
        receiver.close();
    }

    @Test
    void signsWebhooksTheStandardWebhooksWayAndShowsTheSecretOnlyAtCreation() {
        Response created = create("{\"name\":\"Ops webhook\",\"type\":\"webhook\",\"severities\":[\"CRITICAL\"],"
                + "\"url\":\"" + receiver.url("/hooks/secret-path-token") + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String secret = created.json().path("signingSecret").asString();
        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring("whsec_".length())))
                .hasSizeGreaterThanOrEqualTo(24);
        assertThat(created.json().path("target").asString()).isEqualTo(receiver.url(""));
        String channelId = created.json().path("id").asString();

        Response read = http.get(channelPath(channelId), "Authorization", admin);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body()).doesNotContain(secret).doesNotContain("secret-path-token");
        assertThat(read.json().path("signingSecret").isNull()).isTrue();
        assertThat(http.get(channelsPath(), "Authorization", admin).body())
                .doesNotContain(secret)
                .doesNotContain("secret-path-token");
        assertThat(jdbc.queryForObject(
                        "SELECT secret FROM notification_channels WHERE id = ?", String.class, channelId))
                .as("stored sealed")
                .startsWith("v1:")
                .doesNotContain("secret-path-token");

        Response tested = http.post(channelPath(channelId) + "/test", "", "Authorization", admin);
        assertThat(tested.status()).as(tested.body()).isEqualTo(200);
        assertThat(tested.json().path("delivered").asBoolean()).isTrue();
        assertThat(tested.json().path("statusCode").asInt()).isEqualTo(200);
        assertThat(tested.json().path("latencyMs").asLong()).isNotNegative();
        LoopbackReceiver.Received test = receiver.received().getFirst();
        assertThat(test.path()).isEqualTo("/hooks/secret-path-token");
        StandardWebhooks.verify(secret, test);
        assertThat(test.header("webhook-id"))
                .isEqualTo(tested.json().path("notificationId").asString());
        assertThat(json(test.body()).path("type").asString()).isEqualTo("notification.test");

        Notification raised = notification(Severity.CRITICAL, Ids.newId(), "Latency above 100 ms", 3, Set.of());
        assertThat(enqueue(raised)).isEqualTo(1);

        LoopbackReceiver.Received delivered = await().atMost(PATIENCE)
                .until(() -> receiver.received(), r -> r.size() == 2)
                .get(1);
        StandardWebhooks.verify(secret, delivered);
        assertThat(delivered.header("webhook-id")).isEqualTo(raised.id().toString());
        JsonNode body = json(delivered.body());
        assertThat(body.path("type").asString()).isEqualTo("alert.raised");
        assertThat(body.path("data").path("id").asString())
                .isEqualTo(raised.id().toString());
        assertThat(body.path("data").path("title").asString()).isEqualTo("Latency above 100 ms");
        assertThat(body.path("data").path("severity").asString()).isEqualTo("CRITICAL");
        assertThat(body.path("data").path("fields").size()).isEqualTo(3);

        JsonNode attempts = await().atMost(PATIENCE)
                .until(
                        () -> http.get(channelPath(channelId) + "/attempts", "Authorization", admin)
                                .json(),
                        a -> a.size() == 2);
        assertThat(attempts.get(0).path("notificationId").asString())
                .isEqualTo(raised.id().toString());
        assertThat(attempts.get(0).path("delivered").asBoolean()).isTrue();
        assertThat(attempts.get(0).path("statusCode").asInt()).isEqualTo(200);
        assertThat(attempts.get(1).path("kind").asString()).isEqualTo("TEST");
        assertThat(http.get(channelPath(channelId) + "/attempts?limit=1", "Authorization", admin)
                        .json()
                        .size())
                .isEqualTo(1);
    }

    @Test
    void formatsSlackTeamsAndDiscordAsThoseServicesDocument() {
        for (String type : List.of("slack", "teams", "discord")) {
            Response created = create("{\"name\":\"" + type + "\",\"type\":\"" + type + "\","
                    + "\"severities\":[\"WARNING\",\"CRITICAL\"],\"url\":\"" + receiver.url("/" + type) + "\"}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            assertThat(created.json().path("signingSecret").isNull()).isTrue();
        }
        // Beyond every service's limits: a 300-character title, 30 fields, a 1,500-character value.
        String title = "Packet loss on edge-" + "x".repeat(280);
        Notification warning = notification(Severity.WARNING, Ids.newId(), title, 30, Set.of());
        Notification info = notification(Severity.INFO, Ids.newId(), "Not routed", 1, Set.of());
        assertThat(enqueue(warning)).as("routed by severity to all three").isEqualTo(3);
        assertThat(enqueue(info)).as("no channel hears INFO").isZero();

        await().atMost(PATIENCE).until(() -> receiver.received().size() == 3);
        assertThat(receiver.received())
                .allSatisfy(r -> assertThat(r.header("idempotency-key"))
                        .isEqualTo(warning.id().toString()));

        ChatFormats.assertSlack(json(receiver.received("/slack").getFirst().body()));
        ChatFormats.assertTeams(json(receiver.received("/teams").getFirst().body()));
        JsonNode discord = json(receiver.received("/discord").getFirst().body());
        ChatFormats.assertDiscord(discord);
        JsonNode embed = discord.path("embeds").get(0);
        assertThat(embed.path("title").asString()).hasSize(256).endsWith("…");
        assertThat(embed.path("color").asInt()).isEqualTo(0xECB22E);
        assertThat(embed.path("fields").size()).isEqualTo(25);
        assertThat(embed.path("fields").get(0).path("value").asString()).hasSize(1024);
    }

    @Test
    void sendsEmailWithTextAndHtmlPartsToEveryRecipient() throws Exception {
        String first = Fixtures.uniqueEmail("oncall");
        String second = Fixtures.uniqueEmail("lead");
        Response created = create("{\"name\":\"On call\",\"type\":\"email\",\"severities\":[\"CRITICAL\"],"
                + "\"recipients\":[\"" + first + "\",\"" + second + "\"]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("recipients").size()).isEqualTo(2);
        String channelId = created.json().path("id").asString();

        Notification raised = notification(Severity.CRITICAL, Ids.newId(), "DNS <timeouts> & failures", 2, Set.of());
        assertThat(enqueue(raised)).isEqualTo(1);

        List<MimeMessage> mails = await().atMost(PATIENCE).until(() -> mailsTo(first), m -> m.size() == 1);
        MimeMessage mail = mails.getFirst();
        assertThat(mail.getSubject()).isEqualTo("[CRITICAL] DNS <timeouts> & failures");
        assertThat(addresses(mail.getRecipients(Message.RecipientType.TO))).containsExactlyInAnyOrder(first, second);
        assertThat(addresses(mail.getFrom())).containsExactly("waddleperf@example.test");
        assertThat(mail.getMessageID()).isEqualTo("<" + raised.id() + "@waddleperf>");
        Map<String, String> parts = new LinkedHashMap<>();
        collect(mail, parts);
        assertThat(parts.get("text/plain"))
                .contains("[CRITICAL] DNS <timeouts> & failures")
                .contains("field 1: value 1");
        assertThat(parts.get("text/html"))
                .contains("DNS &lt;timeouts&gt; &amp; failures")
                .contains("field 1");
        assertThat(mailsTo(second)).hasSize(1);

        Response tested = http.post(channelPath(channelId) + "/test", "", "Authorization", admin);
        assertThat(tested.status()).isEqualTo(200);
        assertThat(tested.json().path("delivered").asBoolean())
                .as(tested.body())
                .isTrue();
        assertThat(tested.json().path("statusCode").asInt()).isEqualTo(250);
        assertThat(mailsTo(first)).hasSize(2);
    }

    @Test
    void aReceiverDownThenBackGetsEveryNotificationOnceInOrderPerSubject() {
        receiver.answer(503);
        String channelId = createWebhook("Flaky receiver");
        UUID first = Ids.newId();
        UUID second = Ids.newId();
        List<UUID> sent = new ArrayList<>();
        Instant t = Instant.parse("2026-12-01T10:00:00Z");
        for (int i = 0; i < 3; i++) {
            for (UUID subject : List.of(first, second)) {
                Notification n = new Notification(
                        Ids.newId(),
                        org.id(),
                        i == 2 ? Notification.Kind.RESOLVED : Notification.Kind.RAISED,
                        Severity.CRITICAL,
                        subject,
                        "step " + i,
                        "",
                        List.of(),
                        null,
                        t.plusSeconds(i),
                        Set.of());
                assertThat(enqueue(n)).isEqualTo(1);
                sent.add(n.id());
            }
        }

        JsonNode unhealthy = await().atMost(PATIENCE)
                .until(
                        () -> http.get(channelPath(channelId), "Authorization", admin)
                                .json(),
                        c -> !c.path("healthy").asBoolean());
        assertThat(unhealthy.path("consecutiveFailures").asInt()).isGreaterThanOrEqualTo(5);
        assertThat(unhealthy.path("lastError").asString()).contains("503");
        assertThat(receiver.received()).isEmpty();

        receiver.answer(200);
        await().atMost(PATIENCE).until(() -> receiver.received().size() >= 6);
        await().atMost(PATIENCE)
                .until(() -> http.get(channelPath(channelId), "Authorization", admin)
                        .json()
                        .path("healthy")
                        .asBoolean());

        List<String> ids =
                receiver.received().stream().map(r -> r.header("webhook-id")).toList();
        assertThat(ids).as("each once").doesNotHaveDuplicates().hasSize(6);
        assertThat(ids)
                .containsExactlyInAnyOrderElementsOf(
                        sent.stream().map(UUID::toString).toList());
        for (UUID subject : List.of(first, second)) {
            List<String> steps = receiver.received().stream()
                    .map(r -> json(r.body()).path("data"))
                    .filter(d -> d.path("subject").asString().equals(subject.toString()))
                    .map(d -> d.path("title").asString())
                    .toList();
            assertThat(steps).as("order for subject %s", subject).containsExactly("step 0", "step 1", "step 2");
            List<DeliveryAttempt> timeline = notifications.attemptsFor(org.id(), subject);
            assertThat(timeline).filteredOn(DeliveryAttempt::delivered).hasSize(3);
            assertThat(timeline)
                    .filteredOn(a -> !a.delivered())
                    .isNotEmpty()
                    .allSatisfy(a -> assertThat(a.statusCode()).isEqualTo(503));
        }
    }

    @Test
    void givesUpAfterTheDeadlineAndThenSendsTheNextOfTheSubject() {
        receiver.answer(503);
        String channelId = createWebhook("Gone for a day");
        UUID subject = Ids.newId();
        Notification old = notification(Severity.CRITICAL, subject, "first", 0, Set.of());
        Notification next = new Notification(
                Ids.newId(),
                org.id(),
                Notification.Kind.RESOLVED,
                Severity.CRITICAL,
                subject,
                "second",
                "",
                List.of(),
                null,
                old.occurredAt().plusSeconds(60),
                Set.of());
        enqueue(old);
        enqueue(next);
        await().atMost(PATIENCE)
                .until(() -> !notifications.attemptsFor(org.id(), subject).isEmpty());
        // As if the first had been queued 25 hours ago: its next failure is its last.
        jdbc.update(
                "UPDATE notification_outbox SET enqueued_at = DATE_SUB(enqueued_at, INTERVAL 25 HOUR)"
                        + " WHERE notification_id = ?",
                old.id().toString());

        await().atMost(PATIENCE).until(() -> "given_up".equals(state(old.id())));
        receiver.answer(200);
        await().atMost(PATIENCE).until(() -> "delivered".equals(state(next.id())));

        assertThat(receiver.received())
                .extracting(r -> r.header("webhook-id"))
                .containsExactly(next.id().toString());
        assertThat(notifications.attemptsFor(org.id(), subject))
                .filteredOn(a -> a.notificationId().equals(old.id()))
                .isNotEmpty()
                .noneMatch(DeliveryAttempt::delivered);
        assertThat(channelId).isNotBlank();
    }

    @Test
    void refusesLoopbackPrivateAndMetadataTargetsWithFieldErrors() {
        // 127.0.0.1 alone is allowed in tests (waddleperf.notifications.allowed-targets).
        for (String url : List.of(
                "http://127.0.0.2:8080/hook",
                "http://[::1]/hook",
                "http://169.254.169.254/latest/meta-data/",
                "http://10.0.0.5/hook",
                "http://172.16.3.4/hook",
                "https://192.168.1.1/hook",
                "http://100.64.0.1/hook",
                "http://0.0.0.0/hook",
                "http://[fd00::1]/hook",
                "http://[fe80::1]/hook",
                "http://224.0.0.1/hook",
                "http://[::ffff:10.0.0.1]/hook",
                "http://[64:ff9b::a9fe:a9fe]/hook")) {
            Response refused = create("{\"name\":\"ssrf\",\"type\":\"slack\",\"severities\":[\"CRITICAL\"],"
                    + "\"url\":\"" + url + "\"}");
            assertThat(refused.status()).as(url).isEqualTo(400);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            assertThat(fields(refused)).as(url).containsExactly("url");
        }
    }

    @Test
    void answersBadInputWithFieldErrors() {
        Response everything = create("{\"name\":\" \",\"type\":\"pager\",\"severities\":[]}");
        assertThat(everything.status()).isEqualTo(400);
        assertThat(fields(everything)).containsExactlyInAnyOrder("name", "type", "severities");

        assertThat(fields(create(
                        "{\"name\":\"w\",\"type\":\"webhook\",\"severities\":[\"LOUD\"]," + "\"url\":\"not a url\"}")))
                .containsExactlyInAnyOrder("severities[0]", "url");
        assertThat(
                        fields(
                                create(
                                        "{\"name\":\"w\",\"type\":\"webhook\",\"severities\":[\"INFO\"],\"url\":\"ftp://example.com/x\"}")))
                .containsExactly("url");
        assertThat(fields(create("{\"name\":\"w\",\"type\":\"discord\",\"severities\":[\"INFO\"]}")))
                .containsExactly("url");
        assertThat(fields(create("{\"name\":\"m\",\"type\":\"email\",\"severities\":[\"INFO\"],\"recipients\":[]}")))
                .containsExactly("recipients");
        assertThat(fields(create("{\"name\":\"m\",\"type\":\"email\",\"severities\":[\"INFO\"],"
                        + "\"recipients\":[\"ops@example.test\",\"not-an-address\"]}")))
                .containsExactly("recipients[1]");
        String existing = createWebhook("Taken");
        assertThat(fields(create("{\"name\":\"Taken\",\"type\":\"webhook\",\"severities\":[\"INFO\"]," + "\"url\":\""
                        + receiver.url("/x") + "\"}")))
                .containsExactly("name");
        Response typeChange = put(existing, "{\"name\":\"Taken\",\"type\":\"slack\",\"severities\":[\"INFO\"]}");
        assertThat(fields(typeChange)).containsExactly("type");
        Response kept = put(existing, "{\"name\":\"Renamed\",\"severities\":[\"info\",\"WARNING\"]}");
        assertThat(kept.status()).as(kept.body()).isEqualTo(200);
        assertThat(kept.json().path("severities").toString()).isEqualTo("[\"INFO\",\"WARNING\"]");
        assertThat(http.post(channelPath(existing) + "/test", "", "Authorization", admin)
                        .json()
                        .path("delivered")
                        .asBoolean())
                .as("the stored URL and secret survive a replace without url")
                .isTrue();
        assertThat(http.get(channelPath(existing) + "/attempts?limit=0", "Authorization", admin)
                        .status())
                .isEqualTo(400);

        String unknown = channelPath(Ids.newId().toString());
        assertThat(http.get(unknown, "Authorization", admin).status()).isEqualTo(404);
        assertThat(http.post(unknown + "/test", "", "Authorization", admin).status())
                .isEqualTo(404);

        Org other = new Fixtures(http).createOrg("Notify other " + UUID.randomUUID());
        String foreign = "/api/v1/orgs/" + other.id() + "/notification-channels/" + existing;
        String otherAdmin = bearer(other.adminToken());
        assertThat(http.get(foreign, "Authorization", otherAdmin).status()).isEqualTo(404);
        assertThat(http.get(foreign + "/attempts", "Authorization", otherAdmin).status())
                .isEqualTo(404);
        assertThat(http.post(foreign + "/test", "", "Authorization", otherAdmin).status())
                .isEqualTo(404);
        assertThat(http.send(http.request(foreign, "Authorization", otherAdmin)
                                .DELETE()
                                .build())
                        .status())
                .isEqualTo(404);
        assertThat(notifications.unknownChannels(other.id(), List.of(UUID.fromString(existing))))
                .containsExactly(UUID.fromString(existing));

        Response deleted = http.send(http.request(channelPath(existing), "Authorization", admin)
                .DELETE()
                .build());
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(http.get(channelPath(existing), "Authorization", admin).status())
                .isEqualTo(404);
    }

    // --- helpers ---

    private String channelsPath() {
        return "/api/v1/orgs/" + org.id() + "/notification-channels";
    }

    private String channelPath(String id) {
        return channelsPath() + "/" + id;
    }

    private Response create(String body) {
        return http.post(channelsPath(), body, "Authorization", admin);
    }

    private Response put(String id, String body) {
        return http.send(http.request(channelPath(id), "Authorization", admin)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private String createWebhook(String name) {
        Response created = create("{\"name\":\"" + name + "\",\"type\":\"webhook\","
                + "\"severities\":[\"INFO\",\"WARNING\",\"CRITICAL\"],\"url\":\"" + receiver.url("/hook") + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    private int enqueue(Notification notification) {
        Integer queued = transactions.execute(status -> notifications.enqueue(notification));
        return queued == null ? -1 : queued;
    }

    private Notification notification(Severity severity, UUID subject, String title, int fields, Set<UUID> channels) {
        return new Notification(
                Ids.newId(),
                org.id(),
                Notification.Kind.RAISED,
                severity,
                subject,
                title,
                "3 of the last 5 rounds breached on 2 of 3 vantage points",
                IntStream.rangeClosed(1, fields)
                        .mapToObj(i ->
                                new Notification.Field("field " + i, "value " + i + (i == 1 ? "y".repeat(1500) : "")))
                        .toList(),
                "/alerts/" + subject,
                Instant.now(),
                channels);
    }

    private String state(UUID notificationId) {
        return jdbc.queryForObject(
                "SELECT state FROM notification_outbox WHERE notification_id = ?",
                String.class,
                notificationId.toString());
    }

    private static List<String> fields(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        response.json().path("errors").forEach(e -> fields.add(e.path("field").asString()));
        return fields;
    }

    private static JsonNode json(String body) {
        return tools.jackson.databind.json.JsonMapper.builder().build().readTree(body);
    }

    /** What reached one mailbox (GreenMail keeps a copy per envelope recipient). */
    private static List<MimeMessage> mailsTo(String address) {
        return SMTP.findReceivedMessages(user -> user.getEmail().equalsIgnoreCase(address), message -> true)
                .toList();
    }

    private static List<String> addresses(Address[] addresses) {
        return addresses == null
                ? List.of()
                : Arrays.stream(addresses)
                        .map(a -> ((jakarta.mail.internet.InternetAddress) a).getAddress())
                        .toList();
    }

    private static void collect(Part part, Map<String, String> parts) throws Exception {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                collect(body, parts);
            }
        } else if (part.isMimeType("text/plain")) {
            parts.put("text/plain", (String) part.getContent());
        } else if (part.isMimeType("text/html")) {
            parts.put("text/html", (String) part.getContent());
        }
    }

    /** Standard Webhooks verification, written from the specification, not from the sender's code. */
    static final class StandardWebhooks {

        static void verify(String secret, LoopbackReceiver.Received request) {
            String id = request.header("webhook-id");
            String timestamp = request.header("webhook-timestamp");
            String signatures = request.header("webhook-signature");
            assertThat(id).isNotBlank();
            assertThat(Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)))
                    .as("timestamp within the 5 minutes' tolerance")
                    .isLessThan(300);
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(
                        Base64.getDecoder().decode(secret.substring(secret.indexOf('_') + 1)), "HmacSHA256"));
                String expected = Base64.getEncoder()
                        .encodeToString(mac.doFinal(
                                (id + "." + timestamp + "." + request.body()).getBytes(StandardCharsets.UTF_8)));
                assertThat(Arrays.asList(signatures.split(" "))).contains("v1," + expected);
            } catch (java.security.GeneralSecurityException e) {
                throw new AssertionError(e);
            }
        }
    }
}
