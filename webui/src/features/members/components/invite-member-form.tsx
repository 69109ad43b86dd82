import { useState, type FormEvent } from 'react';

import { ErrorAlert } from '@/components/alert';
import { Button } from '@/components/button';
import { SelectField, TextField } from '@/components/field';
import { splitFieldErrors } from '@/lib/field-errors';
import { ROLE_OPTIONS, type Role } from '@/lib/roles';

import { useInviteMember, type Invitation } from '../api/invite-member';

import styles from './members.module.css';

const FIELDS = new Set(['email', 'displayName', 'role']);

interface InviteMemberFormProps {
  orgId: string;
  onInvited: (invitation: Invitation) => void;
}

export function InviteMemberForm({ orgId, onInvited }: InviteMemberFormProps) {
  const invite = useInviteMember(orgId);
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('VIEWER');

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = displayName.trim();
    invite.mutate(
      { email: email.trim(), role, ...(name ? { displayName: name } : {}) },
      {
        onSuccess: (invitation) => {
          setEmail('');
          setDisplayName('');
          setRole('VIEWER');
          // Handed over and dropped here, so a one-time password lives in one place only.
          invite.reset();
          onInvited(invitation);
        },
      },
    );
  }

  const { byField, summary } = splitFieldErrors(invite.error, (path) => (FIELDS.has(path) ? path : undefined));

  return (
    <form onSubmit={submit} aria-label="Invite a member">
      {invite.error ? <ErrorAlert title="Could not invite" error={invite.error} message={summary} /> : null}
      <div className={styles.inviteFields}>
        <TextField
          label="E-mail"
          type="email"
          required
          autoComplete="off"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={byField.email}
        />
        <TextField
          label="Name (optional)"
          autoComplete="off"
          value={displayName}
          onChange={(event) => setDisplayName(event.target.value)}
          hint="Used for a new account; defaults to the e-mail."
          error={byField.displayName}
        />
        <SelectField
          label="Role"
          options={ROLE_OPTIONS}
          value={role}
          onChange={(event) => setRole(event.target.value as Role)}
          error={byField.role}
        />
        <Button type="submit" variant="primary" busy={invite.isPending} className={styles.inviteButton}>
          {invite.isPending ? 'Inviting…' : 'Invite'}
        </Button>
      </div>
    </form>
  );
}
