import { describe, expect, it } from 'vitest';

import { probeType } from '@/testing/probe-types';

import { formatMeasure, summariseResult } from './result-summary';

describe('summariseResult', () => {
  it('names a TCP connect result’s fields with their units and keeps the rest under raw keys', () => {
    const summary = summariseResult(
      {
        target: 'example.com:443',
        address: '192.0.2.1',
        port: 443,
        attempted: 10,
        succeeded: 10,
        refused: 0,
        timedOut: 0,
        rtt: { samples: 10, min: 0.41, avg: 0.6, p50: 0.5573, p95: 1.1843, p99: 1.3, max: 1.31 },
        truncated: false,
      },
      probeType('tcp_connect').results,
    );
    expect(summary.lines.map((line) => `${line.label} ${line.value}`)).toEqual([
      'RTT p50 0.557 ms',
      'RTT p95 1.18 ms',
      'RTT p99 1.3 ms',
      'RTT average 0.6 ms',
      'RTT min 0.41 ms',
      'RTT max 1.31 ms',
      'Attempted 10',
      'Succeeded 10',
      'Refused 0',
      'Timed out 0',
      'Address 192.0.2.1',
    ]);
    expect(summary.more).toEqual([
      ['target', 'example.com:443'],
      ['port', '443'],
      ['rtt.samples', '10'],
      ['truncated', 'false'],
    ]);
  });

  it('shows a throughput result’s rates in Mbit/s and omits what the result lacks', () => {
    const summary = summariseResult(
      { protocol: 'tcp', streams: 1, durationSeconds: 10, downloadMbps: 941.23, uploadMbps: 0, retransmits: null, intervals: [] },
      probeType('throughput').results,
    );
    expect(summary.lines.map((line) => `${line.label} ${line.value}`)).toEqual([
      'Upload 0 Mbit/s',
      'Download 941 Mbit/s',
      'Protocol tcp',
      'Streams 1',
      'Duration 10 s',
    ]);
    expect(summary.more).toEqual([['intervals', 'none']]);
  });
});

describe('formatMeasure', () => {
  it.each([
    [1.1843, 'ms', '1.18 ms'],
    [0.5573, 'ms', '0.557 ms'],
    [12.94, 'ms', '12.9 ms'],
    [1234.5, 'ms', '1,235 ms'],
    [1048576, 'bytes', '1,048,576 bytes'],
    [38, '', '38'],
    [true, '', 'yes'],
    [['192.0.2.1', '192.0.2.2'], '', '192.0.2.1, 192.0.2.2'],
    ['NOERROR', '', 'NOERROR'],
  ] as const)('%j %s -> %s', (value, unit, text) => {
    expect(formatMeasure(value, unit)).toBe(text);
  });

  it('has nothing to show for missing values and objects', () => {
    expect(formatMeasure(undefined, 'ms')).toBeUndefined();
    expect(formatMeasure(null, 'ms')).toBeUndefined();
    expect(formatMeasure({ p50: 1 }, 'ms')).toBeUndefined();
  });
});
