import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import { nodesPath, nodesQueryKey, type Node } from './get-nodes';

export function revokeNode(orgId: string, nodeId: string): Promise<Node> {
  return api.delete<Node>(`${nodesPath(orgId)}/${encodeURIComponent(nodeId)}`);
}

export function useRevokeNode(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (node: Node) => revokeNode(orgId, node.id),
    onSettled: () => queryClient.invalidateQueries({ queryKey: nodesQueryKey(orgId) }),
  });
}
