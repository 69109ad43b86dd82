import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import { apiKeysPath, apiKeysQueryKey, type ApiKey } from './get-api-keys';

export function revokeApiKey(orgId: string, keyId: string): Promise<ApiKey> {
  return api.delete<ApiKey>(`${apiKeysPath(orgId)}/${encodeURIComponent(keyId)}`);
}

export function useRevokeApiKey(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (key: ApiKey) => revokeApiKey(orgId, key.id),
    onSettled: () => queryClient.invalidateQueries({ queryKey: apiKeysQueryKey(orgId) }),
  });
}
