import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

/*
 * The alerts API's shapes (docs/alerts.md). Written out here until webui/openapi.json is
 * regenerated with the alerts endpoints (scripts/update-openapi.sh); then they become
 * Schema<'Alert'>, Schema<'AlertDetail'>, Schema<'AlertRule'> and Schema<'MonitorAlerts'>.
 */

export type Severity = 'INFO' | 'WARNING' | 'CRITICAL';
export type AlertState = 'OPEN' | 'ACKNOWLEDGED' | 'RESOLVED';

export interface Alert {
  readonly id: string;
  readonly ruleId: string;
  readonly ruleName: string;
  readonly monitorId: string;
  readonly monitorName: string;
  readonly severity: Severity;
  readonly state: AlertState;
  /** Raised during a maintenance window: recorded, nothing sent. */
  readonly suppressed: boolean;
  readonly groupId: string | null;
  readonly cause: string;
  readonly raisedAt: string;
  readonly acknowledgedAt: string | null;
  readonly acknowledgedBy: string | null;
  readonly resolvedAt: string | null;
  /** Null when the rule's clear rule resolved it. */
  readonly resolvedBy: string | null;
}

export interface Transition {
  readonly at: string;
  readonly kind: 'RAISED' | 'ACKNOWLEDGED' | 'RESOLVED';
  readonly actor: string | null;
  readonly detail: string;
  readonly notified: boolean;
}

export interface DeliveryAttempt {
  readonly notificationId: string;
  readonly channelId: string;
  readonly channelName: string;
  readonly kind: string;
  readonly attempt: number;
  readonly at: string;
  readonly delivered: boolean;
  readonly statusCode: number | null;
  readonly latencyMs: number;
  readonly error: string | null;
}

export interface AlertDetail {
  readonly alert: Alert;
  readonly transitions: readonly Transition[];
  readonly deliveries: readonly DeliveryAttempt[];
}

export interface MonitorAlerts {
  readonly monitorId: string;
  readonly open: number;
  readonly acknowledged: number;
  readonly highestSeverity: Severity;
}

export const alertsPath = (orgId: string) => `/api/v1/orgs/${encodeURIComponent(orgId)}/alerts`;

export const alertsQueryKey = (orgId: string) => ['alerts', orgId] as const;

/** The organisation's alerts in one state (or all), newest raised first; read again every 15 s. */
export function useAlerts(orgId: string, state: AlertState | 'ALL') {
  const query = state === 'ALL' ? '' : `?state=${state.toLowerCase()}`;
  return useQuery(
    queryOptions({
      queryKey: [...alertsQueryKey(orgId), 'list', state],
      queryFn: ({ signal }) => api.get<Alert[]>(`${alertsPath(orgId)}${query}`, { signal }),
      refetchInterval: 15_000,
    }),
  );
}

export function useAlert(orgId: string, alertId: string) {
  return useQuery(
    queryOptions({
      queryKey: [...alertsQueryKey(orgId), alertId],
      queryFn: ({ signal }) => api.get<AlertDetail>(`${alertsPath(orgId)}/${encodeURIComponent(alertId)}`, { signal }),
    }),
  );
}

/** Unresolved alerts per monitor, for the board and the monitor page to join by monitorId. */
export function useAlertsByMonitor(orgId: string) {
  return useQuery(
    queryOptions({
      queryKey: [...alertsQueryKey(orgId), 'by-monitor'],
      queryFn: ({ signal }) => api.get<MonitorAlerts[]>(`${alertsPath(orgId)}/by-monitor`, { signal }),
      refetchInterval: 15_000,
    }),
  );
}

/** Acknowledges or resolves an alert; every alert query of the organisation is read again. */
export function useAlertAction(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ alert, action }: { alert: Alert; action: 'acknowledge' | 'resolve' }) =>
      api.post<Alert>(`${alertsPath(orgId)}/${encodeURIComponent(alert.id)}/${action}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: alertsQueryKey(orgId) }),
  });
}
