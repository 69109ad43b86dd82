import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import { ssoPath, ssoQueryKey } from './get-sso';

export function removeSso(orgId: string): Promise<void> {
  return api.delete<undefined>(ssoPath(orgId));
}

export function useRemoveSso(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => removeSso(orgId),
    onSuccess: () => queryClient.setQueryData(ssoQueryKey(orgId), null),
  });
}
