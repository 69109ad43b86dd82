import type { TimeMarker, TimeSeries } from '@/components/time-chart';

import type { MonitorSeries } from '../api/monitor-series';

/** The figures the series API has per probe, as `<probe>.<figure>` metric names. */
const FIGURES: Readonly<Record<string, readonly { figure: string; label: string }[]>> = {
  tcp_connect: [{ figure: 'latency_ms', label: 'latency' }],
  udp_echo: [
    { figure: 'latency_ms', label: 'latency' },
    { figure: 'jitter_ms', label: 'jitter' },
    { figure: 'loss_percent', label: 'loss' },
  ],
  http: [{ figure: 'http_total_ms', label: 'total time' }],
  dns: [{ figure: 'dns_ms', label: 'query time' }],
  throughput: [
    { figure: 'throughput_down_mbps', label: 'download' },
    { figure: 'throughput_up_mbps', label: 'upload' },
  ],
};

export interface MetricOption {
  readonly value: string;
  readonly probe: string;
  readonly label: string;
}

/** The metrics a monitor's probes have, in the monitor's probe order. */
export function metricsFor(probes: readonly string[], probeLabel: (probe: string) => string): MetricOption[] {
  return probes.flatMap((probe) =>
    (FIGURES[probe] ?? []).map(({ figure, label }) => ({ value: `${probe}.${figure}`, probe, label: `${probeLabel(probe)} ${label}` })),
  );
}

export const RANGES = [
  { value: '24h', label: '24 h', seconds: 86_400, step: 300 },
  { value: '7d', label: '7 d', seconds: 7 * 86_400, step: 3_600 },
  { value: '30d', label: '30 d', seconds: 30 * 86_400, step: 21_600 },
] as const;

export type TrendRange = (typeof RANGES)[number];

/**
 * The window ending at `now`, its end rounded up to a whole step so the buckets line up with the
 * server's and the query stays the same until the next bucket begins.
 */
export function windowFor(range: TrendRange, now: number): { from: string; to: string; step: number } {
  const stepMs = range.step * 1000;
  const to = Math.ceil(now / stepMs) * stepMs;
  return { from: instant(to - range.seconds * 1000), to: instant(to), step: range.step };
}

function instant(ms: number): string {
  return new Date(ms).toISOString().replace(/\.000Z$/, 'Z');
}

const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

/** Each node's p50 as a solid line and p95 as a dashed one in the same colour; null figures are gaps. */
export function chartSeries(response: MonitorSeries): TimeSeries[] {
  return response.series.flatMap((node) => [
    { label: `${node.nodeName} p50`, group: node.nodeId, points: node.points.map((p) => ({ t: seconds(p.at), y: p.p50 })) },
    { label: `${node.nodeName} p95`, group: node.nodeId, dashed: true, points: node.points.map((p) => ({ t: seconds(p.at), y: p.p95 })) },
  ]);
}

export function escalationMarkers(response: MonitorSeries): TimeMarker[] {
  return response.escalations.map((e) => ({ t: seconds(e.at), label: `Tier ${e.tier} on ${e.nodeName}` }));
}

/** Rounds and failed rounds per node over the window. */
export function nodeTotals(response: MonitorSeries): { nodeId: string; nodeName: string; rounds: number; failed: number }[] {
  return response.series.map((node) => ({
    nodeId: node.nodeId,
    nodeName: node.nodeName,
    rounds: node.points.reduce((sum, p) => sum + p.count, 0),
    failed: node.points.reduce((sum, p) => sum + p.failed, 0),
  }));
}
