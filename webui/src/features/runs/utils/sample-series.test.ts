import { describe, expect, it } from 'vitest';

import type { ProbeTypeInfo } from '@/lib/probe-types';
import { probeType } from '@/testing/probe-types';

import { chartsFor, latestPhase } from './sample-series';

describe('chartsFor', () => {
  it('charts throughput, RTT, jitter and loss of a throughput run', () => {
    const charts = chartsFor('throughput', [
      { second: 2, values: { second: 2, sentMbps: 940.5, receivedMbps: 938.1, rttMillis: 0.4, jitterMillis: 0.02, lostPackets: 1 } },
      { second: 1, values: { second: 1, sentMbps: 900, receivedMbps: 899, rttMillis: 0.5, jitterMillis: 0.03, lostPackets: 0 } },
    ]);
    expect(charts.map((c) => c.title)).toEqual(['Throughput', 'Round-trip time under load', 'Jitter', 'Lost packets']);
    expect(charts[0]?.series).toEqual([
      { name: 'Sent', points: [{ x: 1, y: 900 }, { x: 2, y: 940.5 }] },
      { name: 'Received', points: [{ x: 1, y: 899 }, { x: 2, y: 938.1 }] },
    ]);
  });

  it('names series and units after the catalogue’s progress fields', () => {
    const samples = [{ second: 1, values: { second: 1, sentMbps: 900, receivedMbps: 899, rttMillis: 0.5, lostPackets: 2 } }];
    const charts = chartsFor('throughput', samples, probeType('throughput').progress);
    expect(charts.map((c) => [c.title, c.unit, c.series.map((s) => s.name)])).toEqual([
      ['Throughput', 'Mbit/s', ['Sent', 'Received']],
      ['Round-trip time under load', 'ms', ['RTT under load']],
      ['Lost packets', 'packets', ['Lost']],
    ]);
    const renamed = probeType('tcp_connect').progress.map((f) => (f.key === 'lastRttMillis' ? { ...f, label: 'Latest connect', unit: 'µs' } : f));
    const rtt = chartsFor('tcp_connect', [{ second: 1, values: { completed: 1, total: 2, failed: 0, lastRttMillis: 700 } }], renamed)[0];
    expect([rtt?.title, rtt?.unit, rtt?.series[0]?.name]).toEqual(['Round-trip time', 'µs', 'Latest connect']);
  });

  it('charts each numeric progress field with a unit of a catalogued type it has no charts for', () => {
    const progress: ProbeTypeInfo['progress'] = [
      { key: 'phase', label: 'Phase', unit: '' },
      { key: 'queryMillis', label: 'Query time', unit: 'ms' },
    ];
    const charts = chartsFor('dns', [{ second: 1, values: { phase: 'query', queryMillis: 3.5 } }], progress);
    expect(charts).toEqual([{ title: 'Query time', unit: 'ms', series: [{ name: 'Query time', points: [{ x: 1, y: 3.5 }] }] }]);
  });

  it('leaves out what a TCP throughput run does not report', () => {
    const charts = chartsFor('throughput', [{ second: 1, values: { second: 1, sentMbps: 10, receivedMbps: 9 } }]);
    expect(charts.map((c) => c.title)).toEqual(['Throughput']);
  });

  it('derives loss so far and a smoothed jitter from UDP echo counters', () => {
    const charts = chartsFor('udp_echo', [
      { second: 1, values: { sent: 10, received: 10, total: 50, lastRttMillis: 10 } },
      { second: 2, values: { sent: 20, received: 19, total: 50, lastRttMillis: 26 } },
      { second: 3, values: { sent: 40, received: 38, total: 50, lastRttMillis: 10 } },
    ]);
    const byTitle = Object.fromEntries(charts.map((c) => [c.title, c.series[0]?.points]));
    expect(byTitle['Round-trip time']).toEqual([
      { x: 1, y: 10 },
      { x: 2, y: 26 },
      { x: 3, y: 10 },
    ]);
    // RFC 3550: J = J + (|D| - J) / 16 -> 16/16 = 1, then 1 + (16 - 1) / 16 = 1.9375.
    expect(byTitle.Jitter).toEqual([
      { x: 2, y: 1 },
      { x: 3, y: 1.94 },
    ]);
    expect(byTitle['Loss so far']).toEqual([
      { x: 1, y: 0 },
      { x: 2, y: 5 },
      { x: 3, y: 5 },
    ]);
  });

  it('counts failed connects as loss for TCP connect', () => {
    const loss = chartsFor('tcp_connect', [{ second: 1, values: { completed: 8, total: 10, failed: 2, lastRttMillis: 1.5 } }]).find(
      (c) => c.title === 'Loss so far',
    );
    expect(loss?.series[0]?.points).toEqual([{ x: 1, y: 25 }]);
  });

  it('draws nothing for probes that only report a phase, but names the phase', () => {
    const samples = [
      { second: 1, values: { phase: 'connecting' } },
      { second: 2, values: { phase: 'tls' } },
    ];
    expect(chartsFor('http', samples)).toEqual([]);
    expect(chartsFor('http', samples, probeType('http').progress)).toEqual([]);
    expect(latestPhase(samples)).toBe('tls');
  });
});
