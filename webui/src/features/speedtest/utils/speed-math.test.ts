import { describe, expect, it } from 'vitest';

import { mbps, nextChunkBytes, perSecond, pingStats } from './speed-math';

describe('speed-test math', () => {
  it('counts megabits as 10^6 bit/s', () => {
    // 125 000 bytes = 1 000 000 bits in one second.
    expect(mbps(125_000, 1_000)).toBe(1);
    expect(mbps(12_500_000, 500)).toBe(200);
    expect(mbps(1_000, 0)).toBe(0);
  });

  it('reports the median ping and the mean difference of consecutive pings as jitter', () => {
    expect(pingStats([10, 12, 11, 30, 11])).toEqual({ pingMs: 11, jitterMs: 10.25, minMs: 10, maxMs: 30 });
    expect(pingStats([4, 6])).toEqual({ pingMs: 5, jitterMs: 2, minMs: 4, maxMs: 6 });
    expect(pingStats([])).toEqual({ pingMs: 0, jitterMs: 0, minMs: 0, maxMs: 0 });
  });

  it('grows transfers that finish quickly, up to the limit', () => {
    expect(nextChunkBytes(1_000_000, 100, 6_000, 64_000_000)).toBe(2_000_000);
    expect(nextChunkBytes(1_000_000, 2_000, 6_000, 64_000_000)).toBe(1_000_000);
    expect(nextChunkBytes(48_000_000, 10, 6_000, 64_000_000)).toBe(64_000_000);
  });

  it('turns cumulative readings into per-second throughput', () => {
    const readings = [
      { millis: 500, bytes: 62_500 },
      { millis: 1_000, bytes: 125_000 },
      { millis: 1_500, bytes: 375_000 },
      { millis: 2_500, bytes: 625_000 },
    ];
    // Second 1: 125 000 B = 1 Mbit/s; second 2: 500 000 B (interpolated at 2 s) - 125 000 = 3 Mbit/s.
    expect(perSecond(readings)).toEqual([
      { x: 1, y: 1 },
      { x: 2, y: 3 },
    ]);
  });
});
