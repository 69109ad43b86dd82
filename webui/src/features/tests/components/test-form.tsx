import { useState, type FormEvent } from 'react';

import { ErrorAlert } from '@/components/alert';
import { Button } from '@/components/button';
import { SelectField, TextField } from '@/components/field';
import { splitFieldErrors } from '@/lib/field-errors';

import type { TestDefinition, TestInput } from '../api/get-tests';
import { useSaveTest } from '../api/save-test';
import {
  buildParams,
  PARAM_RULES,
  paramInputs,
  PROBE_LABELS,
  PROBE_TYPES,
  selectorProblem,
  TARGET_HINTS,
  targetProblem,
  type ParamInputs,
  type ProbeType,
} from '../utils/probe-rules';

import styles from './tests.module.css';

export interface NodeOption {
  readonly id: string;
  readonly name: string;
}

type SelectorMode = 'nodeId' | 'region' | 'label';

interface TestFormProps {
  orgId: string;
  /** Nodes to pick from when the test should run on one node. */
  nodes: readonly NodeOption[];
  /** The test being edited; a new test when absent. */
  test?: TestDefinition;
  onSaved: (test: TestDefinition) => void;
}

const TYPE_OPTIONS = PROBE_TYPES.map((type) => ({ value: type, label: PROBE_LABELS[type] }));
const TIER_OPTIONS = [
  { value: '', label: 'None (on demand only)' },
  { value: '1', label: 'Tier 1 (basic)' },
  { value: '2', label: 'Tier 2 (intermediate)' },
  { value: '3', label: 'Tier 3 (comprehensive)' },
];
const SELECTOR_OPTIONS = [
  { value: 'nodeId', label: 'One node' },
  { value: 'region', label: 'Any node in a region' },
  { value: 'label', label: 'Any node with a label' },
];

/** Server paths ("params.count", "nodeSelector.region") onto the form's fields. */
function fieldOf(path: string): string | undefined {
  if (['name', 'type', 'target', 'tier'].includes(path) || path.startsWith('params.')) {
    return path;
  }
  if (path.startsWith('nodeSelector')) {
    return 'nodeSelector';
  }
  return undefined;
}

export function TestForm({ orgId, nodes, test, onSaved }: TestFormProps) {
  const save = useSaveTest(orgId, test?.id);
  const [name, setName] = useState(test?.name ?? '');
  const [type, setType] = useState<ProbeType>(test?.type ?? 'tcp_connect');
  const [target, setTarget] = useState(test?.target ?? '');
  const [tier, setTier] = useState(test?.tier != null ? String(test.tier) : '');
  const initialMode: SelectorMode = test?.nodeSelector.region ? 'region' : test?.nodeSelector.label ? 'label' : 'nodeId';
  const [mode, setMode] = useState<SelectorMode>(initialMode);
  const [selector, setSelector] = useState(
    test?.nodeSelector.nodeId ?? test?.nodeSelector.region ?? test?.nodeSelector.label ?? nodes[0]?.id ?? '',
  );
  const [params, setParams] = useState<ParamInputs>(test ? paramInputs(test.params) : {});
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});

  const server = splitFieldErrors(save.error, fieldOf);
  const errors = { ...server.byField, ...clientErrors };

  function validate(): { input: TestInput; errors: Record<string, string> } {
    const found: Record<string, string> = {};
    if (name.trim() === '') {
      found.name = 'must not be blank';
    } else if (name.trim().length > 200) {
      found.name = 'size must be between 0 and 200';
    }
    const targetError = targetProblem(type, target);
    if (targetError) {
      found.target = targetError;
    }
    const built = buildParams(type, params);
    Object.assign(found, built.errors);
    if (selector.trim() === '') {
      found.nodeSelector = mode === 'nodeId' ? 'choose a node' : 'must name a region or a label';
    } else if (mode !== 'nodeId') {
      const problem = selectorProblem(selector.trim());
      if (problem) {
        found.nodeSelector = problem;
      }
    }
    const input: TestInput = {
      name: name.trim(),
      type,
      target: target.trim(),
      params: built.params,
      nodeSelector: { [mode]: selector.trim() } as TestInput['nodeSelector'],
      ...(tier ? { tier: Number(tier) } : {}),
    };
    return { input, errors: found };
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const { input, errors: found } = validate();
    setClientErrors(found);
    if (Object.keys(found).length > 0) {
      // Focus the first field with a problem, as a screen reader user needs to hear it.
      requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    save.mutate(input, { onSuccess: onSaved });
  }

  function changeType(next: ProbeType) {
    setType(next);
    // Parameters differ per type; the API refuses ones that do not belong.
    setParams({});
    setClientErrors({});
  }

  return (
    <form onSubmit={submit} noValidate aria-label={test ? 'Edit test' : 'Create a test'} className={styles.form}>
      {save.error ? <ErrorAlert title="Could not save the test" error={save.error} message={server.summary} /> : null}
      {Object.keys(clientErrors).length > 0 ? (
        <p role="alert" className={styles.formError}>
          Check the highlighted fields.
        </p>
      ) : null}
      <div className={styles.formGrid}>
        <TextField label="Name" required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} error={errors.name} />
        <SelectField
          label="Probe type"
          options={TYPE_OPTIONS}
          value={type}
          onChange={(e) => changeType(e.target.value as ProbeType)}
          error={errors.type}
        />
        <TextField
          label="Target"
          required
          value={target}
          onChange={(e) => setTarget(e.target.value)}
          hint={TARGET_HINTS[type]}
          error={errors.target}
          spellCheck={false}
        />
        <SelectField label="Tier" options={TIER_OPTIONS} value={tier} onChange={(e) => setTier(e.target.value)} error={errors.tier} />
        <SelectField
          label="Run on"
          options={SELECTOR_OPTIONS}
          value={mode}
          onChange={(e) => {
            const next = e.target.value as SelectorMode;
            setMode(next);
            setSelector(next === 'nodeId' ? (nodes[0]?.id ?? '') : '');
          }}
        />
        {mode === 'nodeId' ? (
          <SelectField
            label="Node"
            options={[{ value: '', label: nodes.length === 0 ? 'No node enrolled' : 'Choose a node' }, ...nodes.map((n) => ({ value: n.id, label: n.name }))]}
            value={selector}
            onChange={(e) => setSelector(e.target.value)}
            error={errors.nodeSelector}
          />
        ) : (
          <TextField
            label={mode === 'region' ? 'Region' : 'Label'}
            value={selector}
            onChange={(e) => setSelector(e.target.value)}
            error={errors.nodeSelector}
          />
        )}
      </div>
      <fieldset className={styles.params}>
        <legend>Parameters (empty fields use the node’s defaults)</legend>
        <div className={styles.formGrid}>
          {PARAM_RULES[type].map((rule) => {
            const field = `params.${rule.name}`;
            if (rule.kind === 'bool') {
              return (
                <label key={field} className={styles.checkbox}>
                  <input
                    type="checkbox"
                    checked={params[rule.name] === true}
                    onChange={(e) => setParams({ ...params, [rule.name]: e.target.checked })}
                    aria-invalid={errors[field] ? true : undefined}
                  />
                  {rule.label}
                  {errors[field] ? <span className={styles.inlineError}>{errors[field]}</span> : null}
                </label>
              );
            }
            if (rule.kind === 'choice') {
              return (
                <SelectField
                  key={field}
                  label={rule.label}
                  options={[{ value: '', label: 'Default' }, ...rule.choices.map((c) => ({ value: c, label: c }))]}
                  value={typeof params[rule.name] === 'string' ? (params[rule.name] as string) : ''}
                  onChange={(e) => setParams({ ...params, [rule.name]: e.target.value })}
                  error={errors[field]}
                />
              );
            }
            return (
              <TextField
                key={field}
                label={rule.label}
                inputMode={rule.kind === 'int' ? 'numeric' : undefined}
                value={typeof params[rule.name] === 'string' ? (params[rule.name] as string) : ''}
                onChange={(e) => setParams({ ...params, [rule.name]: e.target.value })}
                hint={rule.kind === 'int' ? `${rule.min}–${rule.max}` : rule.describe}
                error={errors[field]}
              />
            );
          })}
        </div>
      </fieldset>
      <div className={styles.actions}>
        <Button type="submit" variant="primary" busy={save.isPending}>
          {save.isPending ? 'Saving…' : test ? 'Save changes' : 'Create test'}
        </Button>
      </div>
    </form>
  );
}
