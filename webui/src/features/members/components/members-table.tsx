import { useState } from 'react';

import { Alert, ErrorAlert } from '@/components/alert';
import { Badge } from '@/components/badge';
import { Button } from '@/components/button';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { Table } from '@/components/table';
import { VisuallyHidden } from '@/components/visually-hidden';
import { formatDateTime } from '@/lib/format';
import { ROLE_OPTIONS, roleLabel, type Role } from '@/lib/roles';
import { session } from '@/lib/session';

import { useChangeMemberRole } from '../api/change-member-role';
import type { Member } from '../api/get-members';
import { useRemoveMember } from '../api/remove-member';

import styles from './members.module.css';

interface MembersTableProps {
  orgId: string;
  members: readonly Member[];
  /**
   * Marks the signed-in user's own row; their own changes also renew the session's roles.
   * Messages name members by e-mail because display names repeat.
   */
  currentUserId: string | null;
}

export function MembersTable({ orgId, members, currentUserId }: MembersTableProps) {
  const changeRole = useChangeMemberRole(orgId);
  const remove = useRemoveMember(orgId);
  const [removing, setRemoving] = useState<Member | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  function onRoleChange(member: Member, role: Role) {
    setNotice(null);
    changeRole.mutate(
      { member, role },
      {
        onSuccess: (updated) => {
          setNotice(`${updated.email} is now ${article(updated.role)} ${roleLabel(updated.role)}.`);
          // The session's token still names the old role; a new one updates the navigation.
          if (updated.userId === currentUserId) {
            void session.refresh().catch(() => undefined);
          }
        },
      },
    );
  }

  function confirmRemove(member: Member) {
    remove.mutate(member, {
      onSuccess: () => {
        setRemoving(null);
        setNotice(`${member.email} was removed from the organisation.`);
        if (member.userId === currentUserId) {
          void session.refresh().catch(() => undefined);
        }
      },
    });
  }

  // While a change is on its way the select shows the chosen role; afterwards, and after a
  // refusal, it shows what the server holds.
  const pending = changeRole.isPending ? changeRole.variables : undefined;

  return (
    <>
      {changeRole.error && changeRole.variables ? (
        <ErrorAlert title={`Could not change the role of ${changeRole.variables.member.email}`} error={changeRole.error} />
      ) : null}
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      <Table caption="Members" hideCaption>
        <thead>
          <tr>
            <th scope="col">Member</th>
            <th scope="col">Role</th>
            <th scope="col">Member since</th>
            <th scope="col">
              <VisuallyHidden>Actions</VisuallyHidden>
            </th>
          </tr>
        </thead>
        <tbody>
          {members.map((member) => {
            const self = member.userId === currentUserId;
            const busy = pending?.member.userId === member.userId;
            return (
              <tr key={member.userId}>
                <th scope="row" className={styles.person}>
                  <span className={styles.personName}>
                    {member.displayName}
                    {self ? <Badge tone="accent">you</Badge> : null}
                  </span>
                  {member.displayName !== member.email ? <span className={styles.email}>{member.email}</span> : null}
                </th>
                <td>
                  <select
                    aria-label={`Role of ${member.email}`}
                    className={styles.roleSelect}
                    value={busy && pending ? pending.role : member.role}
                    disabled={busy}
                    aria-busy={busy || undefined}
                    onChange={(event) => onRoleChange(member, event.target.value as Role)}
                  >
                    {ROLE_OPTIONS.map((option) => (
                      <option key={option.value} value={option.value}>
                        {option.label}
                      </option>
                    ))}
                  </select>
                </td>
                <td className={styles.nowrap}>
                  <time dateTime={member.since}>{formatDateTime(member.since)}</time>
                </td>
                <td className={styles.actionsCell}>
                  <Button
                    variant="quiet"
                    aria-label={`Remove ${member.email}`}
                    onClick={() => {
                      remove.reset();
                      setRemoving(member);
                    }}
                  >
                    Remove
                  </Button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </Table>
      {removing ? (
        <ConfirmDialog
          title="Remove member?"
          confirmLabel="Remove"
          busy={remove.isPending}
          onConfirm={() => confirmRemove(removing)}
          onCancel={() => setRemoving(null)}
          error={remove.error ? <ErrorAlert title="Could not remove" error={remove.error} /> : null}
        >
          <p>
            <strong>{removing.email}</strong> will lose access to this organisation. Their account and their other
            memberships stay.
          </p>
          {removing.userId === currentUserId ? <p>This is you: you will lose access right away.</p> : null}
        </ConfirmDialog>
      ) : null}
    </>
  );
}

function article(role: Role): string {
  return role === 'ADMIN' ? 'an' : 'a';
}
