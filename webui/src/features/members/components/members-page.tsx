import { useState } from 'react';

import { Alert, ErrorAlert } from '@/components/alert';
import { OneTimeSecret } from '@/components/one-time-secret';
import { PageHeader } from '@/components/page-header';
import { EmptyState, Loading } from '@/components/states';
import { roleLabel } from '@/lib/roles';

import { useMembers } from '../api/get-members';
import type { Invitation } from '../api/invite-member';

import { InviteMemberForm } from './invite-member-form';
import { MembersTable } from './members-table';
import styles from './members.module.css';

interface MembersPageProps {
  orgId: string;
  currentUserId: string | null;
}

export function MembersPage({ orgId, currentUserId }: MembersPageProps) {
  const members = useMembers(orgId);
  // The only copy of a new account's initial password: component state, gone on "Done".
  const [invitation, setInvitation] = useState<Invitation | null>(null);

  return (
    <>
      <PageHeader
        title="Members"
        description="People in this organisation and what they may do. Admins manage members, API keys and SSO; maintainers run tests and manage nodes; viewers read results."
      />
      <div className={styles.stack}>
        <section aria-labelledby="invite-heading" className="card">
          <h2 id="invite-heading" className={styles.cardHeading}>
            Invite a member
          </h2>
          {invitation?.initialPassword ? (
            <OneTimeSecret
              title={`Initial password for ${invitation.member.email}`}
              label="Initial password"
              secret={invitation.initialPassword}
              onDone={() => setInvitation(null)}
            >
              <p>
                A new account was created and added as {roleLabel(invitation.member.role)}. Pass this password on through a
                channel you trust; it is shown only now and cannot be retrieved later.
              </p>
            </OneTimeSecret>
          ) : null}
          {invitation && !invitation.initialPassword ? (
            <Alert tone="success">
              {invitation.member.email} already had an account and now belongs to this organisation as{' '}
              {roleLabel(invitation.member.role)}.
            </Alert>
          ) : null}
          <InviteMemberForm orgId={orgId} onInvited={setInvitation} />
        </section>

        <section aria-labelledby="members-heading" className="card">
          <h2 id="members-heading" className={styles.cardHeading}>
            Members{members.data ? ` (${members.data.length})` : ''}
          </h2>
          {members.isPending ? <Loading label="Loading members…" /> : null}
          {members.isError ? <ErrorAlert title="Could not load the members" error={members.error} /> : null}
          {members.data?.length === 0 ? (
            <EmptyState title="No members yet">Invite someone with the form above.</EmptyState>
          ) : null}
          {members.data && members.data.length > 0 ? (
            <MembersTable orgId={orgId} members={members.data} currentUserId={currentUserId} />
          ) : null}
        </section>
      </div>
    </>
  );
}
