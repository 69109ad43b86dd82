import { Link } from 'react-router';

import { ErrorAlert } from '@/components/alert';
import { Badge } from '@/components/badge';
import { Button } from '@/components/button';
import { PageHeader } from '@/components/page-header';
import { EmptyState, Loading } from '@/components/states';
import { Table } from '@/components/table';
import { formatDateTime } from '@/lib/format';

import { useAlert, useAlertAction, type AlertDetail } from '../api/alerts';

import { SeverityBadge, StateBadge } from './alert-badges';
import styles from './alerts.module.css';

interface AlertPageProps {
  orgId: string;
  alertId: string;
  /** MAINTAINER and up acknowledge and resolve. */
  canAct: boolean;
}

/** One alert: what raised it, its transitions, and every attempt to deliver what was told. */
export function AlertPage({ orgId, alertId, canAct }: AlertPageProps) {
  const detail = useAlert(orgId, alertId);
  return (
    <>
      <PageHeader
        title={detail.data ? `${detail.data.alert.ruleName} on ${detail.data.alert.monitorName}` : 'Alert'}
        description={<Link to="/alerts">All alerts</Link>}
      />
      {detail.isPending ? <Loading label="Loading the alert…" /> : null}
      {detail.isError ? <ErrorAlert title="Could not load the alert" error={detail.error} /> : null}
      {detail.data ? <AlertBody orgId={orgId} detail={detail.data} canAct={canAct} /> : null}
    </>
  );
}

function AlertBody({ orgId, detail, canAct }: { orgId: string; detail: AlertDetail; canAct: boolean }) {
  const { alert } = detail;
  const action = useAlertAction(orgId);
  return (
    <div className={styles.stack}>
      <section aria-labelledby="alert-heading" className="card">
        <h2 id="alert-heading" className={styles.cardHeading}>
          What happened
        </h2>
        <dl className={styles.facts}>
          <dt>State</dt>
          <dd>
            <StateBadge state={alert.state} />
          </dd>
          <dt>Severity</dt>
          <dd>
            <SeverityBadge severity={alert.severity} />
          </dd>
          <dt>Monitor</dt>
          <dd>
            <Link to={`/monitors/${alert.monitorId}`}>{alert.monitorName}</Link>
          </dd>
          <dt>Cause</dt>
          <dd>{alert.cause}</dd>
          <dt>Raised</dt>
          <dd>{formatDateTime(alert.raisedAt, { seconds: true })}</dd>
          {alert.acknowledgedAt ? (
            <>
              <dt>Acknowledged</dt>
              <dd>
                {formatDateTime(alert.acknowledgedAt, { seconds: true })} by {alert.acknowledgedBy}
              </dd>
            </>
          ) : null}
          {alert.resolvedAt ? (
            <>
              <dt>Resolved</dt>
              <dd>
                {formatDateTime(alert.resolvedAt, { seconds: true })} {alert.resolvedBy ? `by ${alert.resolvedBy}` : 'by its clear rule'}
              </dd>
            </>
          ) : null}
          {alert.suppressed ? (
            <>
              <dt>Notifications</dt>
              <dd>Raised in a maintenance window: nothing is sent about it.</dd>
            </>
          ) : null}
          {alert.groupId ? (
            <>
              <dt>Storm</dt>
              <dd>Told as part of a group of alerts raised together.</dd>
            </>
          ) : null}
        </dl>
        {canAct && alert.state !== 'RESOLVED' ? (
          <div className={styles.rowActions}>
            {action.error ? <ErrorAlert title="Could not change the alert" error={action.error} /> : null}
            {alert.state === 'OPEN' ? (
              <Button busy={action.isPending && action.variables.action === 'acknowledge'} onClick={() => action.mutate({ alert, action: 'acknowledge' })}>
                Acknowledge
              </Button>
            ) : null}
            <Button busy={action.isPending && action.variables.action === 'resolve'} onClick={() => action.mutate({ alert, action: 'resolve' })}>
              Resolve
            </Button>
          </div>
        ) : null}
      </section>

      <section aria-labelledby="timeline-heading" className="card">
        <h2 id="timeline-heading" className={styles.cardHeading}>
          Timeline
        </h2>
        <Table caption="Transitions" hideCaption>
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Transition</th>
              <th scope="col">By</th>
              <th scope="col">Detail</th>
              <th scope="col">Told</th>
            </tr>
          </thead>
          <tbody>
            {detail.transitions.map((t) => (
              <tr key={`${t.kind}-${t.at}`}>
                <td>{formatDateTime(t.at, { seconds: true })}</td>
                <td>{t.kind.charAt(0) + t.kind.slice(1).toLowerCase()}</td>
                <td>{t.actor ?? 'the rule'}</td>
                <td>{t.detail}</td>
                <td>{t.notified ? 'yes' : 'no'}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      </section>

      <section aria-labelledby="deliveries-heading" className="card">
        <h2 id="deliveries-heading" className={styles.cardHeading}>
          Deliveries
        </h2>
        {detail.deliveries.length === 0 ? (
          <EmptyState title="No delivery attempts yet">Notifications wait a few seconds, so that a storm is told as one.</EmptyState>
        ) : (
          <Table caption="Delivery attempts" hideCaption>
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Channel</th>
                <th scope="col">Notification</th>
                <th scope="col">Attempt</th>
                <th scope="col">Outcome</th>
                <th scope="col">Latency</th>
              </tr>
            </thead>
            <tbody>
              {detail.deliveries.map((d) => (
                <tr key={`${d.notificationId}-${d.channelId}-${d.attempt}`}>
                  <td>{formatDateTime(d.at, { seconds: true })}</td>
                  <td>{d.channelName}</td>
                  <td>{d.kind}</td>
                  <td>{d.attempt}</td>
                  <td>
                    {d.delivered ? <Badge tone="ok">Delivered</Badge> : <Badge tone="danger">Failed</Badge>}{' '}
                    {d.statusCode ?? ''} {d.error ?? ''}
                  </td>
                  <td>{d.latencyMs} ms</td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </section>
    </div>
  );
}
