import { Link } from 'react-router';

import { ErrorAlert } from '@/components/alert';
import { Badge } from '@/components/badge';
import { LineChart } from '@/components/line-chart';
import { EmptyState, Loading } from '@/components/states';
import { Table } from '@/components/table';
import { formatDateTime } from '@/lib/format';
import { findProbeType, useProbeTypes } from '@/lib/probe-types-query';

import { useRunVerdicts, useRuns, type Run, type RunVerdict } from '../api/runs';
import { useRunEvents } from '../hooks/use-run-events';
import { chartsFor } from '../utils/sample-series';

import { RunStatusBadge } from './run-status-badge';
import styles from './runs.module.css';

/** The latest runs, polled so a new or finished run shows up without a reload. */
export function RecentRunsPanel({ orgId }: { orgId: string }) {
  const runs = useRuns(orgId, { limit: 10 }, { poll: true });
  const verdicts = useRunVerdicts(orgId, runs.data?.items);
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
              <th scope="col">Verdict</th>
              <th scope="col">Node</th>
              <th scope="col">Started</th>
            </tr>
          </thead>
          <tbody>
            {runs.data.items.map((run) => (
              <tr key={run.id}>
                <th scope="row">
                  <Link to={`/runs/${run.id}`}>{runLabel(run)}</Link>
                </th>
                <td>
                  <RunStatusBadge status={run.status} />
                </td>
                <td>
                  <VerdictCell verdict={verdicts.data?.get(run.id)} />
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

/** The test's name, else what ran against which target. */
function runLabel(run: Run): string {
  return run.testName ?? (run.type ? `${run.type} ${run.target}` : `Tier ${run.tier ?? '?'} ${run.target}`);
}

/** "OK", or "Breach" with the metrics that breached; a dash while there is no stored result. */
function VerdictCell({ verdict }: { verdict: RunVerdict | undefined }) {
  if (!verdict) {
    return <span aria-label="no verdict">—</span>;
  }
  if (verdict.verdict === 'ok') {
    return <Badge tone="ok">OK</Badge>;
  }
  const metrics = [...new Set(verdict.breaches.map((b) => b.metric))];
  return (
    <>
      <Badge tone="danger">Breach</Badge> {metrics.length > 0 ? <span className={styles.muted}>{metrics.join(', ')}</span> : null}
    </>
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
  const probe = findProbeType(useProbeTypes().data, run.type);
  const chart = chartsFor(run.type ?? 'tier', events.samples, probe?.progress)[0];
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
