package io.waddleperf.api.notifications.internal;

import java.util.Locale;
import java.util.Optional;

/** How a channel's receiver expects its messages. */
public enum ChannelType {
    /** Any HTTP receiver, signed the Standard Webhooks way. */
    WEBHOOK,
    /** A Slack incoming webhook: Block Kit. */
    SLACK,
    /** A Microsoft Teams workflow webhook: an Adaptive Card in a message. */
    TEAMS,
    /** A Discord channel webhook: embeds. */
    DISCORD,
    /** E-mail over the configured SMTP server. */
    EMAIL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean http() {
        return this != EMAIL;
    }

    public static Optional<ChannelType> parse(String wireName) {
        for (ChannelType type : values()) {
            if (type.wireName().equals(wireName)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
