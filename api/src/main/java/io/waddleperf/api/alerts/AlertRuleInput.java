package io.waddleperf.api.alerts;

import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What a client sends to create or replace a rule; checked as a whole by {@link AlertRules}.
 *
 * @param scope null: every monitor
 * @param raise null: 3 of the last 5 rounds
 * @param vantage null: at least one vantage node
 * @param severity info, warning or critical (any case); null: warning
 * @param clear null: 3 good rounds in a row
 * @param channelIds null or empty: every channel that hears the severity
 * @param enabled null: enabled
 */
public record AlertRuleInput(
        @Nullable String name,
        AlertRule.@Nullable Scope scope,
        AlertRule.@Nullable Condition condition,
        AlertRule.@Nullable Raise raise,
        AlertRule.@Nullable Vantage vantage,
        @Nullable String severity,
        AlertRule.@Nullable Clear clear,
        @Nullable List<UUID> channelIds,
        @Nullable Boolean enabled) {}
