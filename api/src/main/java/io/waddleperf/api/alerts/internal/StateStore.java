package io.waddleperf.api.alerts.internal;

import static io.waddleperf.api.shared.database.JdbcTimes.instant;
import static io.waddleperf.api.shared.database.JdbcTimes.utc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plain JDBC over {@code alert_states}: one row per rule x monitor, read under its row lock and
 * written back in the result's transaction. On Galera two results of one round stored on two
 * nodes at once conflict on this row; the loser's whole transaction is retried by the runs
 * module's retry, and counts again from the winner's row.
 */
@Component
class StateStore {

    private final NamedParameterJdbcTemplate jdbc;
    private final JsonMapper json;

    StateStore(NamedParameterJdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A rule's knowledge of one monitor; {@code cur*} describe the round being collected. */
    static final class State {
        final UUID ruleId;
        final UUID monitorId;
        int history;
        int rounds;
        int goodStreak;

        @Nullable
        UUID openAlertId;

        @Nullable
        Instant lastDueAt;

        @Nullable
        Instant curDueAt;

        int curNodes;
        int curExpected;
        int curReported;
        List<String> curBreached;

        @Nullable
        String curWorst;

        State(UUID ruleId, UUID monitorId) {
            this.ruleId = ruleId;
            this.monitorId = monitorId;
            this.curBreached = new ArrayList<>();
        }
    }

    /**
     * The row, created empty if missing, locked until the transaction ends. Existence is checked
     * without a lock first: a locking read of a missing row would lock the gap, and two such
     * gap locks followed by inserts deadlock.
     */
    State lock(UUID orgId, UUID ruleId, UUID monitorId, Instant now) {
        Map<String, Object> key = Map.of("rule", ruleId.toString(), "monitor", monitorId.toString());
        Integer exists = jdbc.queryForObject(
                "SELECT COUNT(*) FROM alert_states WHERE rule_id = :rule AND monitor_id = :monitor",
                key,
                Integer.class);
        if (exists == null || exists == 0) {
            jdbc.update(
                    "INSERT IGNORE INTO alert_states (rule_id, monitor_id, org_id, history, rounds, good_streak, cur_nodes,"
                            + " cur_expected, cur_reported, cur_breached, updated_at) VALUES (:rule, :monitor, :org, 0, 0,"
                            + " 0, 0, 0, 0, '[]', :now)",
                    new MapSqlParameterSource(key)
                            .addValue("org", orgId.toString())
                            .addValue("now", utc(now)));
        }
        return jdbc.queryForObject(
                "SELECT history, rounds, good_streak, open_alert_id, last_due_at, cur_due_at, cur_nodes, cur_expected, cur_reported,"
                        + " cur_breached, cur_worst FROM alert_states WHERE rule_id = :rule AND monitor_id = :monitor"
                        + " FOR UPDATE",
                key,
                (rs, i) -> {
                    State state = new State(ruleId, monitorId);
                    state.history = rs.getInt(1);
                    state.rounds = rs.getInt(2);
                    state.goodStreak = rs.getInt(3);
                    String open = rs.getString(4);
                    state.openAlertId = open == null ? null : UUID.fromString(open);
                    state.lastDueAt = instant(rs, 5);
                    state.curDueAt = instant(rs, 6);
                    state.curNodes = rs.getInt(7);
                    state.curExpected = rs.getInt(8);
                    state.curReported = rs.getInt(9);
                    state.curBreached =
                            new ArrayList<>(json.readValue(rs.getString(10), new TypeReference<List<String>>() {}));
                    state.curWorst = rs.getString(11);
                    return state;
                });
    }

    void save(State state, Instant now) {
        jdbc.update(
                "UPDATE alert_states SET history = :history, rounds = :rounds, good_streak = :streak,"
                        + " open_alert_id = :open, last_due_at = :last, cur_due_at = :cur, cur_nodes = :nodes, cur_expected = :expected,"
                        + " cur_reported = :reported, cur_breached = :breached, cur_worst = :worst, updated_at = :now"
                        + " WHERE rule_id = :rule AND monitor_id = :monitor",
                new MapSqlParameterSource()
                        .addValue("history", state.history)
                        .addValue("rounds", state.rounds)
                        .addValue("streak", state.goodStreak)
                        .addValue("open", state.openAlertId == null ? null : state.openAlertId.toString())
                        .addValue("last", state.lastDueAt == null ? null : utc(state.lastDueAt))
                        .addValue("cur", state.curDueAt == null ? null : utc(state.curDueAt))
                        .addValue("nodes", state.curNodes)
                        .addValue("expected", state.curExpected)
                        .addValue("reported", state.curReported)
                        .addValue("breached", json.writeValueAsString(state.curBreached))
                        .addValue("worst", state.curWorst)
                        .addValue("now", utc(now))
                        .addValue("rule", state.ruleId.toString())
                        .addValue("monitor", state.monitorId.toString()));
    }

    /** Locks an existing row (a manual resolve takes it before the alert, as evaluation does). */
    void lockExisting(UUID ruleId, UUID monitorId) {
        jdbc.queryForList(
                "SELECT rule_id FROM alert_states WHERE rule_id = :rule AND monitor_id = :monitor FOR UPDATE",
                Map.of("rule", ruleId.toString(), "monitor", monitorId.toString()),
                String.class);
    }

    /**
     * Forgets the rounds so far and the resolved alert, so a new alert needs fresh breaches rather
     * than the ones that raised the last.
     */
    void forget(UUID ruleId, UUID monitorId) {
        jdbc.update(
                "UPDATE alert_states SET history = 0, rounds = 0, good_streak = 0, open_alert_id = NULL"
                        + " WHERE rule_id = :rule AND monitor_id = :monitor",
                Map.of("rule", ruleId.toString(), "monitor", monitorId.toString()));
    }

    void deleteRule(UUID orgId, UUID ruleId) {
        jdbc.update(
                "DELETE FROM alert_states WHERE rule_id = :rule AND org_id = :org",
                Map.of("rule", ruleId.toString(), "org", orgId.toString()));
    }

    /** A deleted monitor's rounds under every rule. */
    void deleteMonitor(UUID orgId, UUID monitorId) {
        jdbc.update(
                "DELETE FROM alert_states WHERE monitor_id = :monitor AND org_id = :org",
                Map.of("monitor", monitorId.toString(), "org", orgId.toString()));
    }

    /** Restarts a rule's counting on every monitor, when the rule itself changed. */
    void resetRule(UUID orgId, UUID ruleId) {
        deleteRule(orgId, ruleId);
    }
}
