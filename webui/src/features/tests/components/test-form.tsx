import { useState, type FormEvent } from 'react';

import { ErrorAlert } from '@/components/alert';
import { Button } from '@/components/button';
import { SelectField, TextField } from '@/components/field';
import { Loading } from '@/components/states';
import { splitFieldErrors } from '@/lib/field-errors';
import { paramInputs, paramLabel, validateParams, validateTarget, type ParamInputs } from '@/lib/probe-schema';
import type { ParamProperty, ProbeTypeInfo } from '@/lib/probe-types';
import { findProbeType, useProbeTypes } from '@/lib/probe-types-query';

import type { TestDefinition, TestInput } from '../api/get-tests';
import { useSaveTest } from '../api/save-test';
import { selectorProblem } from '../utils/node-selector';

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

/**
 * Server paths ("params.count", "nodeSelector.region") onto the form's fields; a path no field
 * shows (a parameter the type does not have) stays in the form's alert.
 */
function fieldMapper(paramFields: ReadonlySet<string>) {
  return (path: string): string | undefined => {
    if (['name', 'type', 'target', 'tier'].includes(path) || paramFields.has(path)) {
      return path;
    }
    if (path.startsWith('nodeSelector')) {
      return 'nodeSelector';
    }
    return undefined;
  };
}

/**
 * The parameter inputs, their hints and the checks before sending come from the API's probe
 * catalogue (`GET /api/v1/probe-types`), so the form cannot drift from the rules the API applies.
 */
export function TestForm(props: TestFormProps) {
  const probeTypes = useProbeTypes();
  if (probeTypes.isPending) {
    return <Loading label="Loading the probe types…" />;
  }
  if (probeTypes.isError) {
    return <ErrorAlert title="Could not load the probe types" error={probeTypes.error} />;
  }
  return <TestFormFields {...props} catalogue={probeTypes.data} />;
}

function TestFormFields({ orgId, nodes, test, onSaved, catalogue }: TestFormProps & { catalogue: readonly ProbeTypeInfo[] }) {
  const save = useSaveTest(orgId, test?.id);
  const [name, setName] = useState(test?.name ?? '');
  const [type, setType] = useState<string>(test?.type ?? catalogue[0]?.type ?? '');
  const [target, setTarget] = useState(test?.target ?? '');
  const [tier, setTier] = useState(test?.tier != null ? String(test.tier) : '');
  const initialMode: SelectorMode = test?.nodeSelector.region ? 'region' : test?.nodeSelector.label ? 'label' : 'nodeId';
  const [mode, setMode] = useState<SelectorMode>(initialMode);
  const [selector, setSelector] = useState(
    test?.nodeSelector.nodeId ?? test?.nodeSelector.region ?? test?.nodeSelector.label ?? nodes[0]?.id ?? '',
  );
  const [params, setParams] = useState<ParamInputs>(test ? paramInputs(test.params) : {});
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});

  // A stored test of a type the API no longer publishes keeps its type; the server judges it.
  const probe = findProbeType(catalogue, type);
  const fieldOf = fieldMapper(new Set(Object.keys(probe?.params.properties ?? {}).map((param) => `params.${param}`)));
  const server = splitFieldErrors(save.error, fieldOf);
  // A published rule may name a path the form has no field for; its message must not get lost.
  const unplaced = Object.entries(clientErrors).filter(([path]) => fieldOf(path) === undefined);
  const typeOptions = catalogue.map((entry) => ({ value: entry.type, label: entry.label }));
  if (!probe) {
    typeOptions.push({ value: type, label: type });
  }
  const errors = { ...server.byField, ...clientErrors };

  function validate(): { input: TestInput; errors: Record<string, string> } {
    const found: Record<string, string> = {};
    if (name.trim() === '') {
      found.name = 'must not be blank';
    } else if (name.trim().length > 200) {
      found.name = 'size must be between 0 and 200';
    }
    const targetError = probe ? validateTarget(probe, target) : undefined;
    if (targetError) {
      found.target = targetError;
    }
    const built = probe ? validateParams(probe, params) : { params: { ...test?.params }, errors: {} };
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

  function changeType(next: string) {
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
          {['Check the highlighted fields.', ...unplaced.map(([path, message]) => `${path}: ${message}`)].join(' ')}
        </p>
      ) : null}
      <div className={styles.formGrid}>
        <TextField label="Name" required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} error={errors.name} />
        <SelectField
          label="Probe type"
          options={typeOptions}
          value={type}
          onChange={(e) => changeType(e.target.value)}
          error={errors.type}
        />
        <TextField
          label="Target"
          required
          value={target}
          onChange={(e) => setTarget(e.target.value)}
          hint={probe?.target.hint}
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
          {Object.entries(probe?.params.properties ?? {}).map(([param, property]) => (
            <ParamField
              key={`${type}.${param}`}
              property={property}
              value={params[param]}
              onChange={(value) => setParams({ ...params, [param]: value })}
              error={errors[`params.${param}`]}
            />
          ))}
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

interface ParamFieldProps {
  property: ParamProperty;
  /** As typed; undefined when untouched. */
  value: string | boolean | undefined;
  onChange: (value: string | boolean) => void;
  error: string | undefined;
}

/** One parameter's input, as its schema describes it: checkbox, choice or text, with its default shown. */
function ParamField({ property, value, onChange, error }: ParamFieldProps) {
  const label = paramLabel(property);
  if (property.type === 'boolean') {
    return (
      <label className={styles.checkbox}>
        <input
          type="checkbox"
          checked={typeof value === 'boolean' ? value : (property.default ?? false)}
          onChange={(e) => onChange(e.target.checked)}
          aria-invalid={error ? true : undefined}
        />
        {label}
        {error ? <span className={styles.inlineError}>{error}</span> : null}
      </label>
    );
  }
  const text = typeof value === 'string' ? value : '';
  if ('enum' in property) {
    return (
      <SelectField
        label={label}
        options={[
          { value: '', label: property.default === undefined ? 'Node’s default' : `Default (${property.default})` },
          ...property.enum.map((choice) => ({ value: choice, label: choice })),
        ]}
        value={text}
        onChange={(e) => onChange(e.target.value)}
        error={error}
      />
    );
  }
  return (
    <TextField
      label={label}
      inputMode={property.type === 'integer' ? 'numeric' : undefined}
      placeholder={property.default === undefined ? undefined : String(property.default)}
      value={text}
      onChange={(e) => onChange(e.target.value)}
      hint={property.type === 'integer' ? `${property.minimum}–${property.maximum}` : undefined}
      error={error}
      spellCheck={property.type === 'integer' ? undefined : false}
    />
  );
}
