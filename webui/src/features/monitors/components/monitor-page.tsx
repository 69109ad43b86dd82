import { useMemo, useState, type ReactNode } from 'react';
import { Link } from 'react-router';

import { ErrorAlert } from '@/components/alert';
import { Badge } from '@/components/badge';
import { Button } from '@/components/button';
import { SelectField } from '@/components/field';
import { PageHeader } from '@/components/page-header';
import { EmptyState, Loading } from '@/components/states';
import { Table } from '@/components/table';
import { TimeChart } from '@/components/time-chart';
import { formatDateTime } from '@/lib/format';

import { useMonitorSeries, type MonitorSeries } from '../api/monitor-series';
import { useMonitor, type Monitor } from '../api/monitors';
import { describeSchedule, describeVantage, describeWindow, probeLabel } from '../utils/monitor-rules';
import { chartSeries, escalationMarkers, metricsFor, nodeTotals, RANGES, windowFor, type TrendRange } from '../utils/trends';

import { isUnlicensed, UnlicensedNote, type NodeOption } from './monitor-form';
import styles from './monitors.module.css';

interface MonitorPageProps {
  orgId: string;
  monitorId: string;
  canEdit: boolean;
  /** Every node of the organisation, to name the vantage nodes. */
  nodes: readonly NodeOption[];
  /** Shown above the monitor's facts (the app shows its unresolved alerts). */
  extra?: ReactNode;
}

export function MonitorPage({ orgId, monitorId, canEdit, nodes, extra }: MonitorPageProps) {
  const monitor = useMonitor(orgId, monitorId);
  if (isUnlicensed(monitor.error)) {
    return (
      <>
        <PageHeader title="Monitor" />
        <UnlicensedNote />
      </>
    );
  }
  return (
    <>
      <PageHeader title={monitor.data?.name ?? 'Monitor'} description="How the monitor’s probes measured the target over time, per vantage node." />
      {monitor.isPending ? <Loading label="Loading the monitor…" /> : null}
      {monitor.isError ? <ErrorAlert title="Could not load the monitor" error={monitor.error} /> : null}
      {monitor.data ? (
        <div className={styles.stack}>
          {extra}
          <MonitorFacts monitor={monitor.data} canEdit={canEdit} nodeNames={new Map(nodes.map((n) => [n.id, n.name]))} />
          <Trends orgId={orgId} monitor={monitor.data} />
        </div>
      ) : null}
    </>
  );
}

function MonitorFacts({ monitor, canEdit, nodeNames }: { monitor: Monitor; canEdit: boolean; nodeNames: ReadonlyMap<string, string> }) {
  return (
    <section aria-labelledby="monitor-heading" className="card">
      <h2 id="monitor-heading" className={styles.cardHeading}>
        Monitor {monitor.enabled ? <Badge tone="ok">Enabled</Badge> : <Badge>Paused</Badge>}
      </h2>
      <dl className={styles.facts}>
        <Fact term="Target">
          <span className={styles.target}>{monitor.target}</span>
        </Fact>
        <Fact term="Probes">{monitor.probes.map(probeLabel).join(', ')}</Fact>
        <Fact term="Schedule">
          {describeSchedule(monitor.schedule)}
          {monitor.activeWindow ? <span className={styles.small}>{describeWindow(monitor.activeWindow)}</span> : null}
        </Fact>
        <Fact term="Vantage points">{monitor.vantage.map((point) => describeVantage(point, nodeNames)).join(', ')}</Fact>
        <Fact term="Last round">{monitor.lastRoundAt ? formatDateTime(monitor.lastRoundAt) : 'never'}</Fact>
        <Fact term="Next round">{monitor.nextDueAt ? formatDateTime(monitor.nextDueAt) : '—'}</Fact>
      </dl>
      <p className={styles.actions}>
        {canEdit ? <Link to={`/monitors/${monitor.id}/edit`}>Edit this monitor</Link> : null}
        <Link to="/monitors">All monitors</Link>
      </p>
    </section>
  );
}

function Trends({ orgId, monitor }: { orgId: string; monitor: Monitor }) {
  const metrics = metricsFor(monitor.probes, probeLabel);
  const [metric, setMetric] = useState(metrics[0]?.value ?? '');
  const [range, setRange] = useState<TrendRange>(RANGES[0]);
  // The window ends when the range was last chosen, so the query (and its cache entry) stays put.
  const [now, setNow] = useState(() => Date.now());
  const span = windowFor(range, now);
  const series = useMonitorSeries(orgId, monitor.id, { metric, ...span });
  const choice = metrics.find((m) => m.value === metric);

  return (
    <>
      <section aria-labelledby="trends-heading" className="card">
        <h2 id="trends-heading" className={styles.cardHeading}>
          Trends
        </h2>
        <div className={styles.trendControls}>
          <div role="group" aria-label="Time range" className={styles.actions}>
            {RANGES.map((r) => (
              <Button
                key={r.value}
                variant={r === range ? 'primary' : 'secondary'}
                aria-pressed={r === range}
                onClick={() => {
                  setRange(r);
                  setNow(Date.now());
                }}
              >
                {r.label}
              </Button>
            ))}
          </div>
          {metrics.length > 0 ? (
            <SelectField label="Metric" value={metric} onChange={(e) => setMetric(e.target.value)} options={metrics.map((m) => ({ value: m.value, label: m.label }))} />
          ) : null}
        </div>
        {metrics.length === 0 ? <p className={styles.muted}>None of this monitor’s probes has a figure to chart.</p> : null}
        {series.isPending && metrics.length > 0 ? <Loading label="Loading the trend…" /> : null}
        {isUnlicensed(series.error) ? <UnlicensedNote /> : null}
        {series.isError && !isUnlicensed(series.error) ? <ErrorAlert title="Could not load the trend" error={series.error} /> : null}
        {series.data ? <TrendChart data={series.data} title={choice?.label ?? metric} /> : null}
      </section>
      {series.data ? <EscalationList data={series.data} /> : null}
    </>
  );
}

function TrendChart({ data, title }: { data: MonitorSeries; title: string }) {
  // Memoised per response: the chart is drawn again only when the data changes.
  const lines = useMemo(() => chartSeries(data), [data]);
  const markers = useMemo(() => escalationMarkers(data), [data]);
  const from = Math.floor(Date.parse(data.from) / 1000);
  const to = Math.floor(Date.parse(data.to) / 1000);
  if (data.series.every((node) => node.points.length === 0)) {
    return <EmptyState title="No data yet">No round of this monitor measured this in the chosen range.</EmptyState>;
  }
  return (
    <>
      <TimeChart title={`${title} (p50 solid, p95 dashed)`} unit={data.unit} series={lines} from={from} to={to} step={data.step} markers={markers} />
      <ul className={styles.totals} aria-label="Rounds per node">
        {nodeTotals(data).map((node) => (
          <li key={node.nodeId}>{`${node.nodeName}: ${node.rounds} rounds, ${node.failed} failed`}</li>
        ))}
      </ul>
    </>
  );
}

function EscalationList({ data }: { data: MonitorSeries }) {
  return (
    <section aria-labelledby="escalations-heading" className="card">
      <h2 id="escalations-heading" className={styles.cardHeading}>
        Escalations
      </h2>
      {data.escalations.length === 0 ? (
        <p className={styles.muted}>No threshold was breached in this range, so nothing escalated.</p>
      ) : (
        <>
          <p className={styles.muted}>Each is marked on the chart above by a dashed red line.</p>
          <Table caption="Escalations in this range" hideCaption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Tier</th>
                <th scope="col">Node</th>
                <th scope="col">Breach</th>
                <th scope="col">Status</th>
                <th scope="col">Run</th>
              </tr>
            </thead>
            <tbody>
              {data.escalations.map((e) => (
                <tr key={e.runId}>
                  <td>
                    <time dateTime={e.at}>{formatDateTime(e.at, { seconds: true })}</time>
                  </td>
                  <td>{`Tier ${e.tier}`}</td>
                  <td>{e.nodeName}</td>
                  <td>{`${e.probe} ${e.metric} ${e.value} breached ${e.threshold}`}</td>
                  <td>
                    <Badge tone={e.status === 'succeeded' ? 'ok' : e.status === 'failed' || e.status === 'timed_out' ? 'danger' : 'neutral'}>{e.status}</Badge>
                  </td>
                  <td>
                    <Link to={`/runs/${e.runId}`}>Open the tier {e.tier} run</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        </>
      )}
    </section>
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
