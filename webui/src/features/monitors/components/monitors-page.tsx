import { useState } from 'react';
import { Link, useNavigate } from 'react-router';

import { Alert, ErrorAlert } from '@/components/alert';
import { Badge } from '@/components/badge';
import { Button } from '@/components/button';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { PageHeader } from '@/components/page-header';
import { EmptyState, Loading } from '@/components/states';
import { Table } from '@/components/table';
import { VisuallyHidden } from '@/components/visually-hidden';
import { formatDateTime } from '@/lib/format';

import { useDeleteMonitor, useMonitors, useSetMonitorEnabled, type Monitor } from '../api/monitors';
import { describeSchedule, describeVantage, describeWindow, probeLabel, relativeTime, withEnabled } from '../utils/monitor-rules';

import { isUnlicensed, MonitorForm, UnlicensedNote, type NodeOption } from './monitor-form';
import styles from './monitors.module.css';

interface MonitorsPageProps {
  orgId: string;
  /** MAINTAINER and up create, edit, pause and resume monitors. */
  canEdit: boolean;
  /** ADMINs delete them. */
  canDelete: boolean;
  /** Every node of the organisation, to name the vantage nodes (revoked ones too). */
  nodes: readonly NodeOption[];
  /** The nodes a new vantage point may name. */
  selectableNodes: readonly NodeOption[];
}

const DESCRIPTION =
  'A monitor runs tier-1 probes against a target on a schedule, from its vantage points, without anyone pressing “Run now”. Each round is an ordinary tier run in the results.';

export function MonitorsPage({ orgId, canEdit, canDelete, nodes, selectableNodes }: MonitorsPageProps) {
  const monitors = useMonitors(orgId);
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const nodeNames = new Map(nodes.map((n) => [n.id, n.name]));

  if (isUnlicensed(monitors.error)) {
    return (
      <>
        <PageHeader title="Monitors" description={DESCRIPTION} />
        <UnlicensedNote />
      </>
    );
  }

  return (
    <>
      <PageHeader title="Monitors" description={DESCRIPTION} />
      <div className={styles.stack}>
        {canEdit ? (
          <section aria-labelledby="new-monitor-heading" className="card">
            <h2 id="new-monitor-heading" className={styles.cardHeading}>
              New monitor
            </h2>
            {saved ? <Alert tone="success">{`Monitor “${saved}” saved.`}</Alert> : null}
            {creating ? (
              <MonitorForm
                orgId={orgId}
                nodes={selectableNodes}
                onSaved={(monitor) => {
                  setCreating(false);
                  setSaved(monitor.name);
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
                Create monitor
              </Button>
            )}
          </section>
        ) : null}
        <section aria-labelledby="monitors-heading" className="card">
          <h2 id="monitors-heading" className={styles.cardHeading}>
            Monitors
          </h2>
          {monitors.isPending ? <Loading label="Loading monitors…" /> : null}
          {monitors.isError ? <ErrorAlert title="Could not load the monitors" error={monitors.error} /> : null}
          {monitors.data?.length === 0 ? (
            <EmptyState title="No monitors yet">{canEdit ? 'Create one above.' : 'A maintainer creates monitors.'}</EmptyState>
          ) : null}
          {monitors.data && monitors.data.length > 0 ? (
            <MonitorsTable
              orgId={orgId}
              monitors={monitors.data}
              nodeNames={nodeNames}
              canEdit={canEdit}
              canDelete={canDelete}
              onEdit={(monitor) => void navigate(`/monitors/${monitor.id}/edit`)}
            />
          ) : null}
        </section>
      </div>
    </>
  );
}

interface MonitorsTableProps {
  orgId: string;
  monitors: readonly Monitor[];
  nodeNames: ReadonlyMap<string, string>;
  canEdit: boolean;
  canDelete: boolean;
  onEdit: (monitor: Monitor) => void;
}

function MonitorsTable({ orgId, monitors, nodeNames, canEdit, canDelete, onEdit }: MonitorsTableProps) {
  const toggle = useSetMonitorEnabled(orgId);
  const remove = useDeleteMonitor(orgId);
  const [confirming, setConfirming] = useState<Monitor | null>(null);
  return (
    <>
      {toggle.error ? (
        <ErrorAlert
          title={isUnlicensed(toggle.error) ? 'AutoPerf monitors are not part of this licence.' : 'Could not pause or resume the monitor'}
          error={toggle.error}
        />
      ) : null}
      <Table caption="Monitors" hideCaption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Target</th>
            <th scope="col">Probes</th>
            <th scope="col">Vantage points</th>
            <th scope="col">Schedule</th>
            <th scope="col">State</th>
            <th scope="col">Next round</th>
            <th scope="col">Last round</th>
            {canEdit ? (
              <th scope="col">
                <VisuallyHidden>Actions</VisuallyHidden>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {monitors.map((monitor) => (
            <tr key={monitor.id}>
              <th scope="row">
                <Link to={`/monitors/${monitor.id}`}>{monitor.name}</Link>
              </th>
              <td className={styles.target}>{monitor.target}</td>
              <td>{monitor.probes.map(probeLabel).join(', ')}</td>
              <td>{monitor.vantage.map((point) => describeVantage(point, nodeNames)).join(', ')}</td>
              <td>
                {describeSchedule(monitor.schedule)}
                {monitor.activeWindow ? <span className={styles.small}>{describeWindow(monitor.activeWindow)}</span> : null}
              </td>
              <td>{monitor.enabled ? <Badge tone="ok">Enabled</Badge> : <Badge>Paused</Badge>}</td>
              <td>
                <When iso={monitor.nextDueAt} none="—" />
              </td>
              <td>
                <When iso={monitor.lastRoundAt} none="never" />
              </td>
              {canEdit ? (
                <td>
                  <div className={styles.rowActions}>
                    <Button
                      variant="quiet"
                      aria-label={`${monitor.enabled ? 'Pause' : 'Resume'} ${monitor.name}`}
                      busy={toggle.isPending && toggle.variables.monitor.id === monitor.id}
                      onClick={() => toggle.mutate({ monitor, input: withEnabled(monitor, !monitor.enabled) })}
                    >
                      {monitor.enabled ? 'Pause' : 'Resume'}
                    </Button>
                    <Button variant="quiet" aria-label={`Edit ${monitor.name}`} onClick={() => onEdit(monitor)}>
                      Edit
                    </Button>
                    {canDelete ? (
                      <Button variant="quiet" aria-label={`Delete ${monitor.name}`} onClick={() => setConfirming(monitor)}>
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
          title="Delete monitor?"
          confirmLabel="Delete"
          busy={remove.isPending}
          error={remove.error ? <ErrorAlert error={remove.error} /> : undefined}
          onCancel={() => {
            remove.reset();
            setConfirming(null);
          }}
          onConfirm={() => remove.mutate(confirming, { onSuccess: () => setConfirming(null) })}
        >
          <p>“{confirming.name}” stops running rounds; its past runs and results stay.</p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}

/** A relative time with the absolute one beside it, e.g. "in 4 minutes · 7 Dec 2026, 05:00". */
function When({ iso, none }: { iso: string | null; none: string }) {
  if (!iso) {
    return <>{none}</>;
  }
  return (
    <time dateTime={iso}>
      {relativeTime(iso)}
      <span className={styles.small}>{formatDateTime(iso)}</span>
    </time>
  );
}
