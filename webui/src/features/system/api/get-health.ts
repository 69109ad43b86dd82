import { queryOptions, useQuery } from '@tanstack/react-query';

import { api, ApiError } from '@/lib/api-client';

/** Spring Boot Actuator's status codes; custom indicators may add their own. */
export type HealthStatus = 'UP' | 'DOWN' | 'OUT_OF_SERVICE' | 'UNKNOWN' | (string & {});

export interface HealthComponent {
  readonly status: HealthStatus;
  readonly components?: Readonly<Record<string, HealthComponent>>;
  readonly details?: Readonly<Record<string, unknown>>;
}

export interface Health {
  readonly status: HealthStatus;
  /** Present only when the API exposes components (management.endpoint.health.show-components). */
  readonly components?: Readonly<Record<string, HealthComponent>>;
}

export const HEALTH_POLL_INTERVAL_MS = 15_000;

const HEALTH_PATH = '/actuator/health';

export async function getHealth(signal?: AbortSignal): Promise<Health> {
  try {
    return toHealth(await api.get<unknown>(HEALTH_PATH, { signal, timeoutMs: 10_000 }));
  } catch (error) {
    // Actuator answers 503 with the usual body when the aggregate status is DOWN or
    // OUT_OF_SERVICE: the endpoint works and is reporting a problem, which the UI must
    // show as "degraded", not as "unreachable".
    if (error instanceof ApiError && error.kind === 'http' && isHealth(error.body)) {
      return error.body;
    }
    throw error;
  }
}

function toHealth(body: unknown): Health {
  if (!isHealth(body)) {
    throw new Error(`GET ${HEALTH_PATH} answered without a health status.`);
  }
  return body;
}

function isHealth(body: unknown): body is Health {
  return typeof body === 'object' && body !== null && typeof (body as { status?: unknown }).status === 'string';
}

export const healthQueryOptions = () =>
  queryOptions({
    queryKey: ['system', 'health'],
    queryFn: ({ signal }) => getHealth(signal),
    // One quick retry so a single dropped request does not flash an outage banner for
    // a whole polling interval.
    retry: 1,
    retryDelay: 1_000,
  });

/**
 * Health for any view. Only the status banner, which the app shell always renders,
 * passes `poll: true`: every observer with an interval runs its own timer, so letting
 * each view poll would multiply the requests. The others read the same cache entry and
 * update with each poll.
 */
export function useHealth({ poll = false }: { poll?: boolean } = {}) {
  return useQuery({ ...healthQueryOptions(), refetchInterval: poll ? HEALTH_POLL_INTERVAL_MS : false });
}
