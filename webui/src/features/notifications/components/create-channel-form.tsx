import { useState, type FormEvent } from 'react';

import { ErrorAlert } from '@/components/alert';
import { Button } from '@/components/button';
import { SelectField, TextField } from '@/components/field';
import { splitFieldErrors } from '@/lib/field-errors';

import {
  CHANNEL_TYPES,
  SEVERITIES,
  useCreateChannel,
  type Channel,
  type ChannelType,
  type Severity,
} from '../api/channels';

import styles from './channels.module.css';

const TYPE_OPTIONS = CHANNEL_TYPES.map((type) => ({ value: type, label: typeLabel(type) }));

export function typeLabel(type: ChannelType): string {
  switch (type) {
    case 'webhook':
      return 'Webhook (signed)';
    case 'slack':
      return 'Slack';
    case 'teams':
      return 'Microsoft Teams';
    case 'discord':
      return 'Discord';
    case 'email':
      return 'E-mail';
  }
}

/** Server paths onto form fields; "severities[1]" and "recipients[0]" belong to their list. */
function fieldOf(path: string): string | undefined {
  const field = path.replace(/\[\d+\]$/, '');
  return ['name', 'type', 'severities', 'url', 'recipients'].includes(field) ? field : undefined;
}

export function CreateChannelForm({ orgId, onCreated }: { orgId: string; onCreated: (created: Channel) => void }) {
  const create = useCreateChannel(orgId);
  const [name, setName] = useState('');
  const [type, setType] = useState<ChannelType>('slack');
  const [url, setUrl] = useState('');
  const [recipients, setRecipients] = useState('');
  // Who gets woken at night should be a choice: new channels hear warnings and critical alerts.
  const [severities, setSeverities] = useState<readonly Severity[]>(['WARNING', 'CRITICAL']);

  function toggle(severity: Severity, on: boolean) {
    setSeverities((current) =>
      on ? SEVERITIES.filter((s) => s === severity || current.includes(s)) : current.filter((s) => s !== severity),
    );
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = type === 'email';
    create.mutate(
      {
        name: name.trim(),
        type,
        severities,
        ...(email
          ? {
              recipients: recipients
                .split(/[\s,;]+/)
                .map((r) => r.trim())
                .filter(Boolean),
            }
          : { url: url.trim() }),
      },
      {
        onSuccess: (created) => {
          setName('');
          setUrl('');
          setRecipients('');
          // Handed over and dropped here, so a signing secret lives in one place only.
          create.reset();
          onCreated(created);
        },
      },
    );
  }

  const { byField, summary } = splitFieldErrors(create.error, fieldOf);

  return (
    <form onSubmit={submit} aria-label="Create a notification channel">
      {create.error ? <ErrorAlert title="Could not create the channel" error={create.error} message={summary} /> : null}
      <div className={styles.createFields}>
        <TextField
          label="Name"
          required
          maxLength={200}
          autoComplete="off"
          value={name}
          onChange={(event) => setName(event.target.value)}
          error={byField.name}
        />
        <SelectField
          label="Type"
          options={TYPE_OPTIONS}
          value={type}
          onChange={(event) => setType(event.target.value as ChannelType)}
          error={byField.type}
        />
        {type === 'email' ? (
          <TextField
            label="Recipients"
            required
            autoComplete="off"
            value={recipients}
            onChange={(event) => setRecipients(event.target.value)}
            hint="E-mail addresses, separated by commas (at most 20)."
            error={byField.recipients}
          />
        ) : (
          <TextField
            label="URL"
            required
            type="url"
            autoComplete="off"
            value={url}
            onChange={(event) => setUrl(event.target.value)}
            hint={
              type === 'webhook'
                ? 'Your receiver; requests are signed (Standard Webhooks).'
                : `The ${typeLabel(type)} incoming webhook URL. Stored encrypted, never shown again.`
            }
            error={byField.url}
          />
        )}
      </div>
      <fieldset className={styles.severities} aria-describedby={byField.severities ? 'severities-error' : undefined}>
        <legend>Severities it hears</legend>
        {SEVERITIES.map((severity) => (
          <label key={severity}>
            <input
              type="checkbox"
              checked={severities.includes(severity)}
              onChange={(event) => toggle(severity, event.target.checked)}
            />{' '}
            {severity.charAt(0) + severity.slice(1).toLowerCase()}
          </label>
        ))}
      </fieldset>
      {byField.severities ? (
        <p id="severities-error" role="alert">
          {byField.severities}
        </p>
      ) : null}
      <Button type="submit" variant="primary" busy={create.isPending}>
        {create.isPending ? 'Creating…' : 'Create channel'}
      </Button>
    </form>
  );
}
