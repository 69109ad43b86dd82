import { useEffect, useId, useState } from 'react';
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

import { isTerminal, useCancelRun, useRun, useRunVerdict, type Run, type RunBreach, type RunVerdict } from '../api/runs';
import { useRunEvents, type ChildState } from '../hooks/use-run-events';
import { flattenResult } from '../utils/flatten-result';
import { summariseResult } from '../utils/result-summary';
import { chartsFor, latestPhase, type SampleChart } from '../utils/sample-series';

import { RunStatusBadge } from './run-status-badge';
import styles from './runs.module.css';

export function RunPage({ orgId, runId, canCancel }: { orgId: string; runId: string; canCancel: boolean }) {
  const run = useRun(orgId, runId);
  return (
    <>
      <PageHeader title={run.data ? title(run.data) : 'Run'} />
      {run.isPending ? <Loading label="Loading the run…" /> : null}
      {run.isError ? <ErrorAlert title="Could not load the run" error={run.error} /> : null}
      {run.data ? <RunDetails orgId={orgId} run={run.data} canCancel={canCancel} refetch={run.refetch} /> : null}
    </>
  );
}

function title(run: Run): string {
  return run.type === null && run.tier !== null ? `Tier ${run.tier} run of ${run.target}` : `Run of ${run.testName ?? run.target}`;
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
  const catalogue = useProbeTypes().data;
  const probe = findProbeType(catalogue, run.type);
  const charts = chartsFor(run.type ?? 'tier', events.samples, probe?.progress);
  const phase = latestPhase(events.samples);
  // A tier run measures nothing itself: each of its probe runs has its own node, result and samples.
  const tierRun = run.type === null && run.children.length > 0;
  const nodeNames = [...new Set(run.children.map((child) => child.nodeName).filter((name) => name !== null))];

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
          {tierRun ? (
            <Fact term="Probes">{run.children.map((child) => probeName(catalogue, child.type)).join(', ')}</Fact>
          ) : (
            <Fact term="Probe">{run.type ?? `Tier ${run.tier ?? ''} run (${run.children.length} probes)`}</Fact>
          )}
          <Fact term="Target">{run.target}</Fact>
          {tierRun ? (
            <Fact term={nodeNames.length > 1 ? 'Nodes' : 'Node'}>{nodeNames.length > 0 ? nodeNames.join(', ') : 'not yet assigned'}</Fact>
          ) : (
            <Fact term="Node">{run.nodeName ?? 'not yet assigned'}</Fact>
          )}
          <Fact term="Tier">{run.tier ? `Tier ${run.tier}` : '—'}</Fact>
          <Fact term="Created">{formatDateTime(run.createdAt, { seconds: true })}</Fact>
          <Fact term="Finished">{run.finishedAt ? formatDateTime(run.finishedAt, { seconds: true }) : finished ? 'just now' : '—'}</Fact>
          {phase && !finished ? <Fact term="Phase">{phase}</Fact> : null}
        </dl>
        {events.reason ?? run.reason ? <p className={styles.error}>{events.reason ?? run.reason}</p> : null}
        <Provenance run={run} />
      </section>

      {tierRun ? (
        run.children.map((child) => (
          <ProbeRunSection
            key={child.id}
            orgId={orgId}
            run={child}
            live={events.children[child.id]}
            verdict={verdict.data?.byRun.get(child.id)}
            probe={findProbeType(catalogue, child.type)}
          />
        ))
      ) : (
        <>
          <section aria-labelledby="live-heading" className="card">
            <h2 id="live-heading" className={styles.cardHeading}>
              {finished ? 'Per-second samples' : 'Live'}
            </h2>
            <Charts charts={charts} finished={finished} />
          </section>

          {finished ? (
            <section aria-labelledby="summary-heading" className="card">
              <h2 id="summary-heading" className={styles.cardHeading}>
                Summary
              </h2>
              {verdict.data && verdict.data.breaches.length > 0 ? <Breaches probe={null} breaches={verdict.data.breaches} /> : null}
              {verdict.data?.verdict === 'ok' ? <Alert tone="success">Every threshold of the tier was met.</Alert> : null}
              {result ? <ResultFacts result={result} probe={probe} /> : <p className={styles.muted}>No result was recorded.</p>}
              {run.testId ? (
                <p>
                  <Link to={`/results?testId=${encodeURIComponent(run.testId)}`}>All results of this test</Link>
                </p>
              ) : null}
            </section>
          ) : null}
        </>
      )}
    </div>
  );
}

/** Where the run came from: a monitor's escalation, the tier run it is part of, the monitor that started it. */
function Provenance({ run }: { run: Run }) {
  const escalation = run.escalation;
  return (
    <>
      {escalation ? (
        <p>
          Escalated from <Link to={`/runs/${escalation.fromRunId}`}>{`tier ${escalation.fromTier} run`}</Link>
          {`: ${escalation.probe} ${escalation.metric} ${escalation.value} breached ${escalation.threshold}`}
        </p>
      ) : null}
      {run.parentRunId && !escalation ? (
        <p>
          One probe of <Link to={`/runs/${run.parentRunId}`}>a tier run</Link>.
        </p>
      ) : null}
      {run.monitorId ? (
        <p>
          Started by <Link to={`/monitors/${run.monitorId}`}>a monitor</Link>.
        </p>
      ) : null}
    </>
  );
}

function probeName(catalogue: readonly ProbeTypeInfo[] | undefined, type: string | null): string {
  return findProbeType(catalogue, type)?.label ?? type ?? 'Probe';
}

interface ProbeRunSectionProps {
  orgId: string;
  run: Run;
  /** The probe run's state from the tier run's stream, newer than `run` while the tier run is live. */
  live: ChildState | undefined;
  verdict: RunVerdict | undefined;
  probe: ProbeTypeInfo | undefined;
}

/** One probe run of a tier run: its node, status, thresholds, result and per-second samples. */
function ProbeRunSection({ orgId, run, live, verdict, probe }: ProbeRunSectionProps) {
  const headingId = useId();
  const status = live?.status ?? run.status;
  const reason = live?.reason ?? run.reason;
  const name = probe?.label ?? run.type ?? 'Probe';
  // A finished run's stream replays and closes, so its samples cost one short request; a live
  // one holds a connection open, so those are opened on request.
  const [showSamples, setShowSamples] = useState(isTerminal(run.status));
  return (
    <section aria-labelledby={headingId} className="card">
      <div className={styles.headerRow}>
        <h2 id={headingId} className={styles.cardHeading}>
          {name} <RunStatusBadge status={status} />
        </h2>
        <Link to={`/runs/${run.id}`}>Open this probe run</Link>
      </div>
      <dl className={styles.facts}>
        <Fact term="Node">{run.nodeName ?? 'not yet assigned'}</Fact>
        <Fact term="Started">{run.startedAt ? formatDateTime(run.startedAt, { seconds: true }) : '—'}</Fact>
        <Fact term="Finished">{run.finishedAt ? formatDateTime(run.finishedAt, { seconds: true }) : '—'}</Fact>
      </dl>
      {reason ? <p className={styles.error}>{reason}</p> : null}
      {verdict && verdict.breaches.length > 0 ? <Breaches probe={name} breaches={verdict.breaches} /> : null}
      {verdict?.verdict === 'ok' ? <Alert tone="success">{`${name} met every threshold of the tier.`}</Alert> : null}
      {run.result ? <ResultFacts result={run.result} probe={probe} /> : isTerminal(status) ? <p className={styles.muted}>No result was recorded.</p> : null}
      <div className={styles.samplesToggle}>
        <Button variant="secondary" aria-expanded={showSamples} onClick={() => setShowSamples(!showSamples)}>
          {showSamples ? 'Hide per-second samples' : 'Show per-second samples'}
        </Button>
      </div>
      {showSamples ? <ProbeRunCharts orgId={orgId} run={run} probe={probe} /> : null}
    </section>
  );
}

function ProbeRunCharts({ orgId, run, probe }: { orgId: string; run: Run; probe: ProbeTypeInfo | undefined }) {
  const events = useRunEvents(orgId, run.id, true);
  const finished = isTerminal(events.status ?? run.status);
  const charts = chartsFor(run.type ?? 'tier', events.samples, probe?.progress);
  return (
    <>
      {events.failure ? <ErrorAlert title="Samples unavailable" error={events.failure} /> : null}
      <Charts charts={charts} finished={finished} />
    </>
  );
}

function Charts({ charts, finished }: { charts: readonly SampleChart[]; finished: boolean }) {
  if (charts.length === 0) {
    return <p className={styles.muted}>{finished ? 'This probe reported no per-second numbers.' : 'Waiting for the first sample…'}</p>;
  }
  return (
    <div className={styles.charts}>
      {charts.map((chart) => (
        <LineChart key={chart.title} title={chart.title} unit={chart.unit} series={chart.series} />
      ))}
    </div>
  );
}

/** The thresholds that fired; `probe` names the probe run they belong to, null for a run's own. */
function Breaches({ probe, breaches }: { probe: string | null; breaches: readonly RunBreach[] }) {
  const prefix = probe ? `${probe} ` : '';
  return (
    <Alert tone="error" title={probe ? `${probe}: thresholds breached` : 'Thresholds breached'}>
      <ul className={styles.breaches}>
        {breaches.map((b, i) => (
          <li key={`${i}-${b.metric}`}>
            {b.metric === 'status' ? `${prefix}status: ${b.value} (expected ${b.threshold})` : `${prefix}${b.metric}: ${b.value} (threshold ${b.threshold})`}
          </li>
        ))}
      </ul>
    </Alert>
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
