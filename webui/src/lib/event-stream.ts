import { env } from '@/config/env';

import { accessToken } from './access-token';
import { SseParser, type SseEvent } from './sse';

export interface EventStreamOptions {
  /** Called for every event, in order. Return true when the stream is finished (e.g. after a terminal state). */
  readonly onEvent: (event: SseEvent) => boolean | void;
  /**
   * Asked when the server closes the stream: true when it closed because it said everything
   * (e.g. after a terminal state), false to reconnect and resume.
   */
  readonly isComplete?: () => boolean;
  /** Connection state changes, for a "reconnecting…" hint. */
  readonly onStatus?: (status: EventStreamStatus) => void;
  readonly signal: AbortSignal;
  /** First reconnection delay; doubles up to `maxBackoffMs`. */
  readonly initialBackoffMs?: number;
  readonly maxBackoffMs?: number;
}

export type EventStreamStatus =
  | { readonly state: 'connecting' }
  | { readonly state: 'open' }
  | { readonly state: 'reconnecting'; readonly inMs: number; readonly reason: string }
  | { readonly state: 'closed' };

/**
 * Reads an authenticated text/event-stream with fetch (EventSource cannot send a bearer
 * token) and reconnects with exponential back-off, resuming with Last-Event-ID so no event is
 * lost or repeated. Resolves when `onEvent` says the stream is finished, when the server
 * refuses the request for good (4xx other than 401/408/429), or when `signal` aborts.
 */
export async function readEventStream(path: string, options: EventStreamOptions): Promise<void> {
  const initial = options.initialBackoffMs ?? 1_000;
  const max = options.maxBackoffMs ?? 30_000;
  let backoff = initial;
  let lastEventId: string | undefined;
  let renewed = false;

  while (!options.signal.aborted) {
    options.onStatus?.({ state: 'connecting' });
    let reason: string;
    try {
      const token = accessToken.get();
      const headers: Record<string, string> = { Accept: 'text/event-stream' };
      if (token) {
        headers.Authorization = `Bearer ${token}`;
      }
      if (lastEventId !== undefined) {
        headers['Last-Event-ID'] = lastEventId;
      }
      const response = await fetch(`${env.apiUrl}${path}`, { headers, signal: options.signal, cache: 'no-store' });
      if (response.status === 401 && token && !renewed) {
        // An expired access token: renew once and reconnect at once.
        renewed = true;
        if ((await accessToken.renew(token)) !== null) {
          continue;
        }
      }
      if (!response.ok || !response.body) {
        if (response.status >= 400 && response.status < 500 && ![401, 408, 429].includes(response.status)) {
          options.onStatus?.({ state: 'closed' });
          throw new Error(`The live event stream was refused: HTTP ${response.status}.`);
        }
        reason = `HTTP ${response.status}`;
      } else {
        options.onStatus?.({ state: 'open' });
        renewed = false;
        const parser = new SseParser(lastEventId);
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let finished = false;
        for (;;) {
          const { value, done } = await reader.read();
          if (done) {
            break;
          }
          for (const event of parser.push(value)) {
            lastEventId = event.id;
            // Data arrived, so the connection is healthy again.
            backoff = initial;
            if (options.onEvent(event) === true) {
              finished = true;
            }
          }
          if (finished) {
            await reader.cancel().catch(() => undefined);
            break;
          }
        }
        lastEventId = parser.lastEventId;
        if (finished || options.isComplete?.() === true) {
          options.onStatus?.({ state: 'closed' });
          return;
        }
        reason = 'the stream ended early';
      }
    } catch (error) {
      if (options.signal.aborted) {
        break;
      }
      if (error instanceof Error && error.message.startsWith('The live event stream was refused')) {
        throw error;
      }
      reason = 'the connection failed';
    }
    options.onStatus?.({ state: 'reconnecting', inMs: backoff, reason });
    await delay(backoff, options.signal);
    backoff = Math.min(backoff * 2, max);
  }
  options.onStatus?.({ state: 'closed' });
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
