import { useState, type FormEvent } from 'react';

import { Alert, ErrorAlert } from '@/components/alert';
import { Badge } from '@/components/badge';
import { Button } from '@/components/button';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { SelectField, TextField } from '@/components/field';
import { PageHeader } from '@/components/page-header';
import { EmptyState, Loading } from '@/components/states';
import { Table } from '@/components/table';
import { VisuallyHidden } from '@/components/visually-hidden';
import { ApiError } from '@/lib/api-client';
import { splitFieldErrors } from '@/lib/field-errors';
import { formatDateTime } from '@/lib/format';

import { describeScope } from '../api/alert-rules';
import {
  describeSchedule,
  useCreateMaintenanceWindow,
  useDeleteMaintenanceWindow,
  useMaintenanceWindows,
  type MaintenanceWindow,
  type MaintenanceWindowInput,
} from '../api/maintenance-windows';

import styles from './alerts.module.css';

interface MaintenanceWindowsPageProps {
  orgId: string;
  /** MAINTAINER and up create windows. */
  canEdit: boolean;
  /** ADMINs delete them. */
  canDelete: boolean;
  /** Monitor names by id, to name a window's monitor and to pick one. */
  monitorNames: ReadonlyMap<string, string>;
}

const DESCRIPTION =
  'While a window is active, alerts of the monitors it covers are still recorded but nobody is notified. A window is one-off, or recurs on a cron schedule in a time zone.';

export function MaintenanceWindowsPage({ orgId, canEdit, canDelete, monitorNames }: MaintenanceWindowsPageProps) {
  const windows = useMaintenanceWindows(orgId);
  const [creating, setCreating] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  if (windows.error instanceof ApiError && windows.error.status === 402) {
    return (
      <>
        <PageHeader title="Maintenance windows" description={DESCRIPTION} />
        <p className="card">Maintenance windows quiet AutoPerf alerts, which are not part of this licence.</p>
      </>
    );
  }
  const active = windows.data?.filter((w) => w.activeNow) ?? [];
  return (
    <>
      <PageHeader title="Maintenance windows" description={DESCRIPTION} />
      <div className={styles.stack}>
        {active.length > 0 ? (
          <Alert tone="info">
            {`Active now: ${active.map((w) => `${w.name} (${describeScope(w, monitorNames)})`).join(', ')}. Alerts they cover are recorded, not sent.`}
          </Alert>
        ) : null}
        {canEdit ? (
          <section aria-labelledby="new-window-heading" className="card">
            <h2 id="new-window-heading" className={styles.cardHeading}>
              New window
            </h2>
            {saved ? <Alert tone="success">{`Window “${saved}” saved.`}</Alert> : null}
            {creating ? (
              <WindowForm
                orgId={orgId}
                monitors={[...monitorNames].map(([value, label]) => ({ value, label }))}
                onCancel={() => setCreating(false)}
                onSaved={(window) => {
                  setCreating(false);
                  setSaved(window.name);
                }}
              />
            ) : (
              <Button
                variant="primary"
                onClick={() => {
                  setSaved(null);
                  setCreating(true);
                }}
              >
                Create window
              </Button>
            )}
          </section>
        ) : null}
        <section aria-labelledby="windows-heading" className="card">
          <h2 id="windows-heading" className={styles.cardHeading}>
            Windows
          </h2>
          {windows.isPending ? <Loading label="Loading maintenance windows…" /> : null}
          {windows.isError ? <ErrorAlert title="Could not load the maintenance windows" error={windows.error} /> : null}
          {windows.data?.length === 0 ? (
            <EmptyState title="No maintenance windows">{canEdit ? 'Create one above before planned work.' : 'A maintainer creates them.'}</EmptyState>
          ) : null}
          {windows.data && windows.data.length > 0 ? (
            <WindowsTable orgId={orgId} windows={windows.data} canDelete={canDelete} monitorNames={monitorNames} />
          ) : null}
        </section>
      </div>
    </>
  );
}

function WindowsTable({
  orgId,
  windows,
  canDelete,
  monitorNames,
}: {
  orgId: string;
  windows: readonly MaintenanceWindow[];
  canDelete: boolean;
  monitorNames: ReadonlyMap<string, string>;
}) {
  const remove = useDeleteMaintenanceWindow(orgId);
  const [confirming, setConfirming] = useState<MaintenanceWindow | null>(null);
  return (
    <>
      <Table caption="Maintenance windows" hideCaption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Covers</th>
            <th scope="col">When</th>
            <th scope="col">Now</th>
            {canDelete ? (
              <th scope="col">
                <VisuallyHidden>Actions</VisuallyHidden>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {windows.map((window) => (
            <tr key={window.id}>
              <th scope="row">{window.name}</th>
              <td>{describeScope(window, monitorNames).replace('every monitor', 'the whole organisation')}</td>
              <td>{describeSchedule(window, (iso) => formatDateTime(iso))}</td>
              <td>{window.activeNow ? <Badge tone="accent">Active now</Badge> : <Badge>Not active</Badge>}</td>
              {canDelete ? (
                <td>
                  <Button variant="quiet" aria-label={`Delete ${window.name}`} onClick={() => setConfirming(window)}>
                    Delete
                  </Button>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </Table>
      {confirming ? (
        <ConfirmDialog
          title="Delete maintenance window?"
          confirmLabel="Delete"
          busy={remove.isPending}
          error={remove.error ? <ErrorAlert error={remove.error} /> : undefined}
          onCancel={() => {
            remove.reset();
            setConfirming(null);
          }}
          onConfirm={() => remove.mutate(confirming, { onSuccess: () => setConfirming(null) })}
        >
          <p>{`Alerts covered by “${confirming.name}” are sent again from now on.`}</p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}

interface Inputs {
  name: string;
  scopeKind: 'all' | 'monitor' | 'label';
  scopeValue: string;
  kind: 'once' | 'cron';
  startsAt: string;
  endsAt: string;
  cron: string;
  durationMinutes: string;
  timeZone: string;
}

/** The browser's zone, the likeliest one for a schedule typed in it. */
function browserZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/**
 * The checks that need no server; one-off times are typed in the browser's local time and sent as
 * instants. The API checks the cron and the zone.
 */
export function checkWindow(inputs: Inputs): { request?: MaintenanceWindowInput; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  if (!inputs.name.trim()) {
    errors.name = 'is required';
  }
  if (inputs.scopeKind !== 'all' && !inputs.scopeValue.trim()) {
    errors[`scope.${inputs.scopeKind === 'monitor' ? 'monitorId' : 'label'}`] = 'is required';
  }
  const scope =
    inputs.scopeKind === 'monitor'
      ? { scope: { monitorId: inputs.scopeValue } }
      : inputs.scopeKind === 'label'
        ? { scope: { label: inputs.scopeValue.trim() } }
        : {};
  if (inputs.kind === 'once') {
    const starts = new Date(inputs.startsAt);
    const ends = new Date(inputs.endsAt);
    if (!inputs.startsAt || Number.isNaN(starts.getTime())) {
      errors.startsAt = 'is required';
    }
    if (!inputs.endsAt || Number.isNaN(ends.getTime())) {
      errors.endsAt = 'is required';
    } else if (!errors.startsAt && ends <= starts) {
      errors.endsAt = 'must be after the start';
    }
    if (Object.keys(errors).length > 0) {
      return { errors };
    }
    return { errors, request: { name: inputs.name.trim(), ...scope, startsAt: starts.toISOString(), endsAt: ends.toISOString() } };
  }
  if (!inputs.cron.trim()) {
    errors.cron = 'is required';
  }
  const minutes = Number(inputs.durationMinutes);
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 10_080) {
    errors.durationSeconds = 'must be 1-10080 minutes (7 days)';
  }
  if (!inputs.timeZone.trim()) {
    errors.timeZone = 'is required';
  }
  if (Object.keys(errors).length > 0) {
    return { errors };
  }
  return {
    errors,
    request: { name: inputs.name.trim(), ...scope, cron: inputs.cron.trim(), durationSeconds: minutes * 60, timeZone: inputs.timeZone.trim() },
  };
}

function WindowForm({
  orgId,
  monitors,
  onSaved,
  onCancel,
}: {
  orgId: string;
  monitors: readonly { value: string; label: string }[];
  onSaved: (window: MaintenanceWindow) => void;
  onCancel: () => void;
}) {
  const save = useCreateMaintenanceWindow(orgId);
  const [inputs, setInputs] = useState<Inputs>(() => ({
    name: '',
    scopeKind: 'all',
    scopeValue: '',
    kind: 'once',
    startsAt: '',
    endsAt: '',
    cron: '0 2 * * SUN',
    durationMinutes: '120',
    timeZone: browserZone(),
  }));
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const server = splitFieldErrors(save.error);
  const errors = { ...server.byField, ...clientErrors };
  const set = <K extends keyof Inputs>(field: K, value: Inputs[K]) => setInputs({ ...inputs, [field]: value });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const { request, errors: found } = checkWindow(inputs);
    setClientErrors(found);
    if (request) {
      save.mutate(request, { onSuccess: onSaved });
    }
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Create a maintenance window" className={styles.form}>
      {save.error ? <ErrorAlert title="Could not save the window" error={save.error} message={server.summary} /> : null}
      {Object.keys(clientErrors).length > 0 ? <Alert tone="error">Check the highlighted fields.</Alert> : null}
      <div className={styles.formGrid}>
        <TextField label="Name" required maxLength={200} value={inputs.name} onChange={(e) => set('name', e.target.value)} error={errors.name} />
        <SelectField
          label="Covers"
          value={inputs.scopeKind}
          onChange={(e) => setInputs({ ...inputs, scopeKind: e.target.value as Inputs['scopeKind'], scopeValue: '' })}
          options={[
            { value: 'all', label: 'The whole organisation' },
            { value: 'monitor', label: 'One monitor' },
            { value: 'label', label: 'Monitors with a vantage label' },
          ]}
          error={errors.scope}
        />
        {inputs.scopeKind === 'monitor' ? (
          <SelectField
            label="Monitor"
            value={inputs.scopeValue}
            onChange={(e) => set('scopeValue', e.target.value)}
            options={[{ value: '', label: 'Choose a monitor' }, ...monitors]}
            error={errors['scope.monitorId']}
          />
        ) : null}
        {inputs.scopeKind === 'label' ? (
          <TextField label="Label" value={inputs.scopeValue} onChange={(e) => set('scopeValue', e.target.value)} error={errors['scope.label']} />
        ) : null}
        <SelectField
          label="Schedule"
          value={inputs.kind}
          onChange={(e) => set('kind', e.target.value as Inputs['kind'])}
          options={[
            { value: 'once', label: 'Once' },
            { value: 'cron', label: 'Recurring (cron)' },
          ]}
        />
        {inputs.kind === 'once' ? (
          <>
            <TextField
              label="Starts"
              type="datetime-local"
              value={inputs.startsAt}
              onChange={(e) => set('startsAt', e.target.value)}
              hint={`Your browser’s time (${browserZone()}).`}
              error={errors.startsAt}
            />
            <TextField label="Ends" type="datetime-local" value={inputs.endsAt} onChange={(e) => set('endsAt', e.target.value)} error={errors.endsAt} />
          </>
        ) : (
          <>
            <TextField
              label="Cron"
              value={inputs.cron}
              onChange={(e) => set('cron', e.target.value)}
              hint="Minute, hour, day of month, month, day of week: 0 2 * * SUN is Sundays at 02:00."
              error={errors.cron}
            />
            <TextField
              label="Duration (minutes)"
              inputMode="numeric"
              value={inputs.durationMinutes}
              onChange={(e) => set('durationMinutes', e.target.value)}
              error={errors.durationSeconds}
            />
            <TextField
              label="Time zone"
              value={inputs.timeZone}
              onChange={(e) => set('timeZone', e.target.value)}
              hint="An IANA zone such as Europe/Berlin."
              error={errors.timeZone}
            />
          </>
        )}
      </div>
      <div className={styles.formActions}>
        <Button type="submit" variant="primary" busy={save.isPending}>
          Create window
        </Button>
        <Button variant="quiet" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
