import { useState, type FormEvent } from 'react';

import { Alert, ErrorAlert } from '@/components/alert';
import { Button } from '@/components/button';
import { SelectField, TextField } from '@/components/field';
import { splitFieldErrors } from '@/lib/field-errors';

import {
  routedChannels,
  useCreateAlertRule,
  useReplaceAlertRule,
  type AlertRule,
  type AlertRuleInput,
  type RuleChannel,
} from '../api/alert-rules';

import styles from './alerts.module.css';

/** The trend metrics a metric rule may compare (docs/alerts.md#alert-rules). */
const METRICS = ['tcp_connect.latency_ms', 'udp_echo.latency_ms', 'udp_echo.jitter_ms', 'udp_echo.loss_percent', 'http.http_total_ms', 'dns.dns_ms'];

interface Inputs {
  name: string;
  scopeKind: 'all' | 'monitor' | 'label';
  scopeValue: string;
  conditionType: 'metric' | 'thresholds';
  metric: string;
  comparison: string;
  threshold: string;
  breaches: string;
  ofRounds: string;
  minCount: string;
  minPercent: string;
  severity: string;
  goodRounds: string;
  channelIds: readonly string[];
  enabled: boolean;
}

const START: Inputs = {
  name: '',
  scopeKind: 'all',
  scopeValue: '',
  conditionType: 'metric',
  metric: 'tcp_connect.latency_ms',
  comparison: '>',
  threshold: '100',
  breaches: '3',
  ofRounds: '5',
  minCount: '1',
  minPercent: '',
  severity: 'warning',
  goodRounds: '3',
  channelIds: [],
  enabled: true,
};

/** A stored rule as the form's inputs, to edit it. */
export function inputsOf(rule: AlertRule): Inputs {
  const c = rule.condition;
  return {
    name: rule.name,
    scopeKind: rule.scope.monitorId ? 'monitor' : rule.scope.label ? 'label' : 'all',
    scopeValue: rule.scope.monitorId ?? rule.scope.label ?? '',
    conditionType: c.type,
    metric: c.metric ?? START.metric,
    comparison: c.comparison ?? START.comparison,
    threshold: c.threshold === null ? '' : String(c.threshold),
    breaches: String(rule.raise.breaches),
    ofRounds: String(rule.raise.ofRounds),
    minCount: rule.vantage.minCount === null ? '' : String(rule.vantage.minCount),
    minPercent: rule.vantage.minPercent === null ? '' : String(rule.vantage.minPercent),
    severity: rule.severity.toLowerCase(),
    goodRounds: String(rule.clear.goodRounds),
    channelIds: rule.channelIds,
    enabled: rule.enabled,
  };
}

/** The rules that need no server: X of Y within 1-10, numbers where numbers go. */
export function checkRule(inputs: Inputs): { request?: AlertRuleInput; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const whole = (value: string, field: string, min: number, max: number) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) {
      errors[field] = `must be a whole number ${min}-${max}`;
    }
    return n;
  };
  if (!inputs.name.trim()) {
    errors.name = 'is required';
  }
  const breaches = whole(inputs.breaches, 'raise.breaches', 1, 10);
  const ofRounds = whole(inputs.ofRounds, 'raise.ofRounds', 1, 10);
  if (!errors['raise.breaches'] && !errors['raise.ofRounds'] && breaches > ofRounds) {
    errors['raise.breaches'] = `must be at most ${ofRounds} (X of the last Y)`;
  }
  const goodRounds = whole(inputs.goodRounds, 'clear.goodRounds', 1, 50);
  const minCount = inputs.minCount.trim() === '' ? undefined : whole(inputs.minCount, 'vantage.minCount', 1, 100);
  const minPercent = inputs.minPercent.trim() === '' ? undefined : Number(inputs.minPercent);
  if (minPercent !== undefined && !(minPercent > 0 && minPercent <= 100)) {
    errors['vantage.minPercent'] = 'must be more than 0 and at most 100';
  }
  const threshold = Number(inputs.threshold);
  if (inputs.conditionType === 'metric' && (inputs.threshold.trim() === '' || !Number.isFinite(threshold))) {
    errors['condition.threshold'] = 'is required (a number)';
  }
  if (inputs.scopeKind !== 'all' && !inputs.scopeValue.trim()) {
    errors[`scope.${inputs.scopeKind === 'monitor' ? 'monitorId' : 'label'}`] = 'is required';
  }
  if (Object.keys(errors).length > 0) {
    return { errors };
  }
  return {
    errors,
    request: {
      name: inputs.name.trim(),
      ...(inputs.scopeKind === 'monitor' ? { scope: { monitorId: inputs.scopeValue } } : {}),
      ...(inputs.scopeKind === 'label' ? { scope: { label: inputs.scopeValue.trim() } } : {}),
      condition:
        inputs.conditionType === 'metric'
          ? { type: 'metric', metric: inputs.metric, comparison: inputs.comparison, threshold }
          : { type: 'thresholds' },
      raise: { breaches, ofRounds },
      vantage: { ...(minCount !== undefined ? { minCount } : {}), ...(minPercent !== undefined ? { minPercent } : {}) },
      severity: inputs.severity,
      clear: { goodRounds },
      channelIds: inputs.channelIds,
      enabled: inputs.enabled,
    },
  };
}

interface AlertRuleFormProps {
  orgId: string;
  monitors: readonly { value: string; label: string }[];
  /** The organisation's channels, to pick from; undefined while unknown (not shown then). */
  channels: readonly RuleChannel[] | undefined;
  /** The rule to edit; without one the form creates a rule. */
  rule?: AlertRule;
  onSaved: (rule: AlertRule) => void;
  onCancel?: () => void;
}

/** Creates or replaces a rule; the API's field errors land next to the fields they name. */
export function AlertRuleForm({ rule, ...props }: AlertRuleFormProps) {
  return rule ? <EditRuleForm rule={rule} {...props} /> : <CreateRuleForm {...props} />;
}

type Props = Omit<AlertRuleFormProps, 'rule'>;

function CreateRuleForm(props: Props) {
  const save = useCreateAlertRule(props.orgId);
  return <RuleForm {...props} save={save} start={START} label="Create an alert rule" submitLabel="Create rule" />;
}

function EditRuleForm({ rule, ...props }: Props & { rule: AlertRule }) {
  const save = useReplaceAlertRule(props.orgId, rule.id);
  return <RuleForm {...props} save={save} start={inputsOf(rule)} label={`Edit ${rule.name}`} submitLabel="Save rule" />;
}

interface Save {
  mutate: (input: AlertRuleInput, options: { onSuccess: (rule: AlertRule) => void }) => void;
  error: Error | null;
  isPending: boolean;
}

function RuleForm({
  monitors,
  channels,
  onSaved,
  onCancel,
  save,
  start,
  label,
  submitLabel,
}: Props & { save: Save; start: Inputs; label: string; submitLabel: string }) {
  const [inputs, setInputs] = useState<Inputs>(start);
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const server = splitFieldErrors(save.error);
  const errors = { ...server.byField, ...clientErrors };
  const set = <K extends keyof Inputs>(field: K, value: Inputs[K]) => setInputs({ ...inputs, [field]: value });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const { request, errors: found } = checkRule(inputs);
    setClientErrors(found);
    if (request) {
      save.mutate(request, { onSuccess: onSaved });
    }
  }

  return (
    <form onSubmit={submit} noValidate aria-label={label} className={styles.form}>
      {save.error ? <ErrorAlert title="Could not save the rule" error={save.error} message={server.summary} /> : null}
      {Object.keys(clientErrors).length > 0 ? <Alert tone="error">Check the highlighted fields.</Alert> : null}
      <div className={styles.formGrid}>
        <TextField label="Name" required maxLength={200} value={inputs.name} onChange={(e) => set('name', e.target.value)} error={errors.name} />
        <SelectField
          label="Watches"
          value={inputs.scopeKind}
          onChange={(e) => setInputs({ ...inputs, scopeKind: e.target.value as Inputs['scopeKind'], scopeValue: '' })}
          options={[
            { value: 'all', label: 'Every monitor' },
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
          label="Condition"
          value={inputs.conditionType}
          onChange={(e) => set('conditionType', e.target.value as Inputs['conditionType'])}
          options={[
            { value: 'metric', label: 'A metric compared with a threshold' },
            { value: 'thresholds', label: 'The tier-1 thresholds breached' },
          ]}
          error={errors['condition.type']}
        />
        {inputs.conditionType === 'metric' ? (
          <>
            <SelectField
              label="Metric"
              value={inputs.metric}
              onChange={(e) => set('metric', e.target.value)}
              options={METRICS.map((m) => ({ value: m, label: m }))}
              error={errors['condition.metric']}
            />
            <SelectField
              label="Comparison"
              value={inputs.comparison}
              onChange={(e) => set('comparison', e.target.value)}
              options={['>', '>=', '<', '<='].map((c) => ({ value: c, label: c }))}
              error={errors['condition.comparison']}
            />
            <TextField label="Threshold" inputMode="decimal" value={inputs.threshold} onChange={(e) => set('threshold', e.target.value)} error={errors['condition.threshold']} />
          </>
        ) : null}
        <TextField label="Breaching rounds (X)" inputMode="numeric" value={inputs.breaches} onChange={(e) => set('breaches', e.target.value)} error={errors['raise.breaches']} />
        <TextField label="Of the last rounds (Y)" inputMode="numeric" value={inputs.ofRounds} onChange={(e) => set('ofRounds', e.target.value)} error={errors['raise.ofRounds']} />
        <TextField label="At least vantage points" inputMode="numeric" value={inputs.minCount} onChange={(e) => set('minCount', e.target.value)} error={errors['vantage.minCount']} />
        <TextField label="And at least % of them" inputMode="decimal" value={inputs.minPercent} onChange={(e) => set('minPercent', e.target.value)} error={errors['vantage.minPercent']} />
        <SelectField
          label="Severity"
          value={inputs.severity}
          onChange={(e) => set('severity', e.target.value)}
          options={[
            { value: 'info', label: 'Info' },
            { value: 'warning', label: 'Warning' },
            { value: 'critical', label: 'Critical' },
          ]}
          error={errors.severity}
        />
        <TextField label="Good rounds in a row to clear (K)" inputMode="numeric" value={inputs.goodRounds} onChange={(e) => set('goodRounds', e.target.value)} error={errors['clear.goodRounds']} />
      </div>
      {channels ? (
        <ChannelPicker
          channels={channels}
          chosen={inputs.channelIds}
          severity={inputs.severity}
          error={errors.channelIds ?? Object.entries(errors).find(([field]) => field.startsWith('channelIds['))?.[1]}
          onChange={(channelIds) => set('channelIds', channelIds)}
        />
      ) : null}
      <label>
        <input type="checkbox" checked={inputs.enabled} onChange={(e) => set('enabled', e.target.checked)} /> Enabled (judges rounds)
      </label>
      <div className={styles.formActions}>
        <Button type="submit" variant="primary" busy={save.isPending}>
          {submitLabel}
        </Button>
        {onCancel ? (
          <Button variant="quiet" onClick={onCancel}>
            Cancel
          </Button>
        ) : null}
      </div>
    </form>
  );
}

/**
 * Which channels hear the rule: none chosen routes by severity (every channel hearing it), as the
 * notifications module does; the line under the boxes names who will receive it either way.
 */
function ChannelPicker({
  channels,
  chosen,
  severity,
  error,
  onChange,
}: {
  channels: readonly RuleChannel[];
  chosen: readonly string[];
  severity: string;
  error: string | undefined;
  onChange: (channelIds: readonly string[]) => void;
}) {
  const receiving = routedChannels({ channelIds: chosen, severity }, channels);
  const names = receiving.map((c) => c.name).join(', ');
  return (
    <fieldset className={styles.channels} aria-describedby="rule-channels-routing">
      <legend>Channels</legend>
      {channels.length === 0 ? <p>No notification channels yet: an ADMIN adds them.</p> : null}
      {channels.map((channel) => (
        <label key={channel.id}>
          <input
            type="checkbox"
            checked={chosen.includes(channel.id)}
            onChange={(e) => onChange(e.target.checked ? [...chosen, channel.id] : chosen.filter((id) => id !== channel.id))}
          />{' '}
          {channel.name} ({channel.severities.join(', ')})
        </label>
      ))}
      <p id="rule-channels-routing">
        {chosen.length === 0
          ? `None chosen: sent to every channel hearing ${severity.toUpperCase()}${receiving.length > 0 ? ` (${names})` : ' (none does yet)'}.`
          : `Sent to ${names || 'the chosen channels'} only.`}
      </p>
      {error ? <p role="alert">{error}</p> : null}
    </fieldset>
  );
}
