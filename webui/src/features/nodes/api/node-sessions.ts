import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { Holds, SameFields, Schema } from '@/lib/api-schema';

// Written here rather than taken as Schema<'IperfSession'>: the generated schema marks no field
// nullable and types outcome, direction and protocol as plain strings. The compiler holds the
// field names to the schema's (SameFields below), so an API change still fails the type check.

/** One interval of an iperf3 session (node-protocol SessionInterval). */
export interface SessionInterval {
  readonly second: number;
  readonly uploadMbps: number;
  readonly downloadMbps: number;
  readonly retransmits: number | null;
  readonly jitterMillis: number | null;
  readonly lostPackets: number | null;
  readonly omitted: boolean;
}

export type SessionOutcome = 'ok' | 'refused' | 'error';
export type SessionDirection = 'upload' | 'download' | 'bidir';
export type SessionProtocol = 'tcp' | 'udp';

/** A stored iperf3 session as GET …/nodes/{nodeId}/sessions sends it. */
export interface IperfSession {
  readonly id: string;
  readonly nodeId: string;
  readonly sessionId: string;
  readonly clientAddress: string;
  readonly clientPort: number;
  readonly countryCode: string | null;
  readonly region: string | null;
  readonly city: string | null;
  readonly latitude: number | null;
  readonly longitude: number | null;
  readonly startedAt: string;
  readonly endedAt: string;
  readonly direction: SessionDirection | null;
  readonly protocol: SessionProtocol | null;
  readonly streams: number;
  readonly receivedBytes: number;
  readonly sentBytes: number;
  readonly uploadMbps: number | null;
  readonly downloadMbps: number | null;
  readonly retransmits: number | null;
  readonly jitterMillis: number | null;
  readonly lostPackets: number | null;
  readonly totalPackets: number | null;
  readonly durationSeconds: number;
  readonly outcome: SessionOutcome;
  readonly reason: string | null;
  readonly clientVersion: string | null;
  readonly receivedAt: string;
  /** The run the API dispatched that this session measured; null for every other client. */
  readonly runId: string | null;
}

export interface SessionPage {
  readonly items: readonly IperfSession[];
  readonly nextCursor: string | null;
}

export interface SessionDetail {
  readonly session: IperfSession;
  readonly intervals: readonly SessionInterval[];
}

/** A `progress` event of the live stream: a running session's description and its latest interval. */
export interface SessionProgress {
  readonly sessionId: string;
  readonly clientAddress: string;
  readonly clientPort: number;
  readonly startedAt: string;
  readonly direction: SessionDirection;
  readonly protocol: SessionProtocol;
  readonly streams: number;
  readonly plannedSeconds: number;
  readonly clientVersion: string | null;
  readonly interval: SessionInterval;
}

export type IperfSessionMatchesTheApi = Holds<SameFields<IperfSession, Schema<'IperfSession'>>>;
export type SessionIntervalMatchesTheApi = Holds<SameFields<SessionInterval, Schema<'SessionInterval'>>>;

export const SESSION_FILTERS = ['from', 'to', 'client', 'outcome', 'direction', 'protocol', 'origin'] as const;
export type SessionFilter = Partial<Record<(typeof SESSION_FILTERS)[number], string>>;

export const sessionsPath = (orgId: string, nodeId: string) =>
  `/api/v1/orgs/${encodeURIComponent(orgId)}/nodes/${encodeURIComponent(nodeId)}/sessions`;

/** The filter as query parameters, empty ones left out; `from`/`to` (datetime-local) as ISO instants. */
export function sessionFilterQuery(filter: SessionFilter): URLSearchParams {
  const query = new URLSearchParams();
  for (const key of SESSION_FILTERS) {
    const value = filter[key]?.trim();
    if (!value) {
      continue;
    }
    if (key === 'from' || key === 'to') {
      const date = new Date(value);
      if (!Number.isNaN(date.getTime())) {
        query.set(key, date.toISOString());
      }
    } else {
      query.set(key, value);
    }
  }
  return query;
}

export function sessionsExportPath(orgId: string, nodeId: string, format: 'csv' | 'json', filter: SessionFilter): string {
  const query = sessionFilterQuery(filter);
  query.set('format', format);
  return `${sessionsPath(orgId, nodeId)}/export?${query.toString()}`;
}

const PAGE_SIZE = 25;

export const sessionsQueryKey = (orgId: string, nodeId: string) => ['node-sessions', orgId, nodeId] as const;

export function useNodeSessions(orgId: string, nodeId: string, filter: SessionFilter) {
  return useInfiniteQuery({
    queryKey: [...sessionsQueryKey(orgId, nodeId), 'list', filter],
    queryFn: ({ pageParam, signal }) => {
      const query = sessionFilterQuery(filter);
      query.set('limit', String(PAGE_SIZE));
      if (pageParam) {
        query.set('cursor', pageParam);
      }
      return api.get<SessionPage>(`${sessionsPath(orgId, nodeId)}?${query.toString()}`, { signal });
    },
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useSessionDetail(orgId: string, nodeId: string, id: string | null) {
  return useQuery({
    queryKey: [...sessionsQueryKey(orgId, nodeId), 'detail', id],
    queryFn: ({ signal }) => api.get<SessionDetail>(`${sessionsPath(orgId, nodeId)}/${encodeURIComponent(id ?? '')}`, { signal }),
    enabled: id !== null,
  });
}
