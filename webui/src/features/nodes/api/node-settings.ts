import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { Holds, SameFields, Schema } from '@/lib/api-schema';

import { nodesPath, nodesQueryKey } from './get-nodes';

// Written here rather than taken as Schema<'NodeSettingsStatus'>: the generated schema marks no
// field nullable, and null ("keep the node's own configuration") is what most fields hold. The
// compiler holds the field names to the schema's (SameFields below).
export type NodeSettingsState = 'DEFAULT' | 'PENDING' | 'APPLIED' | 'REJECTED';

/** What may be set; null leaves the node's own configuration for that setting. */
export interface NodeSettingsRequest {
  allowlist: string[] | null;
  idleTimeoutSeconds: number | null;
  capacity: number | null;
  region: string | null;
  labels: string[] | null;
}

export interface NodeSettingsStatus extends NodeSettingsRequest {
  nodeId: string;
  version: number;
  state: NodeSettingsState;
  appliedVersion: number;
  appliedAt: string | null;
  updatedAt: string | null;
  rejection: string | null;
}

export type NodeSettingsRequestMatchesTheApi = Holds<SameFields<NodeSettingsRequest, Schema<'NodeSettingsRequest'>>>;
export type NodeSettingsStatusMatchesTheApi = Holds<SameFields<NodeSettingsStatus, Schema<'NodeSettingsStatus'>>>;

export const nodeSettingsPath = (orgId: string, nodeId: string) =>
  `${nodesPath(orgId)}/${encodeURIComponent(nodeId)}/settings`;

export const nodeSettingsQueryKey = (orgId: string, nodeId: string) => ['nodes', orgId, nodeId, 'settings'] as const;

export function getNodeSettings(orgId: string, nodeId: string, signal?: AbortSignal): Promise<NodeSettingsStatus> {
  return api.get<NodeSettingsStatus>(nodeSettingsPath(orgId, nodeId), { signal });
}

export const nodeSettingsQueryOptions = (orgId: string, nodeId: string) =>
  queryOptions({
    queryKey: nodeSettingsQueryKey(orgId, nodeId),
    queryFn: ({ signal }) => getNodeSettings(orgId, nodeId, signal),
    // Pending settings reach the node with its next heartbeat (every 5 s): poll until it says so.
    refetchInterval: (query) => (query.state.data?.state === 'PENDING' ? 2_000 : false),
  });

export function useNodeSettings(orgId: string, nodeId: string) {
  return useQuery(nodeSettingsQueryOptions(orgId, nodeId));
}

export function updateNodeSettings(orgId: string, nodeId: string, settings: NodeSettingsRequest): Promise<NodeSettingsStatus> {
  return api.put<NodeSettingsStatus>(nodeSettingsPath(orgId, nodeId), settings);
}

export function useUpdateNodeSettings(orgId: string, nodeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (settings: NodeSettingsRequest) => updateNodeSettings(orgId, nodeId, settings),
    onSuccess: (saved) => {
      queryClient.setQueryData(nodeSettingsQueryKey(orgId, nodeId), saved);
      // Region and labels show in the node list at once.
      void queryClient.invalidateQueries({ queryKey: nodesQueryKey(orgId), exact: true });
    },
  });
}
