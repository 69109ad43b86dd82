import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { Schema, WithNullable } from '@/lib/api-schema';

/** An alert rule as the API answers it (docs/alerts.md#alert-rules), with its nullable fields. */
export type AlertRule = Omit<Schema<'AlertRule'>, 'scope' | 'condition' | 'vantage'> & {
  readonly scope: WithNullable<Schema<'AlertScope'>, 'monitorId' | 'label'>;
  readonly condition: Omit<WithNullable<Schema<'AlertCondition'>, 'metric' | 'comparison' | 'threshold'>, 'type'> & {
    readonly type: 'metric' | 'thresholds';
  };
  readonly vantage: WithNullable<Schema<'AlertVantage'>, 'minCount' | 'minPercent'>;
};

export const alertRulesPath = (orgId: string) => `/api/v1/orgs/${encodeURIComponent(orgId)}/alert-rules`;

export const alertRulesQueryKey = (orgId: string) => ['alert-rules', orgId] as const;

export function useAlertRules(orgId: string) {
  return useQuery(
    queryOptions({
      queryKey: alertRulesQueryKey(orgId),
      queryFn: ({ signal }) => api.get<AlertRule[]>(alertRulesPath(orgId), { signal }),
    }),
  );
}

export function useDeleteAlertRule(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (rule: AlertRule) => api.delete<void>(`${alertRulesPath(orgId)}/${encodeURIComponent(rule.id)}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: alertRulesQueryKey(orgId) }),
  });
}

/** "tcp_connect.latency_ms > 100" or "tier-1 thresholds breached". */
export function describeCondition(rule: AlertRule): string {
  const c = rule.condition;
  return c.type === 'metric' ? `${c.metric ?? '?'} ${c.comparison ?? '?'} ${c.threshold ?? '?'}` : 'tier-1 thresholds breached';
}

/** "monitor Edge", "label edge" or "every monitor". */
export function describeScope(rule: Pick<AlertRule, 'scope'>, monitorNames: ReadonlyMap<string, string>): string {
  if (rule.scope.monitorId) {
    return `monitor ${monitorNames.get(rule.scope.monitorId) ?? 'a removed monitor'}`;
  }
  return rule.scope.label ? `label ${rule.scope.label}` : 'every monitor';
}

/** "at least 2 vantage points and 50 %". */
export function describeVantage(rule: AlertRule): string {
  const parts = [];
  if (rule.vantage.minCount !== null) {
    parts.push(`at least ${rule.vantage.minCount} vantage point${rule.vantage.minCount === 1 ? '' : 's'}`);
  }
  if (rule.vantage.minPercent !== null) {
    parts.push(`${rule.vantage.minPercent} % of them`);
  }
  return parts.join(' and ');
}

/** What the form sends (docs/alerts.md#alert-rules); the API checks it field by field. */
export interface AlertRuleInput {
  readonly name: string;
  readonly scope?: { readonly monitorId: string } | { readonly label: string };
  readonly condition: { readonly type: 'thresholds' } | { readonly type: 'metric'; readonly metric: string; readonly comparison: string; readonly threshold: number };
  readonly raise: { readonly breaches: number; readonly ofRounds: number };
  readonly vantage: { readonly minCount?: number; readonly minPercent?: number };
  readonly severity: string;
  readonly clear: { readonly goodRounds: number };
  /** Empty: every channel hearing the severity. */
  readonly channelIds: readonly string[];
  readonly enabled: boolean;
}

/**
 * A channel as a rule routes to it: the app hands these in from the notifications feature (which
 * alerts do not import), for MAINTAINERs and ADMINs, who may read channels.
 */
export interface RuleChannel {
  readonly id: string;
  readonly name: string;
  readonly severities: readonly string[];
}

/**
 * The channels a rule's notifications go to: the ones it names (those that still exist), else
 * every channel hearing its severity, as the notifications module routes them.
 */
export function routedChannels(
  rule: { readonly channelIds: readonly string[]; readonly severity: string },
  channels: readonly RuleChannel[],
): readonly RuleChannel[] {
  if (rule.channelIds.length > 0) {
    return channels.filter((c) => rule.channelIds.includes(c.id));
  }
  const severity = rule.severity.toUpperCase();
  return channels.filter((c) => c.severities.includes(severity));
}

/** Replaces a rule; its rounds are counted afresh (docs/alerts.md#alert-rules). */
export function useReplaceAlertRule(orgId: string, ruleId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: AlertRuleInput) => api.put<AlertRule>(`${alertRulesPath(orgId)}/${encodeURIComponent(ruleId)}`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: alertRulesQueryKey(orgId) }),
  });
}

export function useCreateAlertRule(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: AlertRuleInput) => api.post<AlertRule>(alertRulesPath(orgId), input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: alertRulesQueryKey(orgId) }),
  });
}
