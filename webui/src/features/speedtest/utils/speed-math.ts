/** Megabits per second (10^6 bit/s, as ISPs and iperf3 count) for `bytes` moved in `millis`. */
export function mbps(bytes: number, millis: number): number {
  return millis > 0 ? (bytes * 8) / (millis * 1_000) : 0;
}

export interface PingStats {
  /** Median round trip: one slow reply (a GC pause, a busy tab) does not move it. */
  readonly pingMs: number;
  /** Mean absolute difference of consecutive round trips (RFC 3550's jitter without its smoothing). */
  readonly jitterMs: number;
  readonly minMs: number;
  readonly maxMs: number;
}

export function pingStats(rtts: readonly number[]): PingStats {
  if (rtts.length === 0) {
    return { pingMs: 0, jitterMs: 0, minMs: 0, maxMs: 0 };
  }
  const sorted = [...rtts].sort((a, b) => a - b);
  const at = (index: number) => sorted[index] ?? 0;
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? at(middle) : (at(middle - 1) + at(middle)) / 2;
  let differences = 0;
  rtts.forEach((rtt, i) => {
    if (i > 0) {
      differences += Math.abs(rtt - (rtts[i - 1] ?? rtt));
    }
  });
  return {
    pingMs: round(median),
    jitterMs: round(rtts.length > 1 ? differences / (rtts.length - 1) : 0),
    minMs: round(at(0)),
    maxMs: round(at(sorted.length - 1)),
  };
}

/**
 * The size of the next transfer: double it while one finishes in under a quarter of the time
 * the phase aims at, so a fast link is measured with transfers long enough to fill it and a
 * slow one is not stuck in a single huge request past the phase's end.
 */
export function nextChunkBytes(previousBytes: number, previousMillis: number, phaseMillis: number, maxBytes: number): number {
  if (previousMillis < phaseMillis / 4) {
    return Math.min(previousBytes * 2, maxBytes);
  }
  return previousBytes;
}

/**
 * Per-second throughput points from cumulative (time, bytes) readings: the bytes moved
 * within each whole second since the start, as Mbit/s.
 */
export function perSecond(readings: readonly { millis: number; bytes: number }[]): { x: number; y: number }[] {
  const points: { x: number; y: number }[] = [];
  let previousBytes = 0;
  let second = 1;
  for (const reading of readings) {
    while (reading.millis >= second * 1_000) {
      // The bytes at the boundary, interpolated between the readings either side of it.
      points.push({ x: second, y: round(mbps(bytesAt(readings, second * 1_000) - previousBytes, 1_000)) });
      previousBytes = bytesAt(readings, second * 1_000);
      second += 1;
    }
  }
  return points;
}

function bytesAt(readings: readonly { millis: number; bytes: number }[], millis: number): number {
  let before = { millis: 0, bytes: 0 };
  for (const reading of readings) {
    if (reading.millis >= millis) {
      const span = reading.millis - before.millis;
      return span > 0 ? before.bytes + ((reading.bytes - before.bytes) * (millis - before.millis)) / span : reading.bytes;
    }
    before = reading;
  }
  return before.bytes;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
