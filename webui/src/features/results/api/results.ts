import { keepPreviousData, queryOptions, useInfiniteQuery, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { Schema, WithNullable } from '@/lib/api-schema';

/** A threshold that fired (Verdicts.Breach): numbers, or for `status` the expected and actual status. */
export type Breach = Schema<'Breach'>;

/** A stored result as GET /results sends it (ResultView.java); `samples` only on GET /results/{id}. */
export type Result = WithNullable<
  Omit<Schema<'ResultView'>, 'samples' | 'verdict'>,
  | 'parentRunId'
  | 'testId'
  | 'testName'
  | 'nodeId'
  | 'nodeName'
  | 'tier'
  | 'reason'
  | 'startedAt'
  | 'latencyAvgMs'
  | 'latencyP50Ms'
  | 'latencyP95Ms'
  | 'latencyP99Ms'
  | 'jitterMs'
  | 'lossPercent'
  | 'throughputUpMbps'
  | 'throughputDownMbps'
  | 'retransmits'
  | 'httpTotalMs'
  | 'dnsMs'
  | 'certificateDaysLeft'
  | 'clientIp'
> & {
  readonly verdict: 'ok' | 'breach';
  readonly samples?: Schema<'ResultView'>['samples'];
};

export type ResultPage = Omit<Schema<'ResultPage'>, 'items' | 'nextCursor'> & {
  readonly items: readonly Result[];
  readonly nextCursor: string | null;
};

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
