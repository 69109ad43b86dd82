import type { ProbeTypeInfo } from '@/lib/probe-types';

import catalogue from './fixtures/probe-types.json';
import { jsonResponse } from './test-utils';

/** `GET /api/v1/probe-types` as the API answers it (fixtures/probe-types.json). */
export const PROBE_TYPES = catalogue as unknown as readonly ProbeTypeInfo[];

export function probeType(type: string): ProbeTypeInfo {
  const entry = PROBE_TYPES.find((candidate) => candidate.type === type);
  if (!entry) {
    throw new Error(`no probe type ${type} in the fixture`);
  }
  return entry;
}

/** A mockFetch route that answers the catalogue. */
export const probeTypesRoute = { 'GET /api/v1/probe-types': () => jsonResponse(PROBE_TYPES) };
