import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { Link } from 'react-router';

import { Alert, ErrorAlert } from '@/components/alert';
import { Button } from '@/components/button';
import { SelectField, TextField } from '@/components/field';
import { ApiError } from '@/lib/api-client';
import { splitFieldErrors } from '@/lib/field-errors';

import { useSaveMonitor, type Monitor } from '../api/monitors';
import {
  checkMonitor,
  DAYS,
  MAX_VANTAGE_POINTS,
  monitorFieldOf,
  TIER1_PROBES,
  kept,
  toInputs,
  type MonitorInputs,
  type VantageKind,
} from '../utils/monitor-rules';

import styles from './monitors.module.css';

export interface NodeOption {
  readonly id: string;
  readonly name: string;
}

interface MonitorFormProps {
  orgId: string;
  /** The organisation's nodes to pick a vantage node from. */
  nodes: readonly NodeOption[];
  /** The monitor being edited; a new monitor when absent. */
  monitor?: Monitor;
  onSaved: (monitor: Monitor) => void;
}

const KIND_OPTIONS = [
  { value: 'nodeId', label: 'Node' },
  { value: 'region', label: 'Region' },
  { value: 'label', label: 'Label' },
];
const KIND_NAMES: Record<VantageKind, string> = { nodeId: 'Node', region: 'Region', label: 'Label' };

/** A 402 from the monitors API: the organisation's licence lacks `autoperf`. */
export function isUnlicensed(error: unknown): boolean {
  return error instanceof ApiError && error.status === 402;
}

export function UnlicensedNote() {
  return (
    <Alert tone="info" title="AutoPerf monitors are not part of this licence.">
      <p>
        Monitors need the <code>autoperf</code> feature of an Enterprise licence. Tests and tier runs by hand still work. See{' '}
        <Link to="/license">License</Link>.
      </p>
    </Alert>
  );
}

/**
 * Creates or replaces a monitor. The checks before sending mirror docs/autoperf.md; what only
 * the API knows (a node of the organisation, a cron expression's meaning, a zone's name) comes
 * back as field errors and lands next to the same fields.
 */
export function MonitorForm({ orgId, nodes, monitor, onSaved }: MonitorFormProps) {
  const save = useSaveMonitor(orgId, monitor?.id);
  const [inputs, setInputs] = useState<MonitorInputs>(() => toInputs(monitor, nodes[0]?.id ?? ''));
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const scheduleName = useId();
  const fieldOf = monitorFieldOf(inputs.scheduleMode);
  const unlicensed = isUnlicensed(save.error);
  const server = splitFieldErrors(save.error, fieldOf);
  const errors = { ...server.byField, ...clientErrors };
  const set = <K extends keyof MonitorInputs>(field: K, value: MonitorInputs[K]) => setInputs({ ...inputs, [field]: value });
  const nodeOptions = [
    { value: '', label: nodes.length === 0 ? 'No node enrolled' : 'Choose a node' },
    ...nodes.map((n) => ({ value: n.id, label: n.name })),
  ];

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const { request, errors: found } = checkMonitor(inputs);
    setClientErrors(found);
    if (!request) {
      // Focus the first field with a problem, as a screen reader user needs to hear it.
      requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    save.mutate(monitor ? { ...kept(monitor), ...request } : request, { onSuccess: onSaved });
  }

  function toggle(field: 'probes' | 'windowDays', value: string, on: boolean) {
    const current = inputs[field];
    set(field, on ? [...current, value] : current.filter((v) => v !== value));
  }

  function setVantage(index: number, kind: VantageKind, value: string) {
    set(
      'vantage',
      inputs.vantage.map((point, i) => (i === index ? { kind, value } : point)),
    );
  }

  return (
    <form onSubmit={submit} noValidate aria-label={monitor ? 'Edit monitor' : 'Create a monitor'} className={styles.form}>
      {unlicensed ? <UnlicensedNote /> : null}
      {save.error && !unlicensed ? <ErrorAlert title="Could not save the monitor" error={save.error} message={server.summary} /> : null}
      {Object.keys(clientErrors).length > 0 ? (
        <p role="alert" className={styles.formError}>
          Check the highlighted fields.
        </p>
      ) : null}
      <div className={styles.formGrid}>
        <TextField label="Name" required maxLength={200} value={inputs.name} onChange={(e) => set('name', e.target.value)} error={errors.name} />
        <TextField
          label="Target"
          required
          placeholder="host, host:port or https://…"
          value={inputs.target}
          onChange={(e) => set('target', e.target.value)}
          error={errors.target}
          spellCheck={false}
        />
      </div>

      <CheckboxGroup legend="Probes (tier 1)" error={errors.probes}>
        {TIER1_PROBES.map((probe) => (
          <Checkbox
            key={probe.value}
            label={probe.label}
            checked={inputs.probes.includes(probe.value)}
            invalid={Boolean(errors.probes)}
            onChange={(on) => toggle('probes', probe.value, on)}
          />
        ))}
      </CheckboxGroup>

      <CheckboxGroup legend="Vantage points (nodes that run each round)" error={errors.vantage}>
        <div className={styles.form}>
          {inputs.vantage.map((point, index) => {
            const n = index + 1;
            return (
              <div key={index} className={styles.vantageRow}>
                <SelectField
                  label={`Vantage point ${n}`}
                  options={KIND_OPTIONS}
                  value={point.kind}
                  onChange={(e) => {
                    const kind = e.target.value as VantageKind;
                    setVantage(index, kind, kind === 'nodeId' ? (nodes[0]?.id ?? '') : '');
                  }}
                />
                {point.kind === 'nodeId' ? (
                  <SelectField
                    label={`Node ${n}`}
                    options={
                      point.value === '' || nodes.some((node) => node.id === point.value)
                        ? nodeOptions
                        : // A stored vantage node that was revoked or removed since: kept until changed.
                          [...nodeOptions, { value: point.value, label: 'a revoked or removed node' }]
                    }
                    value={point.value}
                    onChange={(e) => setVantage(index, 'nodeId', e.target.value)}
                    error={errors[`vantage.${index}`]}
                  />
                ) : (
                  <TextField
                    label={`${KIND_NAMES[point.kind]} ${n}`}
                    value={point.value}
                    onChange={(e) => setVantage(index, point.kind, e.target.value)}
                    error={errors[`vantage.${index}`]}
                    spellCheck={false}
                  />
                )}
                <Button
                  variant="quiet"
                  aria-label={`Remove vantage point ${n}`}
                  onClick={() => set('vantage', inputs.vantage.filter((_, i) => i !== index))}
                >
                  Remove
                </Button>
              </div>
            );
          })}
          <div>
            <Button
              disabled={inputs.vantage.length >= MAX_VANTAGE_POINTS}
              onClick={() => set('vantage', [...inputs.vantage, { kind: 'nodeId', value: nodes[0]?.id ?? '' }])}
            >
              Add vantage point
            </Button>
          </div>
        </div>
      </CheckboxGroup>

      <CheckboxGroup legend="Schedule">
        <div className={styles.choices}>
          <Radio
            name={scheduleName}
            label="Every N seconds"
            checked={inputs.scheduleMode === 'interval'}
            onChange={() => set('scheduleMode', 'interval')}
          />
          <Radio name={scheduleName} label="On a cron schedule" checked={inputs.scheduleMode === 'cron'} onChange={() => set('scheduleMode', 'cron')} />
        </div>
        <div className={styles.formGrid}>
          {inputs.scheduleMode === 'interval' ? (
            <TextField
              label="Interval (seconds)"
              inputMode="numeric"
              value={inputs.intervalSeconds}
              onChange={(e) => set('intervalSeconds', e.target.value)}
              hint="30 s – 24 h"
              error={errors.intervalSeconds}
            />
          ) : (
            <>
              <TextField
                label="Cron expression"
                placeholder="*/5 * * * *"
                value={inputs.cron}
                onChange={(e) => set('cron', e.target.value)}
                hint="minute hour day month weekday (or seconds first); at most every 30 s"
                error={errors.cron}
                spellCheck={false}
              />
              <TextField
                label="Cron time zone"
                value={inputs.cronTimeZone}
                onChange={(e) => set('cronTimeZone', e.target.value)}
                hint="an IANA name such as Europe/Berlin"
                error={errors.cronTimeZone}
                spellCheck={false}
              />
            </>
          )}
        </div>
      </CheckboxGroup>

      <CheckboxGroup legend="Active window">
        <Checkbox label="Only run rounds in an active window" checked={inputs.windowOn} onChange={(on) => set('windowOn', on)} />
        {inputs.windowOn ? (
          <>
            <CheckboxGroup legend="Days" error={errors.windowDays}>
              <div className={styles.choices}>
                {DAYS.map((day) => (
                  <Checkbox
                    key={day.value}
                    label={day.label}
                    checked={inputs.windowDays.includes(day.value)}
                    invalid={Boolean(errors.windowDays)}
                    onChange={(on) => toggle('windowDays', day.value, on)}
                  />
                ))}
              </div>
            </CheckboxGroup>
            <div className={styles.formGrid}>
              <TextField
                label="From (HH:mm)"
                placeholder="08:00"
                value={inputs.windowFrom}
                onChange={(e) => set('windowFrom', e.target.value)}
                error={errors.windowFrom}
              />
              <TextField
                label="To (HH:mm)"
                placeholder="18:00"
                value={inputs.windowTo}
                onChange={(e) => set('windowTo', e.target.value)}
                hint="exclusive; before From spans midnight"
                error={errors.windowTo}
              />
              <TextField
                label="Window time zone"
                value={inputs.windowTimeZone}
                onChange={(e) => set('windowTimeZone', e.target.value)}
                hint="an IANA name such as Europe/Berlin"
                error={errors.windowTimeZone}
                spellCheck={false}
              />
            </div>
          </>
        ) : null}
      </CheckboxGroup>

      <div className={styles.formGrid}>
        <TextField
          label="UDP echo port"
          inputMode="numeric"
          placeholder="2000"
          value={inputs.udpEchoPort}
          onChange={(e) => set('udpEchoPort', e.target.value)}
          hint="the target’s UDP echo, for the udp_echo probe (2000 when empty)"
          error={errors.udpEchoPort}
        />
        <TextField
          label="iperf3 port"
          inputMode="numeric"
          placeholder="5201"
          value={inputs.iperfPort}
          onChange={(e) => set('iperfPort', e.target.value)}
          hint="the target’s iperf3 port, for throughput tests when a breach escalates to tier 2 or 3 (5201 when empty)"
          error={errors.iperfPort}
        />
        <Checkbox label="Enabled (unchecked: paused)" checked={inputs.enabled} onChange={(on) => set('enabled', on)} />
      </div>

      <div className={styles.actions}>
        <Button type="submit" variant="primary" busy={save.isPending}>
          {save.isPending ? 'Saving…' : monitor ? 'Save changes' : 'Create monitor'}
        </Button>
      </div>
    </form>
  );
}

/** A fieldset whose error is read with the group's name. */
function CheckboxGroup({ legend, error, children }: { legend: string; error?: string; children: ReactNode }) {
  const errorId = useId();
  return (
    <fieldset className={styles.params} aria-describedby={error ? errorId : undefined}>
      <legend>{legend}</legend>
      {children}
      {error ? (
        <p id={errorId} className={styles.fieldError}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

function Checkbox({ label, checked, invalid, onChange }: { label: string; checked: boolean; invalid?: boolean; onChange: (on: boolean) => void }) {
  return (
    <label className={styles.checkbox}>
      <input type="checkbox" checked={checked} aria-invalid={invalid || undefined} onChange={(e) => onChange(e.target.checked)} />
      {label}
    </label>
  );
}

function Radio({ name, label, checked, onChange }: { name: string; label: string; checked: boolean; onChange: () => void }) {
  return (
    <label className={styles.checkbox}>
      <input type="radio" name={name} checked={checked} onChange={onChange} />
      {label}
    </label>
  );
}
