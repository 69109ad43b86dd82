import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { Schema, WithNullable } from '@/lib/api-schema';

/** The alerts API's shapes (docs/alerts.md), from the generated schemas with their nullable fields. */
export type Severity = Schema<'Alert'>['severity'];
export type AlertState = Schema<'Alert'>['state'];

export type Alert = WithNullable<Schema<'Alert'>, 'groupId' | 'acknowledgedAt' | 'acknowledgedBy' | 'resolvedAt' | 'resolvedBy'>;

/** `actor` is null for what the rules did by themselves. */
export type Transition = Omit<WithNullable<Schema<'AlertTransition'>, 'actor'>, 'kind'> & {
  readonly kind: 'RAISED' | 'ACKNOWLEDGED' | 'RESOLVED';
};

export type DeliveryAttempt = WithNullable<Schema<'DeliveryAttempt'>, 'statusCode' | 'error'>;

export type AlertDetail = Omit<Schema<'AlertDetail'>, 'alert' | 'transitions' | 'deliveries'> & {
  readonly alert: Alert;
  readonly transitions: readonly Transition[];
  readonly deliveries: readonly DeliveryAttempt[];
};

export type MonitorAlerts = Schema<'MonitorAlerts'>;

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
