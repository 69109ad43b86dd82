package io.waddleperf.api.notifications.internal;

import io.waddleperf.api.notifications.Notification;
import io.waddleperf.api.notifications.Severity;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A notification in each receiver's format, within the limits each service documents (longer
 * text is cut with an ellipsis rather than refused by the receiver).
 */
@Component
class Messages {

    static final String TEAMS_CARD = "application/vnd.microsoft.card.adaptive";
    static final int DISCORD_MAX_FIELDS = 25;
    static final int SLACK_MAX_FIELDS = 10;

    private final JsonMapper json;
    private final String publicUrl;

    Messages(JsonMapper json, NotificationsProperties properties) {
        this.json = json;
        this.publicUrl = properties.publicUrl().replaceAll("/+$", "");
    }

    /** The absolute link, or null when there is none or no public URL is configured. */
    @Nullable
    String link(Payload p) {
        if (p.link() == null || p.link().isBlank()) {
            return null;
        }
        if (p.link().startsWith("https://") || p.link().startsWith("http://")) {
            return p.link();
        }
        if (publicUrl.isBlank()) {
            return null;
        }
        return publicUrl + (p.link().startsWith("/") ? "" : "/") + p.link();
    }

    /** The Standard Webhooks event type. */
    static String eventType(Notification.Kind kind) {
        return kind == Notification.Kind.TEST
                ? "notification.test"
                : "alert." + kind.name().toLowerCase(Locale.ROOT);
    }

    /** A generic webhook: {@code {"type", "timestamp", "data"}} as Standard Webhooks suggest. */
    String webhook(Payload p) {
        ObjectNode root = json.createObjectNode();
        root.put("type", eventType(p.kind()));
        root.put("timestamp", p.occurredAt().truncatedTo(ChronoUnit.MILLIS).toString());
        ObjectNode data = root.putObject("data");
        data.put("id", p.id().toString());
        data.put("orgId", p.orgId().toString());
        data.put("kind", p.kind().name());
        data.put("severity", p.severity().name());
        data.put("subject", p.subject() == null ? null : p.subject().toString());
        data.put("title", p.title());
        data.put("text", p.text());
        ArrayNode fields = data.putArray("fields");
        p.fields().forEach(f -> fields.addObject().put("name", f.name()).put("value", f.value()));
        data.put("link", link(p));
        data.put("occurredAt", p.occurredAt().toString());
        return json.writeValueAsString(root);
    }

    /**
     * Slack Block Kit: a header, the text as an mrkdwn section, up to 10 fields, a context line;
     * {@code text} is the fallback notifications and screen readers use.
     */
    String slack(Payload p) {
        ObjectNode root = json.createObjectNode();
        root.put("text", Texts.truncate(headline(p) + ": " + p.text(), 3000));
        ArrayNode blocks = root.putArray("blocks");
        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text")
                .put("type", "plain_text")
                .put("text", Texts.truncate(headline(p), 150))
                .put("emoji", true);
        if (!p.text().isBlank()) {
            blocks.addObject()
                    .put("type", "section")
                    .putObject("text")
                    .put("type", "mrkdwn")
                    .put("text", Texts.truncate(slackEscape(p.text()), 3000));
        }
        if (!p.fields().isEmpty()) {
            ArrayNode fields = blocks.addObject().put("type", "section").putArray("fields");
            p.fields().stream()
                    .limit(SLACK_MAX_FIELDS)
                    .forEach(f -> fields.addObject()
                            .put("type", "mrkdwn")
                            .put(
                                    "text",
                                    Texts.truncate(
                                            "*" + slackEscape(f.name()) + "*\n" + slackEscape(f.value()), 2000)));
        }
        String link = link(p);
        String context = p.severity().name() + " · " + p.occurredAt().truncatedTo(ChronoUnit.SECONDS)
                + (link == null ? "" : " · <" + link + "|Open in WaddlePerf>");
        blocks.addObject()
                .put("type", "context")
                .putArray("elements")
                .addObject()
                .put("type", "mrkdwn")
                .put("text", Texts.truncate(context, 3000));
        return json.writeValueAsString(root);
    }

    /** Microsoft Teams (workflow webhook): a message carrying one Adaptive Card 1.4. */
    String teams(Payload p) {
        ObjectNode root = json.createObjectNode();
        root.put("type", "message");
        ObjectNode attachment = root.putArray("attachments").addObject();
        attachment.put("contentType", TEAMS_CARD);
        attachment.putNull("contentUrl");
        ObjectNode card = attachment.putObject("content");
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("type", "AdaptiveCard");
        card.put("version", "1.4");
        ArrayNode body = card.putArray("body");
        body.addObject()
                .put("type", "TextBlock")
                .put("text", headline(p))
                .put("weight", "Bolder")
                .put("size", "Medium")
                .put("wrap", true)
                .put("color", teamsColour(p));
        if (!p.text().isBlank()) {
            body.addObject().put("type", "TextBlock").put("text", p.text()).put("wrap", true);
        }
        ArrayNode facts = body.addObject().put("type", "FactSet").putArray("facts");
        facts.addObject().put("title", "Severity").put("value", p.severity().name());
        p.fields().forEach(f -> facts.addObject().put("title", f.name()).put("value", f.value()));
        String link = link(p);
        if (link != null) {
            card.putArray("actions")
                    .addObject()
                    .put("type", "Action.OpenUrl")
                    .put("title", "Open in WaddlePerf")
                    .put("url", link);
        }
        return json.writeValueAsString(root);
    }

    /** Discord: one embed, coloured by severity (green once resolved), with up to 25 fields. */
    String discord(Payload p) {
        ObjectNode root = json.createObjectNode();
        ObjectNode embed = root.putArray("embeds").addObject();
        embed.put("title", Texts.truncate(headline(p), 256));
        embed.put("description", Texts.truncate(p.text().isBlank() ? headline(p) : p.text(), 2048));
        embed.put("color", discordColour(p));
        embed.put("timestamp", p.occurredAt().truncatedTo(ChronoUnit.MILLIS).toString());
        String link = link(p);
        if (link != null) {
            embed.put("url", link);
        }
        ArrayNode fields = embed.putArray("fields");
        // Discord allows 6000 characters per message in all; 24 fields of 1024 plus the rest could
        // pass it, so fields share what the title and description leave.
        int budget = 6000
                - Texts.truncate(headline(p), 256).length()
                - embed.get("description").asString().length();
        for (Notification.Field f : p.fields()) {
            if (fields.size() == DISCORD_MAX_FIELDS) {
                break;
            }
            String name = Texts.truncate(f.name().isBlank() ? "-" : f.name(), 256);
            String value = Texts.truncate(f.value().isBlank() ? "-" : f.value(), 1024);
            if (name.length() + value.length() > budget) {
                break;
            }
            budget -= name.length() + value.length();
            fields.addObject().put("name", name).put("value", value).put("inline", true);
        }
        return json.writeValueAsString(root);
    }

    /** Subject line of an e-mail. */
    String emailSubject(Payload p) {
        return Texts.truncate(headline(p), 200);
    }

    String emailText(Payload p) {
        StringBuilder text = new StringBuilder(headline(p)).append("\n\n");
        if (!p.text().isBlank()) {
            text.append(p.text()).append("\n\n");
        }
        text.append("Severity: ").append(p.severity().name()).append('\n');
        p.fields()
                .forEach(f ->
                        text.append(f.name()).append(": ").append(f.value()).append('\n'));
        text.append("Occurred at: ").append(p.occurredAt()).append('\n');
        String link = link(p);
        if (link != null) {
            text.append('\n').append(link).append('\n');
        }
        text.append("\nNotification id: ").append(p.id()).append('\n');
        return text.toString();
    }

    String emailHtml(Payload p) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">");
        html.append("<h2 style=\"color:")
                .append(String.format("#%06X", discordColour(p)))
                .append("\">")
                .append(HtmlUtils.htmlEscape(headline(p)))
                .append("</h2>");
        if (!p.text().isBlank()) {
            html.append("<p>").append(HtmlUtils.htmlEscape(p.text())).append("</p>");
        }
        html.append("<table>");
        row(html, "Severity", p.severity().name());
        p.fields().forEach(f -> row(html, f.name(), f.value()));
        row(html, "Occurred at", p.occurredAt().toString());
        html.append("</table>");
        String link = link(p);
        if (link != null) {
            html.append("<p><a href=\"").append(HtmlUtils.htmlEscape(link)).append("\">Open in WaddlePerf</a></p>");
        }
        html.append("<p style=\"color:#888;font-size:small\">Notification id ")
                .append(p.id())
                .append("</p></body></html>");
        return html.toString();
    }

    private static void row(StringBuilder html, String name, String value) {
        html.append("<tr><th align=\"left\">")
                .append(HtmlUtils.htmlEscape(name))
                .append("</th><td>")
                .append(HtmlUtils.htmlEscape(value))
                .append("</td></tr>");
    }

    /** The title with what happened in front: "[CRITICAL] ..." or "[RESOLVED] ...". */
    static String headline(Payload p) {
        String tag = switch (p.kind()) {
            case RESOLVED, GROUP_RESOLVED -> "RESOLVED";
            case ACKNOWLEDGED -> "ACKNOWLEDGED";
            case TEST -> "TEST";
            default -> p.severity().name();
        };
        return "[" + tag + "] " + p.title();
    }

    private static boolean resolved(Payload p) {
        return p.kind() == Notification.Kind.RESOLVED || p.kind() == Notification.Kind.GROUP_RESOLVED;
    }

    static int discordColour(Payload p) {
        if (resolved(p)) {
            return 0x2EB67D;
        }
        return switch (p.severity()) {
            case CRITICAL -> 0xE01E5A;
            case WARNING -> 0xECB22E;
            case INFO -> 0x36C5F0;
        };
    }

    private static String teamsColour(Payload p) {
        if (resolved(p)) {
            return "Good";
        }
        return p.severity() == Severity.CRITICAL
                ? "Attention"
                : p.severity() == Severity.WARNING ? "Warning" : "Default";
    }

    /** Slack mrkdwn treats &, < and > as control characters. */
    private static String slackEscape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
