import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { Schema, WithNullable } from '@/lib/api-schema';

export type RunStatus = Schema<'RunView'>['status'];

/**
 * A run as GET /runs/{id} sends it (RunView.java). The document cannot say which components are
 * @Nullable, nor type the recursive `children`.
 */
export type Run = WithNullable<
  Omit<Schema<'RunView'>, 'children' | 'result' | 'escalation'>,
  'parentRunId' | 'testId' | 'testName' | 'tier' | 'type' | 'nodeId' | 'nodeName' | 'reason' | 'dispatchedAt' | 'startedAt' | 'finishedAt' | 'monitorId'
> & {
  /** The node's result object (per probe type), once the node sent one. */
  readonly result: Record<string, unknown> | null;
  readonly children: readonly Run[];
  /** Set on a tier run a monitor started because a lower tier's run breached a threshold. */
  readonly escalation: RunEscalation | null;
};

/** Why a monitor escalated to this tier run (RunView's `escalation`): numbers except for `status`. */
export type RunEscalation = Omit<Schema<'RunEscalation'>, 'threshold' | 'value'> & {
  readonly threshold: number | string;
  readonly value: number | string;
};

export type RunPage = Omit<Schema<'RunPage'>, 'items' | 'nextCursor'> & {
  readonly items: readonly Run[];
  readonly nextCursor: string | null;
};

export function isTerminal(status: RunStatus): boolean {
  return status === 'succeeded' || status === 'failed' || status === 'timed_out' || status === 'canceled' || status === 'skipped';
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

/** A tier run (RunController.StartRequest): the tier's probes against one target. */
export interface TierRunRequest {
  readonly tier: number;
  readonly target: string;
  readonly nodeSelector?: { readonly nodeId: string };
  readonly udpEchoPort?: number;
  readonly iperfPort?: number;
  readonly dnsResolver?: string;
}

export type RunRequest = { readonly testId: string } | TierRunRequest;

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

/** A threshold that fired (Verdicts.Breach): numbers, or for `status` the expected and actual status. */
export interface RunBreach {
  readonly metric: string;
  readonly threshold: number | string;
  readonly value: number | string;
}

/** A run's verdict from its stored results: a probe run's own, or a tier run's children together. */
export interface RunVerdict {
  readonly verdict: 'ok' | 'breach';
  readonly breaches: readonly RunBreach[];
  /** How many stored results it was made of (a tier run has one per child). */
  readonly results: number;
}

/** A run's verdict with each probe run's own (a tier run's children, or the probe run alone), by run id. */
export interface RunVerdicts extends RunVerdict {
  readonly byRun: ReadonlyMap<string, RunVerdict>;
}

function verdictOf(items: readonly StoredResult[]): RunVerdict {
  return {
    verdict: items.some((item) => item.verdict === 'breach') ? 'breach' : 'ok',
    breaches: items.flatMap((item) => item.breaches),
    results: items.length,
  };
}

interface StoredResult {
  readonly runId: string;
  readonly parentRunId: string | null;
  readonly verdict: string;
  readonly breaches: readonly RunBreach[];
}

/**
 * The results API has no run filter; the narrowest query it supports is the run's test (or tier,
 * or target) finished since the run was created: results are stored with the run's own
 * finishedAt, so the run's result is on the first page.
 */
export function runResultsQuery(run: Run): URLSearchParams {
  const query = new URLSearchParams({ limit: '100', from: run.createdAt });
  if (run.testId) {
    query.set('testId', run.testId);
  } else if (run.tier !== null && run.children.length > 0) {
    query.set('tier', String(run.tier));
  } else {
    query.set('target', run.target);
  }
  return query;
}

export function useRunVerdict(orgId: string, run: Run | undefined) {
  return useQuery(
    queryOptions({
      queryKey: ['results', orgId, 'for-run', run?.id],
      queryFn: async ({ signal }): Promise<RunVerdicts | null> => {
        if (!run) {
          return null;
        }
        const page = await api.get<{ items: StoredResult[] }>(
          `/api/v1/orgs/${encodeURIComponent(orgId)}/results?${runResultsQuery(run).toString()}`,
          { signal },
        );
        const mine = page.items.filter((item) => item.runId === run.id || item.parentRunId === run.id);
        if (mine.length === 0) {
          return null;
        }
        const byRun = new Map<string, RunVerdict>();
        for (const runId of new Set(mine.map((item) => item.runId))) {
          byRun.set(
            runId,
            verdictOf(mine.filter((item) => item.runId === runId)),
          );
        }
        return { ...verdictOf(mine), byRun };
      },
      enabled: run !== undefined && isTerminal(run.status),
    }),
  );
}

/**
 * Verdicts of several runs from one results query: everything finished since the oldest of them
 * was created (up to 500 results, the API's page limit), grouped by run (a tier run's children
 * under their parent). Runs without a stored result yet are missing from the map.
 */
export function useRunVerdicts(orgId: string, runs: readonly Run[] | undefined) {
  const finished = (runs ?? []).filter((run) => isTerminal(run.status));
  const since = finished.map((run) => run.createdAt).sort()[0];
  const ids = finished.map((run) => run.id);
  return useQuery(
    queryOptions({
      queryKey: ['results', orgId, 'for-runs', ids],
      queryFn: async ({ signal }) => {
        const query = new URLSearchParams({ limit: '500' });
        if (since) {
          query.set('from', since);
        }
        const page = await api.get<{ items: StoredResult[] }>(
          `/api/v1/orgs/${encodeURIComponent(orgId)}/results?${query.toString()}`,
          { signal },
        );
        const wanted = new Set(ids);
        const verdicts = new Map<string, RunVerdict>();
        for (const item of page.items) {
          const runId = item.parentRunId && wanted.has(item.parentRunId) ? item.parentRunId : item.runId;
          if (!wanted.has(runId)) {
            continue;
          }
          const before = verdicts.get(runId);
          verdicts.set(runId, {
            verdict: before?.verdict === 'breach' || item.verdict === 'breach' ? 'breach' : 'ok',
            breaches: [...(before?.breaches ?? []), ...item.breaches],
            results: (before?.results ?? 0) + 1,
          });
        }
        return verdicts;
      },
      enabled: ids.length > 0,
    }),
  );
}
