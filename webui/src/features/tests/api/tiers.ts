import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { Schema } from '@/lib/api-schema';

export type Thresholds = { [K in keyof Schema<'Thresholds'>]: number | null };
export type TierProfile = Omit<Schema<'TierProfile'>, 'thresholds'> & { readonly thresholds: Thresholds };
export type TierInput = Omit<Schema<'TierRequest'>, 'thresholds'> & { readonly thresholds: Thresholds };

const tiersPath = (orgId: string) => `/api/v1/orgs/${encodeURIComponent(orgId)}/tiers`;
const tiersQueryKey = (orgId: string) => ['tiers', orgId] as const;

export function useTiers(orgId: string) {
  return useQuery(
    queryOptions({
      queryKey: tiersQueryKey(orgId),
      queryFn: ({ signal }) => api.get<TierProfile[]>(tiersPath(orgId), { signal }),
    }),
  );
}

export function useUpdateTier(orgId: string, tier: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TierInput) => api.put<TierProfile>(`${tiersPath(orgId)}/${tier}`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tiersQueryKey(orgId) }),
  });
}
