import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { Role } from '@/lib/roles';

import { membersPath, membersQueryKey, type Member } from './get-members';

export interface InviteMemberInput {
  readonly email: string;
  readonly role: Role;
  readonly displayName?: string;
}

export interface Invitation {
  readonly member: Member;
  /** Set only when the invitation created the account; the API never returns it again. */
  readonly initialPassword: string | null;
}

export function inviteMember(orgId: string, input: InviteMemberInput): Promise<Invitation> {
  return api.post<Invitation>(membersPath(orgId), input);
}

export function useInviteMember(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: InviteMemberInput) => inviteMember(orgId, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: membersQueryKey(orgId) }),
    // The result carries a one-time password: drop it from the mutation cache as soon as
    // the form unmounts instead of keeping it for the default five minutes.
    gcTime: 0,
  });
}
