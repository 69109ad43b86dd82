import type { ReactNode } from 'react';

import { PageHeader } from '@/components/page-header';
import { hasRole, orgRole, roleLabel, type Role } from '@/lib/roles';
import { useSignedInSession } from '@/lib/session';

/**
 * Shows a page only to members holding `role` in the current organisation. Navigation
 * hides such pages already; this covers typed URLs and bookmarks. The API enforces the
 * same rule, so this is about a clear message, not about security.
 */
export function RequireRole({ role, children }: { role: Role; children: ReactNode }) {
  const { roles } = useSignedInSession();
  if (hasRole(roles, role)) {
    return children;
  }
  const current = orgRole(roles);
  return (
    <div className="card">
      <PageHeader title="Not allowed" />
      <p>
        This page needs the {roleLabel(role)} role in this organisation;{' '}
        {current ? `you are a ${roleLabel(current)}.` : 'you have no role in it.'}
      </p>
    </div>
  );
}
