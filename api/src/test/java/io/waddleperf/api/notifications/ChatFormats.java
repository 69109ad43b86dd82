package io.waddleperf.api.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * What Slack, Microsoft Teams and Discord document for the bodies their incoming webhooks take,
 * checked field by field from their documentation (Block Kit, Adaptive Cards, Discord's Execute
 * Webhook and Embed limits), independently of the code that builds them.
 */
final class ChatFormats {

    private ChatFormats() {}

    /** Slack: top-level text fallback; blocks of known types with valid text objects and limits. */
    static void assertSlack(JsonNode body) {
        assertThat(body.path("text").isString()).as("text fallback").isTrue();
        assertThat(body.path("text").asString()).isNotBlank();
        JsonNode blocks = body.path("blocks");
        assertThat(blocks.isArray()).isTrue();
        assertThat(blocks.size()).isBetween(1, 50);
        for (JsonNode block : blocks) {
            String type = block.path("type").asString();
            assertThat(type).isIn("header", "section", "context", "divider");
            switch (type) {
                case "header" -> {
                    assertThat(block.path("text").path("type").asString()).isEqualTo("plain_text");
                    assertThat(block.path("text").path("text").asString())
                            .isNotEmpty()
                            .hasSizeLessThanOrEqualTo(150);
                }
                case "section" -> {
                    assertThat(block.has("text") || block.has("fields"))
                            .as("a section has text or fields")
                            .isTrue();
                    if (block.has("text")) {
                        textObject(block.path("text"), 3000);
                    }
                    if (block.has("fields")) {
                        assertThat(block.path("fields").size()).isBetween(1, 10);
                        block.path("fields").forEach(f -> textObject(f, 2000));
                    }
                }
                case "context" -> {
                    assertThat(block.path("elements").size()).isBetween(1, 10);
                    block.path("elements").forEach(e -> textObject(e, 3000));
                }
                default -> {}
            }
        }
    }

    private static void textObject(JsonNode text, int max) {
        assertThat(text.path("type").asString()).isIn("plain_text", "mrkdwn");
        assertThat(text.path("text").asString()).isNotEmpty().hasSizeLessThanOrEqualTo(max);
    }

    /** Teams: a message whose attachment is an Adaptive Card with type, version and body. */
    static void assertTeams(JsonNode body) {
        assertThat(body.path("type").asString()).isEqualTo("message");
        JsonNode attachments = body.path("attachments");
        assertThat(attachments.size()).isEqualTo(1);
        JsonNode attachment = attachments.get(0);
        assertThat(attachment.path("contentType").asString()).isEqualTo("application/vnd.microsoft.card.adaptive");
        JsonNode card = attachment.path("content");
        assertThat(card.path("type").asString()).isEqualTo("AdaptiveCard");
        assertThat(card.path("version").asString()).matches("1\\.[0-6]");
        assertThat(card.path("body").isArray()).isTrue();
        assertThat(card.path("body").size()).isPositive();
        Set<String> elements = Set.of("TextBlock", "FactSet", "ColumnSet", "Container", "Image");
        for (JsonNode element : card.path("body")) {
            assertThat(element.path("type").asString()).isIn(elements);
            if (element.path("type").asString().equals("TextBlock")) {
                assertThat(element.path("text").isString()).isTrue();
            }
            if (element.path("type").asString().equals("FactSet")) {
                element.path("facts").forEach(f -> {
                    assertThat(f.path("title").isString()).isTrue();
                    assertThat(f.path("value").isString()).isTrue();
                });
            }
        }
        card.path("actions").forEach(a -> assertThat(a.path("type").asString()).isEqualTo("Action.OpenUrl"));
    }

    /** Discord: embeds within the documented limits (title 256, description 4096, 25 fields...). */
    static void assertDiscord(JsonNode body) {
        JsonNode embeds = body.path("embeds");
        assertThat(embeds.size()).isBetween(1, 10);
        int total = 0;
        for (JsonNode embed : embeds) {
            String title = embed.path("title").asString();
            String description = embed.path("description").asString();
            assertThat(title).hasSizeLessThanOrEqualTo(256);
            assertThat(description).hasSizeLessThanOrEqualTo(4096);
            assertThat(embed.path("color").isInt()).isTrue();
            assertThat(embed.path("color").asInt()).isBetween(0, 0xFFFFFF);
            JsonNode fields = embed.path("fields");
            assertThat(fields.size()).isLessThanOrEqualTo(25);
            total += title.length() + description.length();
            for (JsonNode field : fields) {
                assertThat(field.path("name").asString()).isNotEmpty().hasSizeLessThanOrEqualTo(256);
                assertThat(field.path("value").asString()).isNotEmpty().hasSizeLessThanOrEqualTo(1024);
                total += field.path("name").asString().length()
                        + field.path("value").asString().length();
            }
        }
        assertThat(total).as("characters across all embeds").isLessThanOrEqualTo(6000);
    }
}
