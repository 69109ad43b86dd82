import { describe, expect, it } from 'vitest';

import type { IperfSession, SessionProgress } from '../api/node-sessions';

import { addProgress, addSession, current, dropSilent, EMPTY_LIVE, LOG_SIZE, SILENT_MS } from './live-sessions';

const progress = (sessionId: string, second: number, startedAt = '2026-12-07T10:00:00Z'): SessionProgress => ({
  sessionId,
  clientAddress: '198.51.100.7',
  clientPort: 50_000,
  startedAt,
  direction: 'upload',
  protocol: 'tcp',
  streams: 1,
  plannedSeconds: 10,
  clientVersion: '3.12',
  interval: { second, uploadMbps: 100 + second, downloadMbps: 0, retransmits: null, jitterMillis: null, lostPackets: null, omitted: false },
});

const stored = (id: string, sessionId: string, startedAt: string): IperfSession => ({
  id,
  nodeId: 'n-1',
  sessionId,
  clientAddress: '198.51.100.7',
  clientPort: 50_000,
  countryCode: null,
  region: null,
  city: null,
  latitude: null,
  longitude: null,
  startedAt,
  endedAt: startedAt,
  direction: 'upload',
  protocol: 'tcp',
  streams: 1,
  receivedBytes: 1,
  sentBytes: 0,
  uploadMbps: 100,
  downloadMbps: null,
  retransmits: 0,
  jitterMillis: null,
  lostPackets: null,
  totalPackets: null,
  durationSeconds: 10,
  outcome: 'ok',
  reason: null,
  clientVersion: '3.12',
  receivedAt: startedAt,
  runId: null,
});

describe('live sessions', () => {
  it('collects a running session’s intervals in order, each second once', () => {
    let state = addProgress(EMPTY_LIVE, progress('s-1', 2), 1);
    state = addProgress(state, progress('s-1', 1), 2);
    state = addProgress(state, progress('s-1', 2), 3);
    expect(state.running['s-1']?.intervals.map((i) => i.second)).toEqual([1, 2]);
    expect(state.running['s-1']?.lastSeen).toBe(2);
  });

  it('draws the session that started last', () => {
    let state = addProgress(EMPTY_LIVE, progress('old', 1, '2026-12-07T10:00:00Z'), 1);
    state = addProgress(state, progress('new', 1, '2026-12-07T10:00:05Z'), 1);
    expect(current(state)?.sessionId).toBe('new');
    expect(current(EMPTY_LIVE)).toBeNull();
  });

  it('moves a stored session from running to the log, newest first, bounded', () => {
    let state = addProgress(EMPTY_LIVE, progress('s-1', 1), 1);
    state = addSession(state, stored('a', 's-1', '2026-12-07T10:00:00Z'));
    expect(state.running['s-1']).toBeUndefined();
    state = addSession(state, stored('b', 's-2', '2026-12-07T10:01:00Z'));
    state = addSession(state, stored('b', 's-2', '2026-12-07T10:01:00Z'));
    expect(state.log.map((s) => s.id)).toEqual(['b', 'a']);
    for (let i = 0; i < LOG_SIZE + 5; i += 1) {
      state = addSession(state, stored(`x-${i}`, `x-${i}`, `2026-12-07T11:${String(i % 60).padStart(2, '0')}:00Z`));
    }
    expect(state.log).toHaveLength(LOG_SIZE);
  });

  it('forgets a running session that went silent', () => {
    const state = addProgress(EMPTY_LIVE, progress('s-1', 1), 1_000);
    expect(dropSilent(state, 1_000 + SILENT_MS - 1)).toBe(state);
    expect(dropSilent(state, 1_000 + SILENT_MS).running).toEqual({});
  });
});
