package io.waddleperf.api.alerts.internal;

import io.waddleperf.api.alerts.AlertRule;
import io.waddleperf.api.shared.database.RetryOnConflict;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Rule changes that touch more than the rule, each in one short transaction. */
@Component
public class RuleWrites {

    private final RuleStore rules;
    private final StateStore states;
    private final AlertStore alerts;
    private final AlertLifecycle lifecycle;
    private final TransactionTemplate transactions;

    RuleWrites(
            RuleStore rules,
            StateStore states,
            AlertStore alerts,
            AlertLifecycle lifecycle,
            TransactionTemplate transactions) {
        this.rules = rules;
        this.states = states;
        this.alerts = alerts;
        this.lifecycle = lifecycle;
        this.transactions = transactions;
    }

    /** Replaces the rule and forgets its rounds: counts under the old settings mean nothing now. */
    @RetryOnConflict
    public boolean replace(UUID orgId, AlertRule rule) {
        return Boolean.TRUE.equals(transactions.execute(status -> {
            if (!rules.update(orgId, rule)) {
                return false;
            }
            states.resetRule(orgId, rule.id());
            return true;
        }));
    }

    /** Deletes the rule, its rounds, and resolves its unresolved alerts. */
    @RetryOnConflict
    public boolean delete(UUID orgId, UUID ruleId, AlertLifecycle.Actor actor, Instant now) {
        return Boolean.TRUE.equals(transactions.execute(status -> {
            for (UUID alertId : alerts.unresolvedOfRule(orgId, ruleId)) {
                alerts.lock(orgId, alertId)
                        .ifPresent(row ->
                                lifecycle.resolve(orgId, row, actor, "rule deleted by " + actor.auditName(), now));
            }
            states.deleteRule(orgId, ruleId);
            return rules.delete(orgId, ruleId);
        }));
    }
}
