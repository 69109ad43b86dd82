import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { Role } from '@/lib/roles';

export interface ApiKey {
  readonly id: string;
  readonly name: string;
  /** The public part of the secret (wpk_<prefix>_...), enough to recognise a key. */
  readonly prefix: string;
  readonly role: Role;
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
}

export const apiKeysPath = (orgId: string) => `/api/v1/orgs/${encodeURIComponent(orgId)}/api-keys`;

/** Newest first, revoked keys included. */
export function getApiKeys(orgId: string, signal?: AbortSignal): Promise<ApiKey[]> {
  return api.get<ApiKey[]>(apiKeysPath(orgId), { signal });
}

export const apiKeysQueryKey = (orgId: string) => ['api-keys', orgId] as const;

export const apiKeysQueryOptions = (orgId: string) =>
  queryOptions({
    queryKey: apiKeysQueryKey(orgId),
    queryFn: ({ signal }) => getApiKeys(orgId, signal),
  });

export function useApiKeys(orgId: string) {
  return useQuery(apiKeysQueryOptions(orgId));
}
