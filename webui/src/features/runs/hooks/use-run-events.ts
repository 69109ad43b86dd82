import { useEffect, useState } from 'react';

import { readEventStream, type EventStreamStatus } from '@/lib/event-stream';

import { isTerminal, runPath, type RunStatus } from '../api/runs';
import type { RunSample } from '../utils/sample-series';

export interface RunEvents {
  readonly status: RunStatus | undefined;
  readonly reason: string | null;
  readonly samples: readonly RunSample[];
  readonly result: Record<string, unknown> | null;
  readonly error: unknown;
  readonly connection: EventStreamStatus;
  /** Set when the server refused the stream or it failed for good. */
  readonly failure: Error | null;
  /** A tier run's probe runs as their own state events last said, by run id. */
  readonly children: Readonly<Record<string, ChildState>>;
}

export interface ChildState {
  readonly status: RunStatus;
  readonly reason: string | null;
}

interface StateEvent {
  status: RunStatus;
  reason?: string | null;
}
interface SampleEvent {
  second: number;
  values: Record<string, unknown>;
}
interface ResultEvent {
  status: RunStatus;
  result: Record<string, unknown> | null;
  error: unknown;
}

/**
 * Follows a run's live events (state, per-second samples, result) until it ends. Samples are
 * keyed by second, so one repeated after a reconnect replaces the earlier copy.
 */
export function useRunEvents(orgId: string, runId: string, enabled: boolean): RunEvents {
  const [events, setEvents] = useState<RunEvents>({
    status: undefined,
    reason: null,
    samples: [],
    result: null,
    error: null,
    connection: { state: 'connecting' },
    failure: null,
    children: {},
  });

  useEffect(() => {
    if (!enabled) {
      return;
    }
    const controller = new AbortController();
    let terminal = false;
    readEventStream(`${runPath(orgId, runId)}/events`, {
      signal: controller.signal,
      // The server ends the stream after the terminal state; before that, an end is a dropped
      // connection to resume.
      isComplete: () => terminal,
      onStatus: (connection) => setEvents((current) => ({ ...current, connection })),
      onEvent: (event) => {
        const data = JSON.parse(event.data) as unknown;
        // A tier run's stream also carries its probe runs' events: their states and results are
        // theirs, not the tier run's (which ends only when the last of them has).
        const about = (data as { runId?: unknown }).runId;
        if ((event.event === 'state' || event.event === 'result') && typeof about === 'string' && about !== runId) {
          if (event.event === 'state') {
            const state = data as StateEvent;
            setEvents((current) => ({
              ...current,
              children: { ...current.children, [about]: { status: state.status, reason: state.reason ?? null } },
            }));
          }
          return false;
        }
        if (event.event === 'state') {
          const state = data as StateEvent;
          terminal = terminal || isTerminal(state.status);
          setEvents((current) => ({ ...current, status: state.status, reason: state.reason ?? null }));
          return false;
        }
        if (event.event === 'sample') {
          const sample = data as SampleEvent;
          setEvents((current) => ({
            ...current,
            samples: [...current.samples.filter((s) => s.second !== sample.second), { second: sample.second, values: sample.values }],
          }));
          return false;
        }
        if (event.event === 'result') {
          const result = data as ResultEvent;
          terminal = terminal || isTerminal(result.status);
          setEvents((current) => ({ ...current, status: result.status, result: result.result, error: result.error }));
          return false;
        }
        return false;
      },
    }).catch((error: unknown) => {
      if (!controller.signal.aborted) {
        setEvents((current) => ({ ...current, failure: error instanceof Error ? error : new Error(String(error)) }));
      }
    });
    return () => controller.abort();
  }, [orgId, runId, enabled]);

  return events;
}
