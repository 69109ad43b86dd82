import type { ReactNode } from 'react';

import { ApiKeysPage } from '@/features/api-keys/components/api-keys-page';
import { AuditLogPage } from '@/features/audit/components/audit-log-page';
import { useMe } from '@/features/auth/api/get-me';
import { RequireRole } from '@/features/auth/components/require-role';
import { MembersPage } from '@/features/members/components/members-page';
import { ChannelsPage } from '@/features/notifications/components/channels-page';
import { SsoPage } from '@/features/sso/components/sso-page';
import { useSignedInSession } from '@/lib/session';

/**
 * An organisation's administration page. Keyed by organisation so switching resets it:
 * a one-time secret or a half-filled form must not carry over to another organisation.
 */
function OrgAdminPage({ render }: { render: (orgId: string) => ReactNode }) {
  const { orgId } = useSignedInSession();
  return <RequireRole role="ADMIN">{orgId ? <div key={orgId}>{render(orgId)}</div> : null}</RequireRole>;
}

export function MembersRoute() {
  // The members feature marks the user's own row; who that is comes from the auth feature.
  const me = useMe();
  return <OrgAdminPage render={(orgId) => <MembersPage orgId={orgId} currentUserId={me.data?.userId ?? null} />} />;
}

export function ApiKeysRoute() {
  return <OrgAdminPage render={(orgId) => <ApiKeysPage orgId={orgId} />} />;
}

export function AuditRoute() {
  return <OrgAdminPage render={(orgId) => <AuditLogPage orgId={orgId} />} />;
}

export function SsoRoute() {
  return <OrgAdminPage render={(orgId) => <SsoPage orgId={orgId} />} />;
}

export function NotificationChannelsRoute() {
  return <OrgAdminPage render={(orgId) => <ChannelsPage orgId={orgId} />} />;
}
