import { queryOptions, useQuery } from '@tanstack/react-query';

import { api, ApiError } from '@/lib/api-client';
import type { Role } from '@/lib/roles';

/** The organisation's OIDC issuer and how its tokens' claims become roles. */
export interface SsoConfig {
  readonly issuerUri: string;
  /** The `aud` the issuer's tokens must carry for this API. */
  readonly audience: string;
  /** The public OAuth client the web UI's "Sign in with SSO" uses; null turns that button off. */
  readonly clientId: string | null;
  /** The claim whose values are looked up in `roleMapping`, e.g. "groups". */
  readonly roleClaim: string;
  readonly roleMapping: Readonly<Record<string, Role>>;
  /** The role of a user none of whose claim values is mapped; null means no access. */
  readonly defaultRole: Role | null;
  readonly updatedAt: string;
}

export const ssoPath = (orgId: string) => `/api/v1/orgs/${encodeURIComponent(orgId)}/sso`;

/** null when the organisation has no SSO configured (the API answers 404). */
export async function getSso(orgId: string, signal?: AbortSignal): Promise<SsoConfig | null> {
  try {
    return await api.get<SsoConfig>(ssoPath(orgId), { signal });
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      return null;
    }
    throw error;
  }
}

export const ssoQueryKey = (orgId: string) => ['sso', orgId] as const;

export const ssoQueryOptions = (orgId: string) =>
  queryOptions({
    queryKey: ssoQueryKey(orgId),
    queryFn: ({ signal }) => getSso(orgId, signal),
  });

export function useSso(orgId: string) {
  return useQuery(ssoQueryOptions(orgId));
}
