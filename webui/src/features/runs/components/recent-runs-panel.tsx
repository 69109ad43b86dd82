import { Link } from 'react-router';

import { ErrorAlert } from '@/components/alert';
import { LineChart } from '@/components/line-chart';
import { EmptyState, Loading } from '@/components/states';
import { Table } from '@/components/table';
import { formatDateTime } from '@/lib/format';

import { useRuns, type Run } from '../api/runs';
import { useRunEvents } from '../hooks/use-run-events';
import { chartsFor } from '../utils/sample-series';

import { RunStatusBadge } from './run-status-badge';
import styles from './runs.module.css';

/** The latest runs, polled so a new or finished run shows up without a reload. */
export function RecentRunsPanel({ orgId }: { orgId: string }) {
  const runs = useRuns(orgId, { limit: 10 }, { poll: true });
  return (
    <section aria-labelledby="recent-runs-heading" className="card">
      <h2 id="recent-runs-heading" className={styles.cardHeading}>
        Recent runs
      </h2>
      {runs.isPending ? <Loading label="Loading runs…" /> : null}
      {runs.isError ? <ErrorAlert title="Could not load the runs" error={runs.error} /> : null}
      {runs.data?.items.length === 0 ? <EmptyState title="No runs yet">Run a test from the Tests page.</EmptyState> : null}
      {runs.data && runs.data.items.length > 0 ? (
        <Table caption="Recent runs" hideCaption>
          <thead>
            <tr>
              <th scope="col">Test</th>
              <th scope="col">Status</th>
              <th scope="col">Node</th>
              <th scope="col">Started</th>
            </tr>
          </thead>
          <tbody>
            {runs.data.items.map((run) => (
              <tr key={run.id}>
                <th scope="row">
                  <Link to={`/runs/${run.id}`}>{run.testName ?? `${run.type} ${run.target}`}</Link>
                </th>
                <td>
                  <RunStatusBadge status={run.status} />
                </td>
                <td>{run.nodeName ?? '—'}</td>
                <td>{formatDateTime(run.startedAt ?? run.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : null}
    </section>
  );
}

/** A live chart of the newest running test, when one runs. */
export function LiveRunPanel({ orgId }: { orgId: string }) {
  const running = useRuns(orgId, { limit: 1, status: 'running' }, { poll: true });
  const run = running.data?.items[0];
  return (
    <section aria-labelledby="live-run-heading" className="card">
      <h2 id="live-run-heading" className={styles.cardHeading}>
        Running now
      </h2>
      {running.isPending ? <Loading label="Looking for running tests…" /> : null}
      {running.isError ? <ErrorAlert title="Could not load the running tests" error={running.error} /> : null}
      {running.data && !run ? <p className={styles.muted}>No test is running.</p> : null}
      {run ? <LiveRunChart key={run.id} orgId={orgId} run={run} /> : null}
    </section>
  );
}

function LiveRunChart({ orgId, run }: { orgId: string; run: Run }) {
  const events = useRunEvents(orgId, run.id, true);
  const chart = chartsFor(run.type, events.samples)[0];
  return (
    <>
      <p>
        <Link to={`/runs/${run.id}`}>{run.testName ?? run.target}</Link> on {run.nodeName ?? 'a node'}
      </p>
      {chart ? (
        <LineChart title={chart.title} unit={chart.unit} series={chart.series} />
      ) : (
        <p className={styles.muted}>Waiting for the first sample…</p>
      )}
    </>
  );
}
