import type { IperfSession, SessionInterval, SessionProgress } from '../api/node-sessions';

/** A session in progress as the live stream has shown it so far. */
export interface RunningSession {
  readonly sessionId: string;
  readonly clientAddress: string;
  readonly clientPort: number;
  readonly startedAt: string;
  readonly direction: SessionProgress['direction'];
  readonly protocol: SessionProgress['protocol'];
  readonly streams: number;
  readonly plannedSeconds: number;
  readonly clientVersion: string | null;
  /** Intervals in order of their second, each once. */
  readonly intervals: readonly SessionInterval[];
  /** When the last interval arrived (ms since the epoch), to let a silent session go. */
  readonly lastSeen: number;
}

export interface LiveSessions {
  /** Running sessions by session id. */
  readonly running: Readonly<Record<string, RunningSession>>;
  /** Sessions stored since the page opened, newest first (the live connection log). */
  readonly log: readonly IperfSession[];
}

export const EMPTY_LIVE: LiveSessions = { running: {}, log: [] };

/** The connection log keeps this many entries; the history below has the rest. */
export const LOG_SIZE = 50;
/** A running session that has sent nothing for this long has ended without a report reaching us yet. */
export const SILENT_MS = 15_000;

/** Adds one interval of a running session (a repeat of a second it already has is ignored). */
export function addProgress(state: LiveSessions, progress: SessionProgress, now: number): LiveSessions {
  const known = state.running[progress.sessionId];
  const intervals = known?.intervals ?? [];
  if (intervals.some((i) => i.second === progress.interval.second)) {
    return state;
  }
  const next: RunningSession = {
    sessionId: progress.sessionId,
    clientAddress: progress.clientAddress,
    clientPort: progress.clientPort,
    startedAt: progress.startedAt,
    direction: progress.direction,
    protocol: progress.protocol,
    streams: progress.streams,
    plannedSeconds: progress.plannedSeconds,
    clientVersion: progress.clientVersion,
    intervals: [...intervals, progress.interval].sort((a, b) => a.second - b.second),
    lastSeen: now,
  };
  return { ...state, running: { ...state.running, [progress.sessionId]: next } };
}

/** A session was stored: it joins the log and, if it was running, stops being live. */
export function addSession(state: LiveSessions, session: IperfSession): LiveSessions {
  if (state.log.some((s) => s.id === session.id)) {
    return state;
  }
  const running = Object.fromEntries(Object.entries(state.running).filter(([id]) => id !== session.sessionId));
  const log = [session, ...state.log].sort((a, b) => b.startedAt.localeCompare(a.startedAt)).slice(0, LOG_SIZE);
  return { running, log };
}

/** Forgets running sessions that went silent (the node may have lost the API, or the test died). */
export function dropSilent(state: LiveSessions, now: number): LiveSessions {
  const kept = Object.entries(state.running).filter(([, s]) => now - s.lastSeen < SILENT_MS);
  return kept.length === Object.keys(state.running).length ? state : { ...state, running: Object.fromEntries(kept) };
}

/** The running session to draw: the one that started last. */
export function current(state: LiveSessions): RunningSession | null {
  const all = Object.values(state.running);
  if (all.length === 0) {
    return null;
  }
  return all.reduce((latest, s) => (s.startedAt > latest.startedAt ? s : latest));
}
