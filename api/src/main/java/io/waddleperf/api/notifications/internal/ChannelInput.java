package io.waddleperf.api.notifications.internal;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A channel as a client sends it; {@link ChannelAdmin} checks every field at once.
 *
 * @param url the receiver's URL (HTTP channels); on replace, null keeps the stored one
 * @param recipients e-mail addresses (e-mail channels)
 */
public record ChannelInput(
        @Nullable String name,
        @Nullable String type,
        @Nullable List<String> severities,
        @Nullable String url,
        @Nullable List<String> recipients) {}
