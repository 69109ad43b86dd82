import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import { membersPath, membersQueryKey, type Member } from './get-members';

export function removeMember(orgId: string, userId: string): Promise<void> {
  return api.delete<undefined>(`${membersPath(orgId)}/${encodeURIComponent(userId)}`);
}

export function useRemoveMember(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (member: Member) => removeMember(orgId, member.userId),
    onSettled: () => queryClient.invalidateQueries({ queryKey: membersQueryKey(orgId) }),
  });
}
