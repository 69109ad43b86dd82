import { useState } from 'react';

import { Alert, ErrorAlert } from '@/components/alert';
import { Badge } from '@/components/badge';
import { Button } from '@/components/button';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { PageHeader } from '@/components/page-header';
import { EmptyState, Loading } from '@/components/states';
import { Table } from '@/components/table';
import { VisuallyHidden } from '@/components/visually-hidden';
import { ApiError } from '@/lib/api-client';

import {
  describeCondition,
  describeScope,
  describeVantage,
  routedChannels,
  useAlertRules,
  useDeleteAlertRule,
  type AlertRule,
  type RuleChannel,
} from '../api/alert-rules';

import { SeverityBadge } from './alert-badges';
import { AlertRuleForm } from './alert-rule-form';
import styles from './alerts.module.css';

interface AlertRulesPageProps {
  orgId: string;
  /** MAINTAINER and up create rules. */
  canEdit: boolean;
  /** ADMINs delete rules. */
  canDelete: boolean;
  /** Monitor names by id, to name a rule's monitor. */
  monitorNames: ReadonlyMap<string, string>;
  /** The organisation's channels (MAINTAINER and up may read them), to route and pick; else undefined. */
  channels?: readonly RuleChannel[];
}

const DESCRIPTION =
  'A rule raises an alert when X of a monitor’s last Y rounds breach on enough vantage points, and resolves it after K good rounds in a row.';

export function AlertRulesPage({ orgId, canEdit, canDelete, monitorNames, channels }: AlertRulesPageProps) {
  const rules = useAlertRules(orgId);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<AlertRule | null>(null);
  const monitorOptions = [...monitorNames].map(([value, label]) => ({ value, label }));
  const [saved, setSaved] = useState<string | null>(null);
  if (rules.error instanceof ApiError && rules.error.status === 402) {
    return (
      <>
        <PageHeader title="Alert rules" description={DESCRIPTION} />
        <p className="card">Alert rules watch AutoPerf monitors, which are not part of this licence.</p>
      </>
    );
  }
  return (
    <>
      <PageHeader title="Alert rules" description={DESCRIPTION} />
      <div className={styles.stack}>
      {canEdit ? (
        <section aria-labelledby="new-rule-heading" className="card">
          <h2 id="new-rule-heading" className={styles.cardHeading}>
            New rule
          </h2>
          {saved ? <Alert tone="success">{`Rule “${saved}” saved.`}</Alert> : null}
          {creating ? (
            <AlertRuleForm
              orgId={orgId}
              monitors={monitorOptions}
              channels={channels}
              onCancel={() => setCreating(false)}
              onSaved={(rule) => {
                setCreating(false);
                setSaved(rule.name);
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
              Create rule
            </Button>
          )}
        </section>
      ) : null}
      {editing ? (
        <section aria-labelledby="edit-rule-heading" className="card">
          <h2 id="edit-rule-heading" className={styles.cardHeading}>
            {`Edit rule “${editing.name}”`}
          </h2>
          <p className={styles.small}>Saving counts the rule’s rounds afresh.</p>
          <AlertRuleForm
            key={editing.id}
            orgId={orgId}
            rule={editing}
            monitors={monitorOptions}
            channels={channels}
            onCancel={() => setEditing(null)}
            onSaved={(rule) => {
              setEditing(null);
              setSaved(rule.name);
            }}
          />
        </section>
      ) : null}
      <section aria-labelledby="rules-heading" className="card">
        <h2 id="rules-heading" className={styles.cardHeading}>
          Rules
        </h2>
        {rules.isPending ? <Loading label="Loading alert rules…" /> : null}
        {rules.isError ? <ErrorAlert title="Could not load the alert rules" error={rules.error} /> : null}
        {rules.data?.length === 0 ? (
          <EmptyState title="No alert rules yet">{canEdit ? 'Create one above.' : 'A maintainer creates alert rules.'}</EmptyState>
        ) : null}
        {rules.data && rules.data.length > 0 ? (
          <RulesTable
            orgId={orgId}
            rules={rules.data}
            canDelete={canDelete}
            onEdit={canEdit ? setEditing : undefined}
            monitorNames={monitorNames}
            channels={channels}
          />
        ) : null}
      </section>
      </div>
    </>
  );
}

function RulesTable({
  orgId,
  rules,
  canDelete,
  onEdit,
  monitorNames,
  channels,
}: {
  orgId: string;
  rules: readonly AlertRule[];
  canDelete: boolean;
  onEdit: ((rule: AlertRule) => void) | undefined;
  monitorNames: ReadonlyMap<string, string>;
  channels: readonly RuleChannel[] | undefined;
}) {
  const actions = canDelete || onEdit !== undefined;
  const remove = useDeleteAlertRule(orgId);
  const [confirming, setConfirming] = useState<AlertRule | null>(null);
  return (
    <>
      <Table caption="Alert rules" hideCaption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Watches</th>
            <th scope="col">Condition</th>
            <th scope="col">Raise</th>
            <th scope="col">Clear</th>
            <th scope="col">Severity</th>
            <th scope="col">State</th>
            {channels ? <th scope="col">Sent to</th> : null}
            {actions ? (
              <th scope="col">
                <VisuallyHidden>Actions</VisuallyHidden>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {rules.map((rule) => (
            <tr key={rule.id}>
              <th scope="row">{rule.name}</th>
              <td>{describeScope(rule, monitorNames)}</td>
              <td>
                {describeCondition(rule)}
                <span className={styles.small}>{describeVantage(rule)}</span>
              </td>
              <td>
                {rule.raise.breaches} of the last {rule.raise.ofRounds} rounds
              </td>
              <td>
                {rule.clear.goodRounds} good round{rule.clear.goodRounds === 1 ? '' : 's'} in a row
              </td>
              <td>
                <SeverityBadge severity={rule.severity} />
              </td>
              <td>{rule.enabled ? <Badge tone="ok">Enabled</Badge> : <Badge>Disabled</Badge>}</td>
              {channels ? <td>{describeRouting(rule, channels)}</td> : null}
              {actions ? (
                <td>
                  <div className={styles.rowActions}>
                    {onEdit ? (
                      <Button variant="quiet" aria-label={`Edit ${rule.name}`} onClick={() => onEdit(rule)}>
                        Edit
                      </Button>
                    ) : null}
                    {canDelete ? (
                      <Button variant="quiet" aria-label={`Delete ${rule.name}`} onClick={() => setConfirming(rule)}>
                        Delete
                      </Button>
                    ) : null}
                  </div>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </Table>
      {confirming ? (
        <ConfirmDialog
          title="Delete alert rule?"
          confirmLabel="Delete"
          busy={remove.isPending}
          error={remove.error ? <ErrorAlert error={remove.error} /> : undefined}
          onCancel={() => {
            remove.reset();
            setConfirming(null);
          }}
          onConfirm={() => remove.mutate(confirming, { onSuccess: () => setConfirming(null) })}
        >
          <p>{`“${confirming.name}” stops judging rounds; its unresolved alerts are resolved.`}</p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}

/** "Ops Slack, On call" and how they were chosen: named by the rule, or by its severity. */
function describeRouting(rule: AlertRule, channels: readonly RuleChannel[]): string {
  const names = routedChannels(rule, channels)
    .map((c) => c.name)
    .join(', ');
  if (rule.channelIds.length > 0) {
    return names || 'its channels are gone';
  }
  return `${names || 'no channel'} (by severity)`;
}
