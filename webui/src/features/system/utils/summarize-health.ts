import type { UseQueryResult } from '@tanstack/react-query';

import type { Health, HealthStatus } from '../api/get-health';

export type SystemState = 'checking' | 'operational' | 'degraded' | 'unreachable';

export interface HealthSummary {
  readonly state: SystemState;
  readonly headline: string;
  /** Why the state is not operational; absent when there is nothing to explain. */
  readonly detail?: string;
}

export function summarizeHealth(query: Pick<UseQueryResult<Health>, 'data' | 'error' | 'isPending'>): HealthSummary {
  // The latest attempt wins: an error after an earlier success means the API has gone
  // away since, and the old "UP" must not keep reassuring anyone.
  if (query.error) {
    return { state: 'unreachable', headline: 'WaddlePerf API unreachable', detail: query.error.message };
  }
  if (query.isPending || !query.data) {
    return { state: 'checking', headline: 'Checking system status…' };
  }
  if (query.data.status === 'UP') {
    return { state: 'operational', headline: 'All systems operational' };
  }
  const failing = Object.entries(query.data.components ?? {})
    .filter(([, component]) => component.status !== 'UP')
    .map(([name, component]) => `${componentLabel(name)} is ${statusLabel(component.status).toLowerCase()}`);
  return {
    state: 'degraded',
    headline: 'Service degraded',
    detail:
      failing.length > 0
        ? `${failing.join('; ')}.`
        : `The API reports status ${statusLabel(query.data.status).toLowerCase()}.`,
  };
}

const COMPONENT_LABELS: Record<string, string> = {
  db: 'Database',
  diskSpace: 'Disk space',
  livenessState: 'Liveness',
  readinessState: 'Readiness',
  ssl: 'TLS certificates',
};

/** Actuator names indicators after their beans ("diskSpace"); people read "Disk space". */
export function componentLabel(name: string): string {
  const known = COMPONENT_LABELS[name];
  if (known) {
    return known;
  }
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const STATUS_LABELS: Record<string, string> = {
  UP: 'Up',
  DOWN: 'Down',
  OUT_OF_SERVICE: 'Out of service',
  UNKNOWN: 'Unknown',
};

export function statusLabel(status: HealthStatus): string {
  return STATUS_LABELS[status] ?? status;
}
