import type { ChartSeries } from '@/components/line-chart';
import type { MeasureField } from '@/lib/probe-types';

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
 * loss for the kinds that report them; phase-only probes (http, dns, ssh) produce none. Series
 * names and units come from the type's `progress` fields in the probe catalogue (the names here
 * are for a type the catalogue lacks). Loss is derived from the running counters (sent vs
 * received, or failed vs completed), so the chart shows the loss so far at each second; jitter
 * is derived from the RTTs. A catalogued type without charts of its own gets one chart per
 * numeric progress field that has a unit.
 */
export function chartsFor(type: string, samples: readonly RunSample[], progress: readonly MeasureField[] = []): SampleChart[] {
  const sorted = [...samples].sort((a, b) => a.second - b.second);
  const charts: SampleChart[] = [];
  const keep = (chart: SampleChart) => {
    if (chart.series.some((s) => s.points.length > 0)) {
      charts.push(chart);
    }
  };
  const field = (key: string, label: string, unit: string) => {
    const published = progress.find((candidate) => candidate.key === key);
    return { key, label: published?.label ?? label, unit: published?.unit ?? unit };
  };
  const fieldSeries = (f: { key: string; label: string }) => series(f.label, sorted, (v) => num(v[f.key]));
  if (type === 'throughput') {
    const sent = field('sentMbps', 'Sent', 'Mbit/s');
    const received = field('receivedMbps', 'Received', 'Mbit/s');
    keep({ title: 'Throughput', unit: sent.unit, series: [fieldSeries(sent), fieldSeries(received)].filter((s) => s.points.length > 0) });
    const rtt = field('rttMillis', 'RTT', 'ms');
    keep({ title: 'Round-trip time under load', unit: rtt.unit, series: [fieldSeries(rtt)] });
    const jitter = field('jitterMillis', 'Jitter', 'ms');
    keep({ title: 'Jitter', unit: jitter.unit, series: [fieldSeries(jitter)] });
    const lost = field('lostPackets', 'Lost', 'packets');
    keep({ title: 'Lost packets', unit: lost.unit, series: [fieldSeries(lost)] });
    return charts;
  }
  if (type === 'tcp_connect' || type === 'udp_echo') {
    const rtt = field('lastRttMillis', 'Last RTT', 'ms');
    keep({ title: 'Round-trip time', unit: rtt.unit, series: [fieldSeries(rtt)] });
    keep({ title: 'Jitter', unit: rtt.unit, series: [jitterSeries(sorted)] });
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
    return charts;
  }
  for (const published of progress) {
    if (published.unit !== '') {
      keep({ title: published.label, unit: published.unit, series: [fieldSeries(published)] });
    }
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
