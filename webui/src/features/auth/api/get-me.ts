import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { Role } from '@/lib/roles';

export interface Membership {
  readonly orgId: string;
  readonly orgName: string;
  readonly orgSlug: string;
  readonly role: Role;
}

/** GET /api/v1/me: who the caller is and where it belongs. */
export interface Me {
  readonly kind: 'user' | 'api_key' | 'sso';
  /** Null for API keys and SSO identities, which have no WaddlePerf account. */
  readonly userId: string | null;
  readonly name: string;
  readonly email: string | null;
  readonly operator: boolean;
  /** Sorted by organisation name. */
  readonly memberships: readonly Membership[];
}

export function getMe(signal?: AbortSignal): Promise<Me> {
  return api.get<Me>('/api/v1/me', { signal });
}

// The cache is cleared on sign-out (src/app/provider.tsx), so one key serves whoever is
// signed in.
export const meQueryOptions = () =>
  queryOptions({
    queryKey: ['auth', 'me'],
    queryFn: ({ signal }) => getMe(signal),
    staleTime: 60_000,
  });

export function useMe() {
  return useQuery(meQueryOptions());
}
