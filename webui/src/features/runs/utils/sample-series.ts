import type { ChartSeries } from '@/components/line-chart';

/** One per-second sample from a run's event stream: `values` is the node's progress object. */
export interface RunSample {
  readonly second: number;
  readonly values: Readonly<Record<string, unknown>>;
}

export interface SampleChart {
  readonly title: string;
  readonly unit: string;
  readonly series: readonly ChartSeries[];
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function series(name: string, samples: readonly RunSample[], pick: (values: RunSample['values']) => number | undefined): ChartSeries {
  return {
    name,
    points: samples.flatMap((s) => {
      const y = pick(s.values);
      return y === undefined ? [] : [{ x: s.second, y }];
    }),
  };
}

/**
 * Turns a run's samples into the charts its probe type can fill: throughput, RTT, jitter and
 * loss for the kinds that report them; phase-only probes (http, dns, ssh) produce none. Loss
 * is derived from the running counters (sent vs received, or failed vs completed), so the
 * chart shows the loss so far at each second.
 */
export function chartsFor(type: string, samples: readonly RunSample[]): SampleChart[] {
  const sorted = [...samples].sort((a, b) => a.second - b.second);
  const charts: SampleChart[] = [];
  const keep = (chart: SampleChart) => {
    if (chart.series.some((s) => s.points.length > 0)) {
      charts.push(chart);
    }
  };
  if (type === 'throughput') {
    keep({
      title: 'Throughput',
      unit: 'Mbit/s',
      series: [
        series('Sent', sorted, (v) => num(v.sentMbps)),
        series('Received', sorted, (v) => num(v.receivedMbps)),
      ].filter((s) => s.points.length > 0),
    });
    keep({ title: 'Round-trip time under load', unit: 'ms', series: [series('RTT', sorted, (v) => num(v.rttMillis))] });
    keep({ title: 'Jitter', unit: 'ms', series: [series('Jitter', sorted, (v) => num(v.jitterMillis))] });
    keep({ title: 'Lost packets', unit: 'packets', series: [series('Lost', sorted, (v) => num(v.lostPackets))] });
    return charts;
  }
  if (type === 'tcp_connect' || type === 'udp_echo') {
    keep({ title: 'Round-trip time', unit: 'ms', series: [series('Last RTT', sorted, (v) => num(v.lastRttMillis))] });
    keep({ title: 'Jitter', unit: 'ms', series: [jitterSeries(sorted)] });
    keep({
      title: 'Loss so far',
      unit: '%',
      series: [
        series('Loss', sorted, (v) => {
          if (type === 'udp_echo') {
            const sent = num(v.sent);
            const received = num(v.received);
            return sent && received !== undefined ? round(((sent - received) / sent) * 100) : undefined;
          }
          const completed = num(v.completed);
          const failed = num(v.failed);
          return completed && failed !== undefined ? round((failed / completed) * 100) : undefined;
        }),
      ],
    });
  }
  return charts;
}

/**
 * Jitter as RFC 3550 estimates it (J += (|D| - J) / 16) over the RTT samples seen so far; the
 * node reports only the final jitter, so the live chart derives its own.
 */
function jitterSeries(samples: readonly RunSample[]): ChartSeries {
  const points: { x: number; y: number }[] = [];
  let previous: number | undefined;
  let jitter = 0;
  for (const sample of samples) {
    const rtt = num(sample.values.lastRttMillis);
    if (rtt === undefined) {
      continue;
    }
    if (previous !== undefined) {
      jitter += (Math.abs(rtt - previous) - jitter) / 16;
      points.push({ x: sample.second, y: round(jitter) });
    }
    previous = rtt;
  }
  return { name: 'Jitter', points };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/** The node's phase for probes that report no numbers while running ("connecting", "tls"). */
export function latestPhase(samples: readonly RunSample[]): string | undefined {
  const last = [...samples].sort((a, b) => a.second - b.second).at(-1);
  return typeof last?.values.phase === 'string' ? last.values.phase : undefined;
}
