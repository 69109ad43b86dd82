import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { Role } from '@/lib/roles';

export interface Member {
  readonly userId: string;
  readonly email: string;
  readonly displayName: string;
  readonly role: Role;
  /** When the user joined this organisation. */
  readonly since: string;
}

export const membersPath = (orgId: string) => `/api/v1/orgs/${encodeURIComponent(orgId)}/members`;

export function getMembers(orgId: string, signal?: AbortSignal): Promise<Member[]> {
  return api.get<Member[]>(membersPath(orgId), { signal });
}

export const membersQueryKey = (orgId: string) => ['members', orgId] as const;

export const membersQueryOptions = (orgId: string) =>
  queryOptions({
    queryKey: membersQueryKey(orgId),
    queryFn: ({ signal }) => getMembers(orgId, signal),
  });

export function useMembers(orgId: string) {
  return useQuery(membersQueryOptions(orgId));
}
