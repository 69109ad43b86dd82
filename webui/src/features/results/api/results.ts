import { keepPreviousData, queryOptions, useInfiniteQuery, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

/*
 * The results endpoints are being added to the API in parallel with this UI, so they are not
 * in webui/openapi.json yet; these types follow the agreed contract and give way to
 * Schema<'Result'> once scripts/update-openapi.sh picks the endpoints up.
 */
export interface Breach {
  readonly metric: string;
  readonly threshold: number;
  readonly value: number;
}

export interface Result {
  readonly id: string;
  readonly runId: string;
  readonly testId: string | null;
  readonly testName?: string | null;
  readonly nodeId: string | null;
  readonly nodeName: string | null;
  readonly type: string;
  readonly target: string;
  readonly tier: number | null;
  readonly status: string;
  readonly verdict: 'ok' | 'breach';
  readonly breaches: readonly Breach[];
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  readonly latencyAvgMs: number | null;
  readonly latencyP50Ms: number | null;
  readonly latencyP95Ms: number | null;
  readonly latencyP99Ms: number | null;
  readonly jitterMs: number | null;
  readonly lossPercent: number | null;
  readonly throughputUpMbps: number | null;
  readonly throughputDownMbps: number | null;
  readonly retransmits: number | null;
  readonly httpTotalMs: number | null;
  readonly dnsMs: number | null;
  readonly certificateDaysLeft: number | null;
  readonly clientIp?: string | null;
  readonly summary?: unknown;
}

export interface ResultPage {
  readonly items: readonly Result[];
  readonly nextCursor: string | null;
}

export const RESULT_FILTERS = ['testId', 'nodeId', 'target', 'tier', 'status', 'verdict', 'type', 'from', 'to'] as const;
export type ResultFilter = Partial<Record<(typeof RESULT_FILTERS)[number], string>>;

export const resultsPath = (orgId: string) => `/api/v1/orgs/${encodeURIComponent(orgId)}/results`;

/** The filter as query parameters, empty ones left out; `from`/`to` (datetime-local) as ISO instants. */
export function filterQuery(filter: ResultFilter): URLSearchParams {
  const query = new URLSearchParams();
  for (const key of RESULT_FILTERS) {
    const value = filter[key]?.trim();
    if (!value) {
      continue;
    }
    if (key === 'from' || key === 'to') {
      const date = new Date(value);
      if (!Number.isNaN(date.getTime())) {
        query.set(key, date.toISOString());
      }
    } else {
      query.set(key, value);
    }
  }
  return query;
}

const PAGE_SIZE = 25;

export function useResults(orgId: string, filter: ResultFilter) {
  return useInfiniteQuery({
    queryKey: ['results', orgId, 'list', filter],
    queryFn: ({ pageParam, signal }) => {
      const query = filterQuery(filter);
      query.set('limit', String(PAGE_SIZE));
      if (pageParam) {
        query.set('cursor', pageParam);
      }
      return api.get<ResultPage>(`${resultsPath(orgId)}?${query.toString()}`, { signal });
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

export function useRecentResults(orgId: string) {
  return useQuery(
    queryOptions({
      queryKey: ['results', orgId, 'recent'],
      queryFn: ({ signal }) => api.get<ResultPage>(`${resultsPath(orgId)}?limit=8`, { signal }),
      refetchInterval: 10_000,
    }),
  );
}

export function exportPath(orgId: string, format: 'csv' | 'json', filter: ResultFilter): string {
  const query = filterQuery(filter);
  query.set('format', format);
  return `${resultsPath(orgId)}/export?${query.toString()}`;
}
