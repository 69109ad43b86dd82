import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from './api-client';
import type { ProbeTypeInfo } from './probe-types';

export const PROBE_TYPES_PATH = '/api/v1/probe-types';

export const probeTypesQueryOptions = queryOptions({
  queryKey: ['probe-types'],
  queryFn: ({ signal }) => api.get<ProbeTypeInfo[]>(PROBE_TYPES_PATH, { signal }),
  // The catalogue changes only with a new API release; one request per session is enough
  // (sign-out clears the cache).
  staleTime: Infinity,
  gcTime: Infinity,
});

/** Every probe type's parameters, target format, result and sample fields, for forms and run pages. */
export function useProbeTypes() {
  return useQuery(probeTypesQueryOptions);
}

/** The catalogue entry of a type, or undefined for a type the API does not publish (a tier run, "speedtest"). */
export function findProbeType(catalogue: readonly ProbeTypeInfo[] | undefined, type: string | null | undefined) {
  return type ? catalogue?.find((entry) => entry.type === type) : undefined;
}
