import { describe, expect, it, vi } from 'vitest';

import { readEventStream, type EventStreamStatus } from './event-stream';
import type { SseEvent } from './sse';

function streamResponse(text: string): Response {
  return new Response(
    new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(text));
        controller.close();
      },
    }),
    { status: 200, headers: { 'Content-Type': 'text/event-stream' } },
  );
}

describe('readEventStream', () => {
  it('resumes after a dropped connection with Last-Event-ID and stops when complete', async () => {
    const requests: Headers[] = [];
    const bodies = [
      // The connection drops after the second event…
      'id: 1\nevent: state\ndata: {"status":"running"}\n\nid: 2\nevent: sample\ndata: {"second":1}\n\n',
      // …a gateway error on the first retry…
      null,
      // …and the resumed stream carries on from event 3 and ends after the terminal state.
      'id: 3\nevent: state\ndata: {"status":"succeeded"}\n\n',
    ];
    vi.stubGlobal(
      'fetch',
      vi.fn((_url: string, init: RequestInit) => {
        requests.push(new Headers(init.headers));
        const body = bodies.shift();
        return Promise.resolve(body === null || body === undefined ? new Response('', { status: 502 }) : streamResponse(body));
      }),
    );
    const events: SseEvent[] = [];
    const statuses: EventStreamStatus['state'][] = [];
    let terminal = false;

    await readEventStream('/api/v1/orgs/o/runs/r/events', {
      signal: new AbortController().signal,
      initialBackoffMs: 1,
      onEvent: (event) => {
        events.push(event);
        terminal = event.data.includes('succeeded');
      },
      isComplete: () => terminal,
      onStatus: (status) => statuses.push(status.state),
    });

    expect(events.map((e) => e.id)).toEqual(['1', '2', '3']);
    expect(requests.map((h) => h.get('Last-Event-ID'))).toEqual([null, '2', '2']);
    expect(requests.every((h) => h.get('Accept') === 'text/event-stream')).toBe(true);
    expect(statuses).toContain('reconnecting');
    expect(statuses.at(-1)).toBe('closed');
  });

  it('gives up at once when the server refuses the stream', async () => {
    vi.stubGlobal('fetch', vi.fn(() => Promise.resolve(new Response('', { status: 404 }))));
    await expect(
      readEventStream('/missing', { signal: new AbortController().signal, initialBackoffMs: 1, onEvent: () => undefined }),
    ).rejects.toThrow('The live event stream was refused: HTTP 404.');
  });
});
