import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

export interface AuditEvent {
  readonly id: string;
  readonly orgId: string | null;
  /** Null for platform actors and unknown e-mail addresses. */
  readonly actorId: string | null;
  /** Who acted, as the API recorded it (an e-mail, an API key's name). */
  readonly actor: string;
  /** Dotted code such as "member.invited"; stable, so the UI may label it. */
  readonly action: string;
  readonly target: string | null;
  readonly outcome: 'SUCCESS' | 'FAILURE';
  readonly ip: string | null;
  readonly details: string | null;
  readonly createdAt: string;
}

export interface AuditPage {
  readonly items: readonly AuditEvent[];
  /** Zero-based. */
  readonly page: number;
  readonly size: number;
  readonly totalItems: number;
  readonly totalPages: number;
}

export const AUDIT_PAGE_SIZE = 50;

/** One page of the organisation's audit log; the API sorts newest first. */
export function getAuditLog(orgId: string, page: number, signal?: AbortSignal): Promise<AuditPage> {
  const query = new URLSearchParams({ page: String(page), size: String(AUDIT_PAGE_SIZE) });
  return api.get<AuditPage>(`/api/v1/orgs/${encodeURIComponent(orgId)}/audit?${query.toString()}`, { signal });
}

export const auditLogQueryOptions = (orgId: string, page: number) =>
  queryOptions({
    queryKey: ['audit', orgId, page],
    queryFn: ({ signal }) => getAuditLog(orgId, page, signal),
    // Keeps the current page on screen while the next one loads, so the table and the
    // pager do not jump.
    placeholderData: keepPreviousData,
  });

export function useAuditLog(orgId: string, page: number) {
  return useQuery(auditLogQueryOptions(orgId, page));
}
