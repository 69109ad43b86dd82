import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { Role } from '@/lib/roles';

import { ssoPath, ssoQueryKey, type SsoConfig } from './get-sso';

export interface SsoInput {
  readonly issuerUri: string;
  readonly audience: string;
  readonly clientId: string | null;
  readonly roleClaim: string;
  readonly roleMapping: Readonly<Record<string, Role>>;
  readonly defaultRole: Role | null;
}

export function saveSso(orgId: string, input: SsoInput): Promise<SsoConfig> {
  return api.put<SsoConfig>(ssoPath(orgId), input);
}

export function useSaveSso(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SsoInput) => saveSso(orgId, input),
    // The answer is the stored configuration; no need to fetch it again.
    onSuccess: (saved) => queryClient.setQueryData(ssoQueryKey(orgId), saved),
  });
}
