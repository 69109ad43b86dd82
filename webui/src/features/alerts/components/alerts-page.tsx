import { useState } from 'react';
import { Link } from 'react-router';

import { ErrorAlert } from '@/components/alert';
import { Button } from '@/components/button';
import { PageHeader } from '@/components/page-header';
import { EmptyState, Loading } from '@/components/states';
import { Table } from '@/components/table';
import { VisuallyHidden } from '@/components/visually-hidden';
import { ApiError } from '@/lib/api-client';
import { formatDateTime } from '@/lib/format';

import { useAlertAction, useAlerts, type Alert, type AlertState } from '../api/alerts';

import { SeverityBadge, StateBadge } from './alert-badges';
import styles from './alerts.module.css';

interface AlertsPageProps {
  orgId: string;
  /** MAINTAINER and up acknowledge and resolve. */
  canAct: boolean;
}

const FILTERS: readonly { value: AlertState | 'ALL'; label: string }[] = [
  { value: 'OPEN', label: 'Open' },
  { value: 'ACKNOWLEDGED', label: 'Acknowledged' },
  { value: 'RESOLVED', label: 'Resolved' },
  { value: 'ALL', label: 'All' },
];

const DESCRIPTION =
  'An alert opens when a rule breaches on a monitor and resolves by the rule’s clear rule or by hand. Acknowledge one to tell the others someone is on it.';

export function AlertsPage({ orgId, canAct }: AlertsPageProps) {
  const [state, setState] = useState<AlertState | 'ALL'>('OPEN');
  const alerts = useAlerts(orgId, state);

  if (alerts.error instanceof ApiError && alerts.error.status === 402) {
    return (
      <>
        <PageHeader title="Alerts" description={DESCRIPTION} />
        <p className="card">Alerts watch AutoPerf monitors, which are not part of this licence.</p>
      </>
    );
  }

  return (
    <>
      <PageHeader title="Alerts" description={DESCRIPTION} />
      <section aria-labelledby="alerts-heading" className="card">
        <h2 id="alerts-heading" className={styles.cardHeading}>
          Alerts
        </h2>
        <div className={styles.filters} role="group" aria-label="Show alerts">
          {FILTERS.map((filter) => (
            <Button
              key={filter.value}
              variant={filter.value === state ? 'primary' : 'quiet'}
              aria-pressed={filter.value === state}
              onClick={() => setState(filter.value)}
            >
              {filter.label}
            </Button>
          ))}
        </div>
        {alerts.isPending ? <Loading label="Loading alerts…" /> : null}
        {alerts.isError ? <ErrorAlert title="Could not load the alerts" error={alerts.error} /> : null}
        {alerts.data?.length === 0 ? <EmptyState title="No alerts here">Nothing in this state.</EmptyState> : null}
        {alerts.data && alerts.data.length > 0 ? <AlertsTable orgId={orgId} alerts={alerts.data} canAct={canAct} /> : null}
      </section>
    </>
  );
}

function AlertsTable({ orgId, alerts, canAct }: { orgId: string; alerts: readonly Alert[]; canAct: boolean }) {
  const action = useAlertAction(orgId);
  return (
    <>
      {action.error ? <ErrorAlert title="Could not change the alert" error={action.error} /> : null}
      <Table caption="Alerts" hideCaption>
        <thead>
          <tr>
            <th scope="col">Alert</th>
            <th scope="col">Severity</th>
            <th scope="col">State</th>
            <th scope="col">Monitor</th>
            <th scope="col">Cause</th>
            <th scope="col">Raised</th>
            {canAct ? (
              <th scope="col">
                <VisuallyHidden>Actions</VisuallyHidden>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {alerts.map((alert) => (
            <tr key={alert.id}>
              <th scope="row">
                <Link to={`/alerts/${alert.id}`}>{alert.ruleName}</Link>
                {alert.suppressed ? <span className={styles.small}>in a maintenance window: not sent</span> : null}
              </th>
              <td>
                <SeverityBadge severity={alert.severity} />
              </td>
              <td>
                <StateBadge state={alert.state} />
                {alert.acknowledgedBy ? <span className={styles.small}>by {alert.acknowledgedBy}</span> : null}
              </td>
              <td>
                <Link to={`/monitors/${alert.monitorId}`}>{alert.monitorName}</Link>
              </td>
              <td>{alert.cause}</td>
              <td>
                <time dateTime={alert.raisedAt}>{formatDateTime(alert.raisedAt)}</time>
              </td>
              {canAct ? (
                <td>
                  <div className={styles.rowActions}>
                    {alert.state === 'OPEN' ? (
                      <Button
                        variant="quiet"
                        aria-label={`Acknowledge ${alert.ruleName} on ${alert.monitorName}`}
                        busy={action.isPending && action.variables.alert.id === alert.id && action.variables.action === 'acknowledge'}
                        onClick={() => action.mutate({ alert, action: 'acknowledge' })}
                      >
                        Acknowledge
                      </Button>
                    ) : null}
                    {alert.state !== 'RESOLVED' ? (
                      <Button
                        variant="quiet"
                        aria-label={`Resolve ${alert.ruleName} on ${alert.monitorName}`}
                        busy={action.isPending && action.variables.alert.id === alert.id && action.variables.action === 'resolve'}
                        onClick={() => action.mutate({ alert, action: 'resolve' })}
                      >
                        Resolve
                      </Button>
                    ) : null}
                  </div>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </Table>
    </>
  );
}
