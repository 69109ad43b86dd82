import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { Schema, WithNullable } from '@/lib/api-schema';

import { monitorsPath, monitorsQueryKey } from './monitors';

/** One bucket of one node's rounds (SeriesPoint); buckets without a round are left out. */
export type SeriesPoint = WithNullable<Schema<'SeriesPoint'>, 'p50' | 'p95' | 'max' | 'lossPercent'>;

export type NodeSeries = Omit<Schema<'SeriesNode'>, 'points'> & {
  readonly points: readonly SeriesPoint[];
};

/** A tier run a breach of this monitor started; threshold and value are numbers except for `status`. */
export type SeriesEscalation = Omit<WithNullable<Schema<'SeriesEscalation'>, 'nodeId' | 'nodeName'>, 'threshold' | 'value'> & {
  readonly threshold: number | string;
  readonly value: number | string;
};

/** GET /monitors/{id}/series: one metric of a monitor's rounds, bucketed per node. */
export type MonitorSeries = Omit<Schema<'MonitorSeries'>, 'series' | 'escalations'> & {
  readonly series: readonly NodeSeries[];
  readonly escalations: readonly SeriesEscalation[];
};

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
