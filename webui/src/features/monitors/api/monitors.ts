import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { Schema, WithNullable } from '@/lib/api-schema';

export type VantagePoint = WithNullable<Schema<'VantagePoint'>, 'nodeId' | 'region' | 'label'>;
export type MonitorSchedule = WithNullable<Schema<'MonitorSchedule'>, 'intervalSeconds' | 'cron'>;
export type ActiveWindow = Schema<'ActiveWindow'>;
export type Monitor = WithNullable<
  Omit<Schema<'Monitor'>, 'vantage' | 'schedule'>,
  'activeWindow' | 'udpEchoPort' | 'iperfPort' | 'nextDueAt' | 'lastRoundAt'
> & {
  readonly vantage: readonly VantagePoint[];
  readonly schedule: MonitorSchedule;
};

/** One selector per vantage point; a schedule is an interval or a cron expression in a zone. */
export type MonitorInput = Omit<Schema<'MonitorRequest'>, 'vantage' | 'schedule' | 'escalation' | 'iperfPort'> & {
  readonly escalation?: Schema<'Escalation'>;
  readonly iperfPort?: number;
  readonly vantage: readonly ({ nodeId: string } | { region: string } | { label: string })[];
  readonly schedule: { intervalSeconds: number } | { cron: string; timeZone: string };
};

export const monitorsPath = (orgId: string) => `/api/v1/orgs/${encodeURIComponent(orgId)}/monitors`;

export const monitorsQueryKey = (orgId: string) => ['monitors', orgId] as const;

/** The organisation's monitors, read again every 15 s so each row's next and last round stay current. */
export function useMonitors(orgId: string) {
  return useQuery(
    queryOptions({
      queryKey: monitorsQueryKey(orgId),
      queryFn: ({ signal }) => api.get<Monitor[]>(monitorsPath(orgId), { signal }),
      refetchInterval: 15_000,
    }),
  );
}

export function useMonitor(orgId: string, monitorId: string) {
  return useQuery(
    queryOptions({
      queryKey: [...monitorsQueryKey(orgId), monitorId],
      queryFn: ({ signal }) => api.get<Monitor>(`${monitorsPath(orgId)}/${encodeURIComponent(monitorId)}`, { signal }),
    }),
  );
}

/** Creates a monitor, or replaces it when `monitorId` is given. */
export function saveMonitor(orgId: string, input: MonitorInput, monitorId?: string): Promise<Monitor> {
  return monitorId
    ? api.put<Monitor>(`${monitorsPath(orgId)}/${encodeURIComponent(monitorId)}`, input)
    : api.post<Monitor>(monitorsPath(orgId), input);
}

export function useSaveMonitor(orgId: string, monitorId?: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: MonitorInput) => saveMonitor(orgId, input, monitorId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: monitorsQueryKey(orgId) }),
  });
}

/** Pauses or resumes: the API replaces the whole monitor, so the rest goes along unchanged. */
export function useSetMonitorEnabled(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ monitor, input }: { monitor: Monitor; input: MonitorInput }) => saveMonitor(orgId, input, monitor.id),
    onSettled: () => queryClient.invalidateQueries({ queryKey: monitorsQueryKey(orgId) }),
  });
}

export function useDeleteMonitor(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (monitor: Monitor) => api.delete<void>(`${monitorsPath(orgId)}/${encodeURIComponent(monitor.id)}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: monitorsQueryKey(orgId) }),
  });
}
