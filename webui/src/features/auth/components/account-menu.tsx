import { useId, useState } from 'react';

import { OPERATOR, orgRole, roleLabel } from '@/lib/roles';
import { session, useSignedInSession } from '@/lib/session';

import { useMe, type Membership } from '../api/get-me';

import styles from './auth.module.css';

/** The header's account area: organisation (a switcher with several), who is signed in with which role, sign-out. */
export function AccountMenu() {
  const { orgId, roles } = useSignedInSession();
  const me = useMe();
  const role = orgRole(roles);
  const memberships = me.data?.memberships ?? [];
  const current = memberships.find((membership) => membership.orgId === orgId);

  return (
    <div className={styles.account}>
      {memberships.length > 1 ? (
        <OrgSwitcher memberships={memberships} orgId={orgId} />
      ) : current ? (
        <span className={styles.orgName}>{current.orgName}</span>
      ) : null}
      <div className={styles.identity}>
        <span className={styles.userName}>{me.data?.name ?? me.data?.email ?? 'Signed in'}</span>
        <span className={styles.roles}>
          {role ? <span className={styles.role}>{roleLabel(role)}</span> : null}
          {roles.includes(OPERATOR) ? <span className={styles.role}>Operator</span> : null}
        </span>
      </div>
      <button type="button" className={styles.signOut} onClick={() => void session.signOut()}>
        Sign out
      </button>
    </div>
  );
}

function OrgSwitcher({ memberships, orgId }: { memberships: readonly Membership[]; orgId: string | null }) {
  const id = useId();
  const [switching, setSwitching] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function switchTo(target: string) {
    setSwitching(target);
    setError(null);
    try {
      // New tokens for the other organisation; pages follow because their data is keyed
      // by organisation id.
      await session.refresh(target);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setSwitching(null);
    }
  }

  return (
    <div className={styles.switcher}>
      <label htmlFor={id} className={styles.switcherLabel}>
        Organisation
      </label>
      <select
        id={id}
        className={styles.switcherSelect}
        value={switching ?? orgId ?? ''}
        disabled={switching !== null}
        aria-busy={switching !== null || undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => void switchTo(event.target.value)}
      >
        {orgId === null ? <option value="">Choose an organisation</option> : null}
        {memberships.map((membership) => (
          <option key={membership.orgId} value={membership.orgId}>
            {membership.orgName} ({roleLabel(membership.role)})
          </option>
        ))}
      </select>
      {error ? (
        <p id={`${id}-error`} role="alert" className={styles.switcherError}>
          Could not switch: {error}
        </p>
      ) : null}
    </div>
  );
}
