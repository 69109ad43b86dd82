import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { Schema, WithNullable } from '@/lib/api-schema';

export type License = WithNullable<Schema<'LicenseView'>, 'key' | 'expiresAt' | 'lastCheck' | 'graceEndsAt' | 'lastFailure'>;

export function useLicense(orgId: string) {
  return useQuery(
    queryOptions({
      queryKey: ['license', orgId],
      queryFn: ({ signal }) => api.get<License>(`/api/v1/orgs/${encodeURIComponent(orgId)}/license`, { signal }),
    }),
  );
}
