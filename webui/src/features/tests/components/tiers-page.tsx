import { useState, type FormEvent } from 'react';

import { Alert, ErrorAlert } from '@/components/alert';
import { Badge } from '@/components/badge';
import { Button } from '@/components/button';
import { TextField } from '@/components/field';
import { PageHeader } from '@/components/page-header';
import { Loading } from '@/components/states';
import { splitFieldErrors } from '@/lib/field-errors';

import { useTiers, useUpdateTier, type Thresholds, type TierProfile } from '../api/tiers';
import { checkTier, THRESHOLD_FIELDS, type TierInputs } from '../utils/tier-rules';

import styles from './tests.module.css';

export function TiersPage({ orgId, canEdit }: { orgId: string; canEdit: boolean }) {
  const tiers = useTiers(orgId);
  return (
    <>
      <PageHeader
        title="Tiers"
        description="Each tier has a time limit, a retention period and breach thresholds. A result that crosses a threshold is a breach; AutoPerf escalates breaches to the next tier. Empty thresholds are not checked."
      />
      {tiers.isPending ? <Loading label="Loading tiers…" /> : null}
      {tiers.isError ? <ErrorAlert title="Could not load the tiers" error={tiers.error} /> : null}
      <div className={styles.tiers}>
        {tiers.data?.map((tier) => <TierCard key={tier.tier} orgId={orgId} tier={tier} canEdit={canEdit} />)}
      </div>
    </>
  );
}

function toInputs(tier: TierProfile): TierInputs {
  const thresholds = {} as Record<keyof Thresholds, string>;
  for (const field of THRESHOLD_FIELDS) {
    const value = tier.thresholds[field.key];
    thresholds[field.key] = value == null ? '' : String(value);
  }
  return { timeoutSeconds: String(tier.timeoutSeconds), retentionDays: String(tier.retentionDays), thresholds };
}

function TierCard({ orgId, tier, canEdit }: { orgId: string; tier: TierProfile; canEdit: boolean }) {
  const update = useUpdateTier(orgId, tier.tier);
  const [inputs, setInputs] = useState<TierInputs>(() => toInputs(tier));
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const server = splitFieldErrors(update.error);
  const errors = { ...server.byField, ...clientErrors };
  const headingId = `tier-${tier.tier}-heading`;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    const { body, errors: found } = checkTier(inputs);
    setClientErrors(found);
    if (Object.keys(found).length === 0) {
      update.mutate(body, { onSuccess: () => setSaved(true) });
    }
  }

  return (
    <section aria-labelledby={headingId} className="card">
      <h2 id={headingId} className={styles.cardHeading}>
        Tier {tier.tier} · {tier.name} {tier.customised ? <Badge tone="accent">customised</Badge> : <Badge>defaults</Badge>}
      </h2>
      <form onSubmit={submit} noValidate aria-label={`Tier ${tier.tier} settings`} className={styles.form}>
        {update.error ? <ErrorAlert title="Could not save the tier" error={update.error} message={server.summary} /> : null}
        {saved ? <Alert tone="success">Tier {tier.tier} saved.</Alert> : null}
        <fieldset disabled={!canEdit} className={styles.params}>
          <legend>Limits</legend>
          <div className={styles.thresholds}>
            <TextField
              label="Time limit (s)"
              inputMode="numeric"
              value={inputs.timeoutSeconds}
              onChange={(e) => setInputs({ ...inputs, timeoutSeconds: e.target.value })}
              error={errors.timeoutSeconds}
            />
            <TextField
              label="Keep results (days)"
              inputMode="numeric"
              value={inputs.retentionDays}
              onChange={(e) => setInputs({ ...inputs, retentionDays: e.target.value })}
              error={errors.retentionDays}
            />
          </div>
        </fieldset>
        <fieldset disabled={!canEdit} className={styles.params}>
          <legend>Breach when</legend>
          <div className={styles.thresholds}>
            {THRESHOLD_FIELDS.map((field) => (
              <TextField
                key={field.key}
                label={`${field.label} (${field.unit})`}
                inputMode="decimal"
                value={inputs.thresholds[field.key]}
                onChange={(e) => setInputs({ ...inputs, thresholds: { ...inputs.thresholds, [field.key]: e.target.value } })}
                error={errors[`thresholds.${field.key}`]}
              />
            ))}
          </div>
        </fieldset>
        {canEdit ? (
          <div className={styles.actions}>
            <Button type="submit" variant="primary" busy={update.isPending}>
              {update.isPending ? 'Saving…' : `Save tier ${tier.tier}`}
            </Button>
          </div>
        ) : null}
      </form>
    </section>
  );
}
