import { useMutation } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { Schema } from '@/lib/api-schema';

import { nodesPath } from './get-nodes';

export type EnrollmentToken = Schema<'TokenResponse'>;

export function createEnrollmentToken(orgId: string, ttlSeconds?: number): Promise<EnrollmentToken> {
  return api.post<EnrollmentToken>(`${nodesPath(orgId)}/enrollment-tokens`, ttlSeconds ? { ttlSeconds } : {});
}

export function useCreateEnrollmentToken(orgId: string) {
  return useMutation({
    mutationFn: (ttlSeconds?: number) => createEnrollmentToken(orgId, ttlSeconds),
    // The token is a secret shown once: kept by the page, not in the cache.
    gcTime: 0,
  });
}
