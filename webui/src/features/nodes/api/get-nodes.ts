import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { Schema, WithNullable } from '@/lib/api-schema';

export type Node = WithNullable<Schema<'Node'>, 'systemLoad' | 'advertisedUrl' | 'lastHeartbeatAt'>;

export const nodesPath = (orgId: string) => `/api/v1/orgs/${encodeURIComponent(orgId)}/nodes`;

export function getNodes(orgId: string, signal?: AbortSignal): Promise<Node[]> {
  return api.get<Node[]>(nodesPath(orgId), { signal });
}

export const nodesQueryKey = (orgId: string) => ['nodes', orgId] as const;

export const nodesQueryOptions = (orgId: string) =>
  queryOptions({
    queryKey: nodesQueryKey(orgId),
    queryFn: ({ signal }) => getNodes(orgId, signal),
    // Nodes heartbeat every 5 s and go offline after 15 s; polling at the heartbeat rate shows
    // a node appear or drop without a reload.
    refetchInterval: 5_000,
  });

export function useNodes(orgId: string) {
  return useQuery(nodesQueryOptions(orgId));
}
