import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

/*
 * The runs endpoints are being added to the API in parallel with this UI, so they are not in
 * webui/openapi.json yet; these types follow the agreed contract and give way to
 * Schema<'Run'> once scripts/update-openapi.sh picks the endpoints up.
 */
export const RUN_STATUSES = ['pending', 'dispatched', 'running', 'succeeded', 'failed', 'timed_out', 'canceled'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export interface Run {
  readonly id: string;
  readonly parentRunId: string | null;
  readonly testId: string | null;
  readonly testName: string | null;
  readonly tier: number | null;
  readonly type: string;
  readonly target: string;
  readonly nodeId: string | null;
  readonly nodeName: string | null;
  readonly status: RunStatus;
  readonly reason: string | null;
  readonly createdAt: string;
  readonly dispatchedAt: string | null;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  /** The node's result object (per probe type), once the run has finished. */
  readonly result: Record<string, unknown> | null;
  readonly children?: readonly Run[];
}

export interface RunPage {
  readonly items: readonly Run[];
  readonly nextCursor: string | null;
}

export function isTerminal(status: RunStatus): boolean {
  return status === 'succeeded' || status === 'failed' || status === 'timed_out' || status === 'canceled';
}

export const runsPath = (orgId: string) => `/api/v1/orgs/${encodeURIComponent(orgId)}/runs`;
export const runPath = (orgId: string, runId: string) => `${runsPath(orgId)}/${encodeURIComponent(runId)}`;

const runsKey = (orgId: string) => ['runs', orgId] as const;

export interface RunsFilter {
  readonly limit?: number;
  readonly status?: RunStatus;
  readonly testId?: string;
}

export function useRuns(orgId: string, filter: RunsFilter = {}, { poll = false } = {}) {
  const query = new URLSearchParams();
  Object.entries(filter).forEach(([key, value]) => {
    if (value !== undefined && value !== '') {
      query.set(key, String(value));
    }
  });
  return useQuery(
    queryOptions({
      queryKey: [...runsKey(orgId), 'list', filter],
      queryFn: ({ signal }) => api.get<RunPage>(`${runsPath(orgId)}?${query.toString()}`, { signal }),
      refetchInterval: poll ? 5_000 : false,
    }),
  );
}

export function useRun(orgId: string, runId: string) {
  return useQuery(
    queryOptions({
      queryKey: [...runsKey(orgId), 'one', runId],
      queryFn: ({ signal }) => api.get<Run>(runPath(orgId, runId), { signal }),
    }),
  );
}

export type RunRequest = { readonly testId: string } | { readonly tier: number; readonly target: string };

export function useCreateRun(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: RunRequest) => api.post<Run>(runsPath(orgId), request),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: runsKey(orgId) }),
  });
}

export function useCancelRun(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (runId: string) => api.post<Run>(`${runPath(orgId, runId)}/cancel`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: runsKey(orgId) }),
  });
}

/** A run's stored result with its verdict (the results endpoint), found by run id. */
export interface RunVerdict {
  readonly id: string;
  readonly runId: string;
  readonly verdict: 'ok' | 'breach';
  readonly breaches: readonly { metric: string; threshold: number; value: number }[];
  readonly summary?: unknown;
}

export function useRunVerdict(orgId: string, run: Run | undefined) {
  const query = new URLSearchParams({ limit: '50' });
  if (run?.testId) {
    query.set('testId', run.testId);
  } else if (run) {
    query.set('target', run.target);
  }
  return useQuery(
    queryOptions({
      queryKey: ['results', orgId, 'for-run', run?.id],
      queryFn: async ({ signal }) => {
        const page = await api.get<{ items: RunVerdict[] }>(
          `/api/v1/orgs/${encodeURIComponent(orgId)}/results?${query.toString()}`,
          { signal },
        );
        return page.items.find((item) => item.runId === run?.id) ?? null;
      },
      enabled: run !== undefined && isTerminal(run.status),
    }),
  );
}
