package io.waddleperf.api.alerts.internal;

import static io.waddleperf.api.shared.database.JdbcTimes.instant;
import static io.waddleperf.api.shared.database.JdbcTimes.utc;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.waddleperf.api.alerts.AlertRule;
import io.waddleperf.api.notifications.Severity;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Plain JDBC over {@code alert_rules}; every statement names its organisation. */
@Component
public class RuleStore {

    private static final String COLUMNS = "id, name, scope_monitor_id, scope_label, metric, comparison, threshold,"
            + " raise_breaches, raise_rounds, min_vantage_count, min_vantage_percent, severity, clear_rounds,"
            + " channel_ids, enabled, created_at, updated_at";

    private final NamedParameterJdbcTemplate jdbc;
    private final JsonMapper json;

    RuleStore(NamedParameterJdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void insert(UUID orgId, AlertRule rule) {
        forgetEnabled(orgId);
        jdbc.update(
                "INSERT INTO alert_rules (org_id, " + COLUMNS + ") VALUES (:org, :id, :name, :monitor, :label, :metric,"
                        + " :comparison, :threshold, :breaches, :rounds, :minCount, :minPercent, :severity, :clear,"
                        + " :channels, :enabled, :created, :updated)",
                values(orgId, rule));
    }

    public boolean update(UUID orgId, AlertRule rule) {
        forgetEnabled(orgId);
        return jdbc.update(
                        "UPDATE alert_rules SET name = :name, scope_monitor_id = :monitor, scope_label = :label,"
                                + " metric = :metric, comparison = :comparison, threshold = :threshold,"
                                + " raise_breaches = :breaches, raise_rounds = :rounds, min_vantage_count = :minCount,"
                                + " min_vantage_percent = :minPercent, severity = :severity, clear_rounds = :clear,"
                                + " channel_ids = :channels, enabled = :enabled, updated_at = :updated"
                                + " WHERE id = :id AND org_id = :org",
                        values(orgId, rule))
                == 1;
    }

    public boolean delete(UUID orgId, UUID id) {
        forgetEnabled(orgId);
        return jdbc.update(
                        "DELETE FROM alert_rules WHERE id = :id AND org_id = :org",
                        Map.of("id", id.toString(), "org", orgId.toString()))
                == 1;
    }

    public List<AlertRule> list(UUID orgId) {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM alert_rules WHERE org_id = :org ORDER BY name, id",
                Map.of("org", orgId.toString()),
                (rs, i) -> rule(rs));
    }

    /** The organisation's enabled rules: what each of its monitor results is checked against. */
    /**
     * The organisation's enabled rules, as read within the last {@link #ENABLED_FRESH_FOR}: every
     * monitor result asks (a query per result in the AutoPerf benchmark) for what rarely changes.
     * A write on this replica forgets the copy at once and again after its commit; another
     * replica's copy catches up within that time.
     */
    public List<AlertRule> enabled(UUID orgId) {
        return recentlyEnabled.get(
                orgId,
                org -> List.copyOf(jdbc.query(
                        "SELECT " + COLUMNS + " FROM alert_rules WHERE org_id = :org AND enabled = TRUE",
                        Map.of("org", org.toString()),
                        (rs, i) -> rule(rs))));
    }

    static final Duration ENABLED_FRESH_FOR = Duration.ofSeconds(2);

    private final Cache<UUID, List<AlertRule>> recentlyEnabled =
            Caffeine.newBuilder().expireAfterWrite(ENABLED_FRESH_FOR).build();

    private void forgetEnabled(UUID orgId) {
        recentlyEnabled.invalidate(orgId);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    recentlyEnabled.invalidate(orgId);
                }
            });
        }
    }

    public Optional<AlertRule> find(UUID orgId, UUID id) {
        return jdbc
                .query(
                        "SELECT " + COLUMNS + " FROM alert_rules WHERE id = :id AND org_id = :org",
                        Map.of("id", id.toString(), "org", orgId.toString()),
                        (rs, i) -> rule(rs))
                .stream()
                .findFirst();
    }

    private MapSqlParameterSource values(UUID orgId, AlertRule rule) {
        return new MapSqlParameterSource()
                .addValue("org", orgId.toString())
                .addValue("id", rule.id().toString())
                .addValue("name", rule.name())
                .addValue(
                        "monitor",
                        rule.scope().monitorId() == null
                                ? null
                                : rule.scope().monitorId().toString())
                .addValue("label", rule.scope().label())
                .addValue("metric", rule.condition().metric())
                .addValue("comparison", rule.condition().comparison())
                .addValue("threshold", rule.condition().threshold())
                .addValue("breaches", rule.raise().breaches())
                .addValue("rounds", rule.raise().ofRounds())
                .addValue("minCount", rule.vantage().minCount())
                .addValue("minPercent", rule.vantage().minPercent())
                .addValue("severity", rule.severity().name())
                .addValue("clear", rule.clear().goodRounds())
                .addValue("channels", json.writeValueAsString(rule.channelIds()))
                .addValue("enabled", rule.enabled())
                .addValue("created", utc(rule.createdAt()))
                .addValue("updated", utc(rule.updatedAt()));
    }

    private AlertRule rule(ResultSet rs) throws SQLException {
        String monitor = rs.getString("scope_monitor_id");
        String metric = rs.getString("metric");
        double threshold = rs.getDouble("threshold");
        Double thresholdValue = rs.wasNull() ? null : threshold;
        int minCount = rs.getInt("min_vantage_count");
        Integer minCountValue = rs.wasNull() ? null : minCount;
        double minPercent = rs.getDouble("min_vantage_percent");
        Double minPercentValue = rs.wasNull() ? null : minPercent;
        return new AlertRule(
                UUID.fromString(rs.getString("id")),
                rs.getString("name"),
                new AlertRule.Scope(monitor == null ? null : UUID.fromString(monitor), rs.getString("scope_label")),
                new AlertRule.Condition(
                        metric == null ? Evaluation.THRESHOLDS : Evaluation.METRIC,
                        metric,
                        rs.getString("comparison"),
                        thresholdValue),
                new AlertRule.Raise(rs.getInt("raise_breaches"), rs.getInt("raise_rounds")),
                new AlertRule.Vantage(minCountValue, minPercentValue),
                Severity.valueOf(rs.getString("severity")),
                new AlertRule.Clear(rs.getInt("clear_rounds")),
                json.readValue(rs.getString("channel_ids"), new TypeReference<List<UUID>>() {}),
                rs.getBoolean("enabled"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }
}
