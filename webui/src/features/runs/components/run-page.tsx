import { useEffect } from 'react';
import { Link } from 'react-router';

import { Alert, ErrorAlert } from '@/components/alert';
import { Badge } from '@/components/badge';
import { Button } from '@/components/button';
import { LineChart } from '@/components/line-chart';
import { PageHeader } from '@/components/page-header';
import { Loading } from '@/components/states';
import { formatDateTime } from '@/lib/format';
import type { ProbeTypeInfo } from '@/lib/probe-types';
import { findProbeType, useProbeTypes } from '@/lib/probe-types-query';

import { isTerminal, useCancelRun, useRun, useRunVerdict, type Run } from '../api/runs';
import { useRunEvents } from '../hooks/use-run-events';
import { flattenResult } from '../utils/flatten-result';
import { summariseResult } from '../utils/result-summary';
import { chartsFor, latestPhase } from '../utils/sample-series';

import { RunStatusBadge } from './run-status-badge';
import styles from './runs.module.css';

export function RunPage({ orgId, runId, canCancel }: { orgId: string; runId: string; canCancel: boolean }) {
  const run = useRun(orgId, runId);
  return (
    <>
      <PageHeader title={run.data ? `Run of ${run.data.testName ?? run.data.target}` : 'Run'} />
      {run.isPending ? <Loading label="Loading the run…" /> : null}
      {run.isError ? <ErrorAlert title="Could not load the run" error={run.error} /> : null}
      {run.data ? <RunDetails orgId={orgId} run={run.data} canCancel={canCancel} refetch={run.refetch} /> : null}
    </>
  );
}

function RunDetails({ orgId, run, canCancel, refetch }: { orgId: string; run: Run; canCancel: boolean; refetch: () => Promise<unknown> }) {
  // A finished run's stream replays its samples, so the chart is the same after a reload.
  const events = useRunEvents(orgId, run.id, true);
  const cancel = useCancelRun(orgId);
  const status = events.status ?? run.status;
  const finished = isTerminal(status);
  const result = events.result ?? run.result;
  const verdict = useRunVerdict(orgId, finished ? { ...run, status } : undefined);
  // The stream moved the run on (dispatched to a node, running, ended): load it again for its
  // node, timestamps and stored result, which the state events do not carry.
  const stale = events.status !== undefined && events.status !== run.status && !isTerminal(run.status);
  useEffect(() => {
    if (stale) {
      void refetch();
    }
  }, [stale, events.status, refetch]);
  // Without the catalogue (still loading, or a type it lacks such as a tier run) charts and
  // summary fall back to their own names and the result's raw keys.
  const probe = findProbeType(useProbeTypes().data, run.type);
  const charts = chartsFor(run.type ?? 'tier', events.samples, probe?.progress);
  const phase = latestPhase(events.samples);

  return (
    <div className={styles.stack}>
      <section aria-labelledby="run-heading" className="card">
        <div className={styles.headerRow}>
          <h2 id="run-heading" className={styles.cardHeading}>
            Status <RunStatusBadge status={status} />
            {verdict.data ? (
              <>
                {' '}
                <Badge tone={verdict.data.verdict === 'ok' ? 'ok' : 'danger'}>{verdict.data.verdict === 'ok' ? 'Within thresholds' : 'Breach'}</Badge>
              </>
            ) : null}
          </h2>
          {canCancel && !finished ? (
            <Button variant="danger" busy={cancel.isPending} onClick={() => cancel.mutate(run.id, { onSettled: () => void refetch() })}>
              Cancel run
            </Button>
          ) : null}
        </div>
        {cancel.error ? <ErrorAlert title="Could not cancel the run" error={cancel.error} /> : null}
        {events.connection.state === 'reconnecting' ? (
          <Alert tone="info">{`Live updates interrupted (${events.connection.reason}); reconnecting in ${Math.ceil(events.connection.inMs / 1000)} s…`}</Alert>
        ) : null}
        {events.failure ? <ErrorAlert title="Live updates unavailable" error={events.failure} /> : null}
        <dl className={styles.facts}>
          <Fact term="Probe">{run.type ?? `Tier ${run.tier ?? ''} run (${run.children.length} probes)`}</Fact>
          <Fact term="Target">{run.target}</Fact>
          <Fact term="Node">{run.nodeName ?? 'not yet assigned'}</Fact>
          <Fact term="Tier">{run.tier ? `Tier ${run.tier}` : '—'}</Fact>
          <Fact term="Created">{formatDateTime(run.createdAt, { seconds: true })}</Fact>
          <Fact term="Finished">{run.finishedAt ? formatDateTime(run.finishedAt, { seconds: true }) : finished ? 'just now' : '—'}</Fact>
          {phase && !finished ? <Fact term="Phase">{phase}</Fact> : null}
        </dl>
        {events.reason ?? run.reason ? <p className={styles.error}>{events.reason ?? run.reason}</p> : null}
        {run.parentRunId ? (
          <p>
            Escalated from <Link to={`/runs/${run.parentRunId}`}>an earlier run</Link>.
          </p>
        ) : null}
      </section>

      <section aria-labelledby="live-heading" className="card">
        <h2 id="live-heading" className={styles.cardHeading}>
          {finished ? 'Per-second samples' : 'Live'}
        </h2>
        {charts.length === 0 ? (
          <p className={styles.muted}>
            {finished ? 'This probe reported no per-second numbers.' : 'Waiting for the first sample…'}
          </p>
        ) : (
          <div className={styles.charts}>
            {charts.map((chart) => (
              <LineChart key={chart.title} title={chart.title} unit={chart.unit} series={chart.series} />
            ))}
          </div>
        )}
      </section>

      {finished ? (
        <section aria-labelledby="summary-heading" className="card">
          <h2 id="summary-heading" className={styles.cardHeading}>
            Summary
          </h2>
          {verdict.data && verdict.data.breaches.length > 0 ? (
            <Alert tone="error" title="Thresholds breached">
              <ul className={styles.breaches}>
                {verdict.data.breaches.map((b, i) => (
                  <li key={`${i}-${b.metric}`}>{b.metric === 'status' ? `status: ${b.value} (expected ${b.threshold})` : `${b.metric}: ${b.value} (threshold ${b.threshold})`}</li>
                ))}
              </ul>
            </Alert>
          ) : null}
          {verdict.data?.verdict === 'ok' ? <Alert tone="success">Every threshold of the tier was met.</Alert> : null}
          {result ? (
            <ResultFacts result={result} probe={probe} />
          ) : (
            <p className={styles.muted}>No result was recorded.</p>
          )}
          {run.testId ? (
            <p>
              <Link to={`/results?testId=${encodeURIComponent(run.testId)}`}>All results of this test</Link>
            </p>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}

/** The result as the catalogue names it, the rest under "More"; field by field with raw keys for a type it lacks. */
function ResultFacts({ result, probe }: { result: Readonly<Record<string, unknown>>; probe: ProbeTypeInfo | undefined }) {
  if (!probe) {
    return <RawFacts label="Result" entries={flattenResult(result)} />;
  }
  const summary = summariseResult(result, probe.results);
  return (
    <>
      <dl className={styles.facts} aria-label="Result">
        {summary.lines.map((line) => (
          <Fact key={line.key} term={line.label}>
            {line.value}
          </Fact>
        ))}
      </dl>
      {summary.more.length > 0 ? (
        <details className={styles.more}>
          <summary>More</summary>
          <RawFacts label="More of the result" entries={summary.more} />
        </details>
      ) : null}
    </>
  );
}

function RawFacts({ label, entries }: { label: string; entries: readonly [string, string][] }) {
  return (
    <dl className={styles.facts} aria-label={label}>
      {entries.map(([key, value]) => (
        <Fact key={key} term={key}>
          {value}
        </Fact>
      ))}
    </dl>
  );
}

function Fact({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}
