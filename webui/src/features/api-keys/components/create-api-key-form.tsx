import { useState, type FormEvent } from 'react';

import { ErrorAlert } from '@/components/alert';
import { Button } from '@/components/button';
import { SelectField, TextField } from '@/components/field';
import { splitFieldErrors } from '@/lib/field-errors';
import { ROLE_OPTIONS, type Role } from '@/lib/roles';

import { useCreateApiKey, type CreatedApiKey } from '../api/create-api-key';

import styles from './api-keys.module.css';

const FIELDS = new Set(['name', 'role']);

export function CreateApiKeyForm({ orgId, onCreated }: { orgId: string; onCreated: (created: CreatedApiKey) => void }) {
  const create = useCreateApiKey(orgId);
  const [name, setName] = useState('');
  // Automation usually reads results; a key that can do more should be a deliberate choice.
  const [role, setRole] = useState<Role>('VIEWER');

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.mutate(
      { name: name.trim(), role },
      {
        onSuccess: (created) => {
          setName('');
          setRole('VIEWER');
          // Handed over and dropped here, so the secret lives in one place only.
          create.reset();
          onCreated(created);
        },
      },
    );
  }

  const { byField, summary } = splitFieldErrors(create.error, (path) => (FIELDS.has(path) ? path : undefined));

  return (
    <form onSubmit={submit} aria-label="Create an API key">
      {create.error ? <ErrorAlert title="Could not create the key" error={create.error} message={summary} /> : null}
      <div className={styles.createFields}>
        <TextField
          label="Name"
          required
          maxLength={100}
          autoComplete="off"
          value={name}
          onChange={(event) => setName(event.target.value)}
          hint="Say what uses it, e.g. “CI pipeline”."
          error={byField.name}
        />
        <SelectField
          label="Role"
          options={ROLE_OPTIONS}
          value={role}
          onChange={(event) => setRole(event.target.value as Role)}
          error={byField.role}
        />
        <Button type="submit" variant="primary" busy={create.isPending} className={styles.createButton}>
          {create.isPending ? 'Creating…' : 'Create key'}
        </Button>
      </div>
    </form>
  );
}
