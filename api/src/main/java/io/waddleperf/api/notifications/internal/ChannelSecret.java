package io.waddleperf.api.notifications.internal;

import org.jspecify.annotations.Nullable;

/**
 * What an HTTP channel keeps encrypted: the URL (for Slack, Teams and Discord the URL itself is
 * the credential) and, for a generic webhook, the signing secret {@code whsec_<base64>}.
 */
record ChannelSecret(String url, @Nullable String signingSecret) {}
