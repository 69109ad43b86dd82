import { useState, type FormEvent } from 'react';

import { Alert, ErrorAlert } from '@/components/alert';
import { Badge } from '@/components/badge';
import { Button } from '@/components/button';
import { TextAreaField, TextField } from '@/components/field';
import { Loading } from '@/components/states';
import { splitFieldErrors } from '@/lib/field-errors';
import { formatDateTime } from '@/lib/format';

import { useNodeSettings, useUpdateNodeSettings, type NodeSettingsStatus } from '../api/node-settings';
import { formFromSettings, requestFromForm, settingsFieldOf, type NodeSettingsForm } from '../utils/node-settings-form';

import styles from './nodes.module.css';

interface NodeSettingsPanelProps {
  orgId: string;
  nodeId: string;
  /** MAINTAINERs and ADMINs change settings; everyone else reads them. */
  canEdit: boolean;
}

export function NodeSettingsPanel({ orgId, nodeId, canEdit }: NodeSettingsPanelProps) {
  const settings = useNodeSettings(orgId, nodeId);
  return (
    <section aria-labelledby="node-settings-heading" className="card">
      <h2 id="node-settings-heading" className={styles.cardHeading}>
        Settings
      </h2>
      <p className={styles.muted}>
        The node’s iperf3 server and how monitors and tests select the node. The node applies changes on its next report
        (every 5 seconds), without a restart. An empty field keeps the node’s own configuration.
      </p>
      {settings.isPending ? <Loading label="Loading settings…" /> : null}
      {settings.isError ? <ErrorAlert title="Could not load the settings" error={settings.error} /> : null}
      {settings.data ? (
        <>
          <SettingsState settings={settings.data} />
          {/* Keyed by version: a save or another person's change shows the stored values afresh. */}
          <SettingsForm key={settings.data.version} orgId={orgId} nodeId={nodeId} settings={settings.data} canEdit={canEdit} />
        </>
      ) : null}
    </section>
  );
}

function SettingsState({ settings }: { settings: NodeSettingsStatus }) {
  switch (settings.state) {
    case 'DEFAULT':
      return <p className={styles.muted}>Nothing set yet: the node runs its own configuration.</p>;
    case 'PENDING':
      return (
        <p role="status">
          <Badge tone="accent">Pending</Badge> Version {settings.version} reaches the node with its next report
          {settings.appliedVersion > 0 ? `; it runs version ${settings.appliedVersion}` : ''}.
        </p>
      );
    case 'APPLIED':
      return (
        <p role="status">
          <Badge tone="ok">Applied</Badge> The node runs version {settings.version}
          {settings.appliedAt ? ` since ${formatDateTime(settings.appliedAt, { seconds: true })}` : ''}.
        </p>
      );
    case 'REJECTED':
      return (
        <Alert tone="error" title={`The node refused version ${settings.version}`}>
          <p>{settings.rejection}</p>
        </Alert>
      );
  }
}

function SettingsForm({
  orgId,
  nodeId,
  settings,
  canEdit,
}: {
  orgId: string;
  nodeId: string;
  settings: NodeSettingsStatus;
  canEdit: boolean;
}) {
  const update = useUpdateNodeSettings(orgId, nodeId);
  const [form, setForm] = useState<NodeSettingsForm>(() => formFromSettings(settings));
  const set = (field: keyof NodeSettingsForm) => (event: { target: { value: string } }) =>
    setForm((current) => ({ ...current, [field]: event.target.value }));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    update.mutate(requestFromForm(form));
  }

  const { byField, summary } = splitFieldErrors(update.error, settingsFieldOf);

  return (
    <form onSubmit={submit} aria-label="Node settings">
      {update.error ? <ErrorAlert title="Could not save the settings" error={update.error} message={summary} /> : null}
      <fieldset disabled={!canEdit} className={styles.settingsFields}>
        <TextAreaField
          label="iperf3 allowlist"
          rows={4}
          value={form.allowlist}
          onChange={set('allowlist')}
          hint="Client addresses or CIDR blocks, one per line (e.g. 192.0.2.0/24, 2001:db8::/32); at most 100. Others are refused."
          error={byField.allowlist}
        />
        <TextField
          label="iperf3 idle timeout (seconds)"
          type="number"
          inputMode="numeric"
          step={1}
          value={form.idleTimeoutSeconds}
          onChange={set('idleTimeoutSeconds')}
          hint="How long the server waits for a client at any step; 1 to 600."
          error={byField.idleTimeoutSeconds}
        />
        <TextField
          label="iperf3 capacity (concurrent tests)"
          type="number"
          inputMode="numeric"
          step={1}
          value={form.capacity}
          onChange={set('capacity')}
          hint="Tests the server runs at once, 1 to 256; one more is told the server is busy."
          error={byField.capacity}
        />
        <TextField
          label="Region"
          value={form.region}
          onChange={set('region')}
          hint="Monitors and tests select nodes by region."
          error={byField.region}
        />
        <TextField
          label="Labels"
          value={form.labels}
          onChange={set('labels')}
          hint="Comma-separated, e.g. edge, tier=gold; at most 20. Monitors and tests select nodes by label."
          error={byField.labels}
        />
      </fieldset>
      {canEdit ? (
        <Button type="submit" variant="primary" busy={update.isPending}>
          {update.isPending ? 'Saving…' : 'Save settings'}
        </Button>
      ) : (
        <p className={styles.muted}>A maintainer or admin changes settings.</p>
      )}
    </form>
  );
}
