import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import { monitorsPath, monitorsQueryKey } from './monitors';

/** One bucket of one node's rounds; buckets without a round are left out. */
export interface SeriesPoint {
  readonly at: string;
  readonly count: number;
  readonly failed: number;
  /** Null when every round of the bucket failed. */
  readonly p50: number | null;
  readonly p95: number | null;
  readonly max: number | null;
  readonly lossPercent: number | null;
}

export interface NodeSeries {
  readonly nodeId: string;
  readonly nodeName: string;
  readonly points: readonly SeriesPoint[];
}

/** A tier run a breach of this monitor started. */
export interface SeriesEscalation {
  readonly runId: string;
  readonly tier: number;
  readonly at: string;
  readonly nodeId: string;
  readonly nodeName: string;
  readonly status: string;
  readonly probe: string;
  readonly metric: string;
  readonly threshold: number;
  readonly value: number;
}

/** GET /monitors/{id}/series: one metric of a monitor's rounds, bucketed per node. */
export interface MonitorSeries {
  readonly monitorId: string;
  readonly metric: string;
  readonly unit: string;
  readonly from: string;
  readonly to: string;
  readonly step: number;
  readonly series: readonly NodeSeries[];
  readonly escalations: readonly SeriesEscalation[];
}

export interface SeriesRequest {
  readonly metric: string;
  /** ISO instants. */
  readonly from: string;
  readonly to: string;
  /** Bucket width in seconds. */
  readonly step: number;
}

export function useMonitorSeries(orgId: string, monitorId: string, request: SeriesRequest) {
  const query = new URLSearchParams({ metric: request.metric, from: request.from, to: request.to, step: String(request.step) });
  return useQuery(
    queryOptions({
      queryKey: [...monitorsQueryKey(orgId), monitorId, 'series', request],
      queryFn: ({ signal }) =>
        api.get<MonitorSeries>(`${monitorsPath(orgId)}/${encodeURIComponent(monitorId)}/series?${query.toString()}`, { signal }),
      // Switching range or metric keeps the old chart until the new one arrives.
      placeholderData: keepPreviousData,
    }),
  );
}
