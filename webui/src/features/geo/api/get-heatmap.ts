import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { Schema, WithNullable } from '@/lib/api-schema';

export type PlaceProperties = WithNullable<Schema<'PlaceProperties'>, 'latitude' | 'longitude'>;
export type HeatmapFeature = Omit<Schema<'Feature'>, 'geometry' | 'properties'> & {
  geometry: { type: string; coordinates: unknown } | null;
  properties: PlaceProperties;
};
export type Heatmap = Omit<WithNullable<Schema<'HeatmapCollection'>, 'side' | 'attribution'>, 'features'> & {
  features: HeatmapFeature[];
};

export interface HeatmapQuery {
  metric: string;
  level: string;
  from: string;
  to: string;
}

export function heatmapPath(orgId: string, query: HeatmapQuery, suffix = ''): string {
  const params = new URLSearchParams({ metric: query.metric, level: query.level, from: query.from, to: query.to });
  return `/api/v1/orgs/${encodeURIComponent(orgId)}/heatmap${suffix}?${params.toString()}`;
}

export function useHeatmap(orgId: string, query: HeatmapQuery) {
  return useQuery(
    queryOptions({
      queryKey: ['heatmap', orgId, query],
      queryFn: ({ signal }) => api.get<Heatmap>(heatmapPath(orgId, query), { signal }),
      // Zooming between countries and cells keeps the last picture until the next one arrives.
      placeholderData: keepPreviousData,
      // 402 (not licensed) and 400 will not change by asking again.
      retry: false,
    }),
  );
}
