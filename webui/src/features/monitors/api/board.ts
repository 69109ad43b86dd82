import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import { monitorsPath, monitorsQueryKey } from './monitors';

/** The newest round of a board row. */
export interface BoardLatest {
  readonly at: string;
  readonly runId: string;
  /** Null when the probe failed or has no figure for the metric (ssh). */
  readonly value: number | null;
  readonly status: string;
  /** As the results API says it: ok or breach. */
  readonly verdict: string;
}

/** A row's figures over the board's window of rounds; null where no round had a figure. */
export interface BoardStats {
  readonly rounds: number;
  readonly failed: number;
  readonly min: number | null;
  readonly max: number | null;
  readonly avg: number | null;
  readonly p90: number | null;
}

/** One monitor × node × probe × tier; `version` grows with every update of the row. */
export interface BoardRow {
  readonly key: string;
  readonly monitorId: string;
  readonly monitorName: string;
  readonly target: string;
  readonly nodeId: string;
  readonly nodeName: string;
  readonly region: string | null;
  readonly labels: readonly string[];
  readonly probe: string;
  readonly tier: number;
  readonly metric: string;
  readonly unit: string;
  readonly latest: BoardLatest;
  readonly stats: BoardStats;
  readonly version: number;
  readonly updatedAt: string;
}

export interface Board {
  readonly window: number;
  readonly rows: readonly BoardRow[];
}

export const boardPath = (orgId: string) => `${monitorsPath(orgId)}/board`;

export const boardQueryKey = (orgId: string, window: number) => [...monitorsQueryKey(orgId), 'board', window] as const;

/** The board as it stands: the live stream (`${boardPath}/events`) brings the changes after it. */
export function useBoard(orgId: string, window: number) {
  return useQuery(
    queryOptions({
      queryKey: boardQueryKey(orgId, window),
      queryFn: ({ signal }) => api.get<Board>(`${boardPath(orgId)}?window=${window}`, { signal }),
      // The stream keeps the rows current; reading the snapshot again would only race it.
      staleTime: Infinity,
    }),
  );
}
