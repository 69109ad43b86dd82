import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { Schema, WithNullable } from '@/lib/api-schema';

/** A maintenance window as the API answers it (docs/alerts.md#maintenance-windows): one-off or cron. */
export type MaintenanceWindow = Omit<
  WithNullable<Schema<'MaintenanceWindow'>, 'startsAt' | 'endsAt' | 'cron' | 'durationSeconds' | 'timeZone'>,
  'scope'
> & {
  readonly scope: WithNullable<Schema<'AlertScope'>, 'monitorId' | 'label'>;
};

/** What the form sends: one-off (startsAt, endsAt) or recurring (cron, durationSeconds, timeZone). */
export type MaintenanceWindowInput = {
  readonly name: string;
  readonly scope?: { readonly monitorId: string } | { readonly label: string };
} & (
  | { readonly startsAt: string; readonly endsAt: string }
  | { readonly cron: string; readonly durationSeconds: number; readonly timeZone: string }
);

export const maintenanceWindowsPath = (orgId: string) => `/api/v1/orgs/${encodeURIComponent(orgId)}/maintenance-windows`;

export const maintenanceWindowsQueryKey = (orgId: string) => ['maintenance-windows', orgId] as const;

export function useMaintenanceWindows(orgId: string) {
  return useQuery(
    queryOptions({
      queryKey: maintenanceWindowsQueryKey(orgId),
      queryFn: ({ signal }) => api.get<MaintenanceWindow[]>(maintenanceWindowsPath(orgId), { signal }),
      // "Active now" changes with the clock, not only with edits.
      refetchInterval: 60_000,
    }),
  );
}

export function useCreateMaintenanceWindow(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: MaintenanceWindowInput) => api.post<MaintenanceWindow>(maintenanceWindowsPath(orgId), input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: maintenanceWindowsQueryKey(orgId) }),
  });
}

export function useDeleteMaintenanceWindow(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (window: MaintenanceWindow) =>
      api.delete<void>(`${maintenanceWindowsPath(orgId)}/${encodeURIComponent(window.id)}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: maintenanceWindowsQueryKey(orgId) }),
  });
}

/** A recurring window's cron as given (not put into words), its duration and zone; a one-off's start and end. */
export function describeSchedule(window: MaintenanceWindow, formatInstant: (iso: string) => string): string {
  if (window.cron) {
    const minutes = Math.round((window.durationSeconds ?? 0) / 60);
    const duration = minutes % 60 === 0 ? `${minutes / 60} h` : `${minutes} min`;
    return `cron “${window.cron}” for ${duration} (${window.timeZone ?? 'UTC'})`;
  }
  return `${window.startsAt ? formatInstant(window.startsAt) : '?'} – ${window.endsAt ? formatInstant(window.endsAt) : '?'}`;
}
