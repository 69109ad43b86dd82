import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { Role } from '@/lib/roles';

import { apiKeysPath, apiKeysQueryKey, type ApiKey } from './get-api-keys';

export interface CreateApiKeyInput {
  readonly name: string;
  readonly role: Role;
}

export interface CreatedApiKey {
  readonly key: ApiKey;
  /** The whole key; the API stores only its hash and never returns it again. */
  readonly secret: string;
}

export function createApiKey(orgId: string, input: CreateApiKeyInput): Promise<CreatedApiKey> {
  return api.post<CreatedApiKey>(apiKeysPath(orgId), input);
}

export function useCreateApiKey(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateApiKeyInput) => createApiKey(orgId, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiKeysQueryKey(orgId) }),
    // The result holds the secret: forget it with the form instead of after five minutes.
    gcTime: 0,
  });
}
