import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { Role } from '@/lib/roles';

import { membersPath, membersQueryKey, type Member } from './get-members';

export interface RoleChange {
  readonly member: Member;
  readonly role: Role;
}

export function changeMemberRole(orgId: string, userId: string, role: Role): Promise<Member> {
  return api.put<Member>(`${membersPath(orgId)}/${encodeURIComponent(userId)}`, { role });
}

export function useChangeMemberRole(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ member, role }: RoleChange) => changeMemberRole(orgId, member.userId, role),
    // Refetch on failure too: a 409 may mean the list here is out of date.
    onSettled: () => queryClient.invalidateQueries({ queryKey: membersQueryKey(orgId) }),
  });
}
