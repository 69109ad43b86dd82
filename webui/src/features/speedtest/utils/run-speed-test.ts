import { mbps, nextChunkBytes, pingStats, type PingStats } from './speed-math';

export type SpeedTestPhase = 'ping' | 'download' | 'upload';

export interface SpeedTestProgress {
  readonly phase: SpeedTestPhase;
  /** Milliseconds since the phase started, and bytes moved so far in it. */
  readonly millis: number;
  readonly bytes: number;
  /** Mbit/s over the phase so far; the last ping's RTT during the ping phase. */
  readonly value: number;
}

export interface SpeedTestOutcome extends PingStats {
  readonly downloadMbps: number;
  readonly uploadMbps: number;
  readonly bytesDown: number;
  readonly bytesUp: number;
  readonly durationMillis: number;
}

export interface SpeedTestOptions {
  /** The node's base URL (its advertisedUrl); the speed-test endpoints live under /speedtest. */
  readonly baseUrl: string;
  readonly onProgress: (progress: SpeedTestProgress) => void;
  readonly signal: AbortSignal;
  readonly pings?: number;
  readonly phaseMillis?: number;
}

const MAX_DOWNLOAD = 256 * 1024 * 1024;
const MAX_UPLOAD = 64 * 1024 * 1024;
const FIRST_CHUNK = 1024 * 1024;

/**
 * Measures ping and jitter, then download and upload, from this browser to a node's HTTP
 * speed-test endpoints (testserver SpeedTestController; the node must list the UI's origin in
 * waddleperf.speedtest.allowed-origins). Each transfer phase repeats requests for about
 * `phaseMillis`, growing them on fast links so request overhead does not dominate.
 */
export async function runSpeedTest(options: SpeedTestOptions): Promise<SpeedTestOutcome> {
  const base = options.baseUrl.replace(/\/+$/, '');
  const phaseMillis = options.phaseMillis ?? 6_000;
  const started = performance.now();

  const rtts: number[] = [];
  const pingStart = performance.now();
  for (let i = 0; i < (options.pings ?? 10); i += 1) {
    const t0 = performance.now();
    const response = await fetch(`${base}/speedtest/ping`, { cache: 'no-store', signal: options.signal });
    await response.arrayBuffer();
    check(response, 'ping');
    const rtt = performance.now() - t0;
    rtts.push(rtt);
    options.onProgress({ phase: 'ping', millis: performance.now() - pingStart, bytes: 0, value: rtt });
  }
  // The first request also opened the connection; later ones reuse it, as the transfers will.
  const stats = pingStats(rtts.length > 1 ? rtts.slice(1) : rtts);

  let bytesDown = 0;
  const downStart = performance.now();
  let chunk = FIRST_CHUNK;
  while (performance.now() - downStart < phaseMillis) {
    const t0 = performance.now();
    const response = await fetch(`${base}/speedtest/download?bytes=${chunk}`, { cache: 'no-store', signal: options.signal });
    check(response, 'download');
    if (!response.body) {
      throw new Error('The browser gave no access to the download stream.');
    }
    const reader = response.body.getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        break;
      }
      bytesDown += value.byteLength;
      const millis = performance.now() - downStart;
      options.onProgress({ phase: 'download', millis, bytes: bytesDown, value: mbps(bytesDown, millis) });
    }
    chunk = nextChunkBytes(chunk, performance.now() - t0, phaseMillis, MAX_DOWNLOAD);
  }
  const downMillis = performance.now() - downStart;

  let bytesUp = 0;
  const upStart = performance.now();
  chunk = FIRST_CHUNK;
  // Random bytes, so no compressing proxy shrinks the upload; generated once and sliced.
  const payload = randomBytes(MAX_UPLOAD);
  while (performance.now() - upStart < phaseMillis) {
    const t0 = performance.now();
    const response = await fetch(`${base}/speedtest/upload`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream' },
      body: payload.subarray(0, chunk),
      cache: 'no-store',
      signal: options.signal,
    });
    check(response, 'upload');
    await response.arrayBuffer();
    bytesUp += chunk;
    const millis = performance.now() - upStart;
    options.onProgress({ phase: 'upload', millis, bytes: bytesUp, value: mbps(bytesUp, millis) });
    chunk = nextChunkBytes(chunk, performance.now() - t0, phaseMillis, MAX_UPLOAD);
  }
  const upMillis = performance.now() - upStart;

  return {
    ...stats,
    downloadMbps: round(mbps(bytesDown, downMillis)),
    uploadMbps: round(mbps(bytesUp, upMillis)),
    bytesDown,
    bytesUp,
    durationMillis: Math.round(performance.now() - started),
  };
}

function check(response: Response, what: string) {
  if (!response.ok) {
    throw new Error(`The node refused the ${what} request: HTTP ${response.status}.`);
  }
}

function randomBytes(size: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  // getRandomValues fills at most 64 KiB per call.
  for (let offset = 0; offset < size; offset += 65_536) {
    crypto.getRandomValues(bytes.subarray(offset, Math.min(size, offset + 65_536)));
  }
  return bytes;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
