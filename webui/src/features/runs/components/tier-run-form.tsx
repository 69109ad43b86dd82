import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';

import { ErrorAlert } from '@/components/alert';
import { Button } from '@/components/button';
import { SelectField, TextField } from '@/components/field';
import { splitFieldErrors } from '@/lib/field-errors';

import { useCreateRun, type TierRunRequest } from '../api/runs';

import styles from './runs.module.css';

export interface TierRunNode {
  readonly id: string;
  readonly name: string;
}

interface TierRunInputs {
  tier: string;
  target: string;
  nodeId: string;
  udpEchoPort: string;
  iperfPort: string;
  dnsResolver: string;
}

const EMPTY: TierRunInputs = { tier: '1', target: '', nodeId: '', udpEchoPort: '', iperfPort: '', dnsResolver: '' };

const PORTS = ['udpEchoPort', 'iperfPort'] as const;

/**
 * The request for a tier run, or the fields that keep it from being one. The API checks the same
 * and more (the target's form, the resolver), answering field by field.
 */
export function checkTierRun(inputs: TierRunInputs): { request?: TierRunRequest; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const target = inputs.target.trim();
  if (target === '') {
    errors.target = 'is required';
  }
  const ports: Partial<Record<(typeof PORTS)[number], number>> = {};
  for (const field of PORTS) {
    const text = inputs[field].trim();
    if (text === '') {
      continue;
    }
    const port = Number(text);
    if (!/^\d+$/.test(text) || port < 1 || port > 65535) {
      errors[field] = 'must be a port from 1 to 65535';
    } else {
      ports[field] = port;
    }
  }
  if (Object.keys(errors).length > 0) {
    return { errors };
  }
  const resolver = inputs.dnsResolver.trim();
  return {
    errors,
    request: {
      tier: Number(inputs.tier),
      target,
      ...(inputs.nodeId ? { nodeSelector: { nodeId: inputs.nodeId } } : {}),
      ...ports,
      ...(resolver ? { dnsResolver: resolver } : {}),
    },
  };
}

/**
 * Runs one tier's probes (SPEC section 6) against a target now and opens the run's page: what
 * AutoPerf does on a breach, by hand. Tier 3 asks the node for a packet capture.
 */
export function TierRunForm({ orgId, nodes }: { orgId: string; nodes: readonly TierRunNode[] }) {
  const create = useCreateRun(orgId);
  const navigate = useNavigate();
  const [inputs, setInputs] = useState<TierRunInputs>(EMPTY);
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const server = splitFieldErrors(create.error, (path) => (path.startsWith('nodeSelector') ? 'nodeId' : path));
  const errors = { ...server.byField, ...clientErrors };
  const set = (field: keyof TierRunInputs) => (value: string) => setInputs({ ...inputs, [field]: value });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const { request, errors: found } = checkTierRun(inputs);
    setClientErrors(found);
    if (request) {
      create.mutate(request, { onSuccess: (run) => void navigate(`/runs/${run.id}`) });
    }
  }

  return (
    <section aria-labelledby="tier-run-heading" className={`card ${styles.tierRunCard}`}>
      <h2 id="tier-run-heading" className={styles.cardHeading}>
        Run a tier now
      </h2>
      <p className={styles.muted}>
        Runs every probe of a tier against one target. Tier 2 and 3 include a throughput test against the target’s iperf3
        port; tier 3 also records its packet headers for the archive.
      </p>
      <form onSubmit={submit} noValidate aria-label="Run a tier" className={styles.tierRunForm}>
        {create.error ? <ErrorAlert title="Could not start the tier run" error={create.error} message={server.summary} /> : null}
        <div className={styles.tierRunFields}>
          <SelectField
            label="Tier"
            value={inputs.tier}
            onChange={(e) => set('tier')(e.target.value)}
            options={[
              { value: '1', label: 'Tier 1 · basic' },
              { value: '2', label: 'Tier 2 · intermediate' },
              { value: '3', label: 'Tier 3 · comprehensive' },
            ]}
            error={errors.tier}
          />
          <TextField
            label="Target"
            placeholder="host, host:port or https://…"
            value={inputs.target}
            onChange={(e) => set('target')(e.target.value)}
            error={errors.target}
          />
          <SelectField
            label="Run on"
            value={inputs.nodeId}
            onChange={(e) => set('nodeId')(e.target.value)}
            options={[{ value: '', label: 'Any online node' }, ...nodes.map((n) => ({ value: n.id, label: n.name }))]}
            error={errors.nodeId}
          />
          <TextField
            label="iperf3 port"
            inputMode="numeric"
            placeholder="5201"
            value={inputs.iperfPort}
            onChange={(e) => set('iperfPort')(e.target.value)}
            error={errors.iperfPort}
          />
          <TextField
            label="UDP echo port"
            inputMode="numeric"
            placeholder="2000"
            value={inputs.udpEchoPort}
            onChange={(e) => set('udpEchoPort')(e.target.value)}
            error={errors.udpEchoPort}
          />
          <TextField
            label="DNS resolver"
            placeholder="the node’s"
            value={inputs.dnsResolver}
            onChange={(e) => set('dnsResolver')(e.target.value)}
            error={errors.dnsResolver}
          />
        </div>
        <div>
          <Button type="submit" variant="primary" busy={create.isPending}>
            {create.isPending ? 'Starting…' : 'Run tier'}
          </Button>
        </div>
      </form>
    </section>
  );
}
