import { useEffect, useState } from 'react';

import { readEventStream, type EventStreamStatus } from '@/lib/event-stream';

import { sessionsPath, type IperfSession, type SessionProgress } from '../api/node-sessions';
import { addProgress, addSession, dropSilent, EMPTY_LIVE, type LiveSessions } from '../utils/live-sessions';

/**
 * Follows a node's iperf3 sessions live (GET …/sessions/events): `progress` events feed the
 * graph of the session in progress, `session` events the connection log.
 */
export function useLiveSessions(orgId: string, nodeId: string) {
  const [state, setState] = useState<LiveSessions>(EMPTY_LIVE);
  const [status, setStatus] = useState<EventStreamStatus>({ state: 'connecting' });
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    // Callers key the component by node, so a new node starts from an empty state.
    const controller = new AbortController();
    readEventStream(`${sessionsPath(orgId, nodeId)}/events`, {
      signal: controller.signal,
      onStatus: setStatus,
      onEvent: (event) => {
        if (event.event === 'progress') {
          const progress = JSON.parse(event.data) as SessionProgress;
          setState((s) => addProgress(s, progress, Date.now()));
        } else if (event.event === 'session') {
          const session = JSON.parse(event.data) as IperfSession;
          setState((s) => addSession(s, session));
        }
      },
    }).catch((e: unknown) => setError(e));
    const sweep = setInterval(() => setState((s) => dropSilent(s, Date.now())), 5_000);
    return () => {
      controller.abort();
      clearInterval(sweep);
    };
  }, [orgId, nodeId]);

  return { state, status, error };
}
