import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

/** The parts of GET /actuator/info the UI uses; the API fills `build` from build-info.properties. */
export interface BuildInfo {
  readonly version?: string;
  readonly time?: string;
}

export async function getBuildInfo(signal?: AbortSignal): Promise<BuildInfo> {
  const body = await api.get<unknown>('/actuator/info', { signal });
  const build = isRecord(body) && isRecord(body.build) ? body.build : {};
  return {
    version: typeof build.version === 'string' ? build.version : undefined,
    time: typeof build.time === 'string' ? build.time : undefined,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export const buildInfoQueryOptions = () =>
  queryOptions({
    queryKey: ['system', 'info'],
    queryFn: ({ signal }) => getBuildInfo(signal),
    // The version changes only with a deployment; refreshing on window focus is enough.
    staleTime: 5 * 60_000,
  });

export function useBuildInfo() {
  return useQuery(buildInfoQueryOptions());
}
