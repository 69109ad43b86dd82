import { useMemo, useState, type FormEvent } from 'react';
import { Link } from 'react-router';

import { Alert, ErrorAlert } from '@/components/alert';
import { Badge } from '@/components/badge';
import { Button } from '@/components/button';
import { SelectField, TextField, type SelectOption } from '@/components/field';
import { EmptyState, Loading } from '@/components/states';
import { Table } from '@/components/table';
import { TimeChart, type TimeSeries } from '@/components/time-chart';
import { VisuallyHidden } from '@/components/visually-hidden';
import { downloadFile } from '@/lib/download';
import { formatDateTime } from '@/lib/format';

import {
  SESSION_FILTERS,
  sessionsExportPath,
  useNodeSessions,
  useSessionDetail,
  type IperfSession,
  type SessionFilter,
  type SessionInterval,
} from '../api/node-sessions';
import { useLiveSessions } from '../hooks/use-live-sessions';
import { current, type RunningSession } from '../utils/live-sessions';

import styles from './node-sessions.module.css';

const any = (label: string): SelectOption => ({ value: '', label });

/**
 * The node page's "iperf3 sessions": every test any iperf3 client ran against the node's public
 * iperf3 port. A live graph of the session in progress and a connection log fed by the live
 * stream, then the stored history with filters and CSV/JSON export.
 */
export function NodeSessions({ orgId, nodeId }: { orgId: string; nodeId: string }) {
  const live = useLiveSessions(orgId, nodeId);
  const running = current(live.state);
  return (
    <div className={styles.stack}>
      <section aria-labelledby="live-session-heading" className="card">
        <h2 id="live-session-heading" className={styles.cardHeading}>
          Session in progress
        </h2>
        {live.error ? <ErrorAlert title="The live stream stopped" error={live.error} /> : null}
        {live.status.state === 'reconnecting' ? <p className={styles.muted}>Reconnecting to the live stream…</p> : null}
        {running ? <LiveGraph session={running} /> : <p className={styles.muted}>No iperf3 test is running on this node right now.</p>}
      </section>
      <section aria-labelledby="connection-log-heading" className="card">
        <h2 id="connection-log-heading" className={styles.cardHeading}>
          Connection log
        </h2>
        {live.state.log.length === 0 ? (
          <p className={styles.muted}>Sessions appear here as they end, accepted or refused.</p>
        ) : (
          <SessionsTable caption="Sessions as they ended" sessions={live.state.log} />
        )}
      </section>
      <SessionHistory orgId={orgId} nodeId={nodeId} />
    </div>
  );
}

/** Rates of the running session per second, drawn against wall-clock time. */
function LiveGraph({ session }: { session: RunningSession }) {
  const start = Math.floor(new Date(session.startedAt).getTime() / 1000);
  const last = session.intervals.at(-1)?.second ?? 0;
  const end = start + Math.max(session.plannedSeconds, Math.ceil(last), 1);
  const series = useMemo(() => rateSeries(session.intervals, start, session.direction), [session.intervals, start, session.direction]);
  return (
    <>
      <p className={styles.muted}>
        {`${session.clientAddress}:${session.clientPort} · ${session.protocol.toUpperCase()} ${session.direction} · ${session.streams} stream${session.streams === 1 ? '' : 's'}`}
        {session.plannedSeconds > 0 ? ` · ${Math.round(last)} of ${session.plannedSeconds} s` : null}
      </p>
      <TimeChart title="Live rate" unit="Mbit/s" series={series} from={start} to={end} step={1} height={220} />
    </>
  );
}

/** Upload and download lines for the directions the session has; wall-clock seconds on x. */
export function rateSeries(intervals: readonly SessionInterval[], start: number, direction: string | null): TimeSeries[] {
  const at = (i: SessionInterval) => start + Math.round(i.second);
  const series: TimeSeries[] = [];
  if (direction !== 'download') {
    series.push({ label: 'Upload (client → node)', group: 'upload', points: intervals.map((i) => ({ t: at(i), y: i.uploadMbps })) });
  }
  if (direction !== 'upload') {
    series.push({ label: 'Download (node → client)', group: 'download', points: intervals.map((i) => ({ t: at(i), y: i.downloadMbps })) });
  }
  return series;
}

function SessionHistory({ orgId, nodeId }: { orgId: string; nodeId: string }) {
  const [filter, setFilter] = useState<SessionFilter>({});
  const [draft, setDraft] = useState<SessionFilter>({});
  const sessions = useNodeSessions(orgId, nodeId, filter);
  const [exporting, setExporting] = useState<'csv' | 'json' | null>(null);
  const [exportError, setExportError] = useState<unknown>(null);
  const [exported, setExported] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next: SessionFilter = {};
    for (const key of SESSION_FILTERS) {
      const value = draft[key]?.trim();
      if (value) {
        next[key] = value;
      }
    }
    setFilter(next);
  }

  async function exportAs(format: 'csv' | 'json') {
    setExporting(format);
    setExportError(null);
    setExported(null);
    try {
      setExported(await downloadFile(sessionsExportPath(orgId, nodeId, format, filter), `iperf3-sessions.${format}`));
    } catch (error) {
      setExportError(error);
    } finally {
      setExporting(null);
    }
  }

  const set = (key: keyof SessionFilter) => (event: { target: { value: string } }) => setDraft({ ...draft, [key]: event.target.value });
  const items = sessions.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <section aria-labelledby="session-history-heading" className="card">
      <div className={styles.headerRow}>
        <h2 id="session-history-heading" className={styles.cardHeading}>
          History
        </h2>
        <div className={styles.actions}>
          <Button busy={exporting === 'csv'} onClick={() => void exportAs('csv')}>
            Export CSV
          </Button>
          <Button busy={exporting === 'json'} onClick={() => void exportAs('json')}>
            Export JSON
          </Button>
        </div>
      </div>
      <form onSubmit={apply} aria-label="Filter sessions" className={styles.filters}>
        <TextField label="Client address or CIDR" value={draft.client ?? ''} onChange={set('client')} spellCheck={false} placeholder="203.0.113.0/24" />
        <SelectField
          label="Outcome"
          options={[any('Any outcome'), { value: 'ok', label: 'Completed' }, { value: 'refused', label: 'Refused' }, { value: 'error', label: 'Failed' }]}
          value={draft.outcome ?? ''}
          onChange={set('outcome')}
        />
        <SelectField
          label="Direction"
          options={[any('Any direction'), { value: 'upload', label: 'Upload' }, { value: 'download', label: 'Download (-R)' }, { value: 'bidir', label: 'Both (--bidir)' }]}
          value={draft.direction ?? ''}
          onChange={set('direction')}
        />
        <SelectField
          label="Protocol"
          options={[any('Any protocol'), { value: 'tcp', label: 'TCP' }, { value: 'udp', label: 'UDP' }]}
          value={draft.protocol ?? ''}
          onChange={set('protocol')}
        />
        <SelectField
          label="Client"
          options={[any('Any client'), { value: 'run', label: 'Runs this API dispatched' }, { value: 'outside', label: 'Outside clients' }]}
          value={draft.origin ?? ''}
          onChange={set('origin')}
        />
        <TextField label="From" type="datetime-local" value={draft.from ?? ''} onChange={set('from')} />
        <TextField label="To" type="datetime-local" value={draft.to ?? ''} onChange={set('to')} />
        <div className={styles.actions}>
          <Button type="submit" variant="primary">
            Apply
          </Button>
          <Button
            onClick={() => {
              setDraft({});
              setFilter({});
            }}
          >
            Clear
          </Button>
        </div>
      </form>
      {exportError ? <ErrorAlert title="Could not export" error={exportError} /> : null}
      {exported ? <Alert tone="success">{`Downloaded ${exported}.`}</Alert> : null}
      {sessions.isPending ? <Loading label="Loading sessions…" /> : null}
      {sessions.isError ? <ErrorAlert title="Could not load the sessions" error={sessions.error} /> : null}
      {sessions.data && items.length === 0 ? <EmptyState title="No sessions">No iperf3 client has tested against this node in this range.</EmptyState> : null}
      {items.length > 0 ? <SessionsTable caption="Session history" sessions={items} onSelect={setSelected} /> : null}
      {sessions.hasNextPage ? (
        <Button busy={sessions.isFetchingNextPage} onClick={() => void sessions.fetchNextPage()}>
          Load more
        </Button>
      ) : null}
      {selected ? <SessionGraph orgId={orgId} nodeId={nodeId} id={selected} /> : null}
    </section>
  );
}

function SessionGraph({ orgId, nodeId, id }: { orgId: string; nodeId: string; id: string }) {
  const detail = useSessionDetail(orgId, nodeId, id);
  if (detail.isPending) {
    return <Loading label="Loading the session…" />;
  }
  if (detail.isError) {
    return <ErrorAlert title="Could not load the session" error={detail.error} />;
  }
  const { session, intervals } = detail.data;
  if (intervals.length === 0) {
    return <p className={styles.muted}>This session has no per-second figures.</p>;
  }
  const start = Math.floor(new Date(session.startedAt).getTime() / 1000);
  const end = start + Math.ceil(intervals.at(-1)?.second ?? 1);
  return (
    <TimeChart
      title={`Session from ${session.clientAddress} at ${formatDateTime(session.startedAt, { seconds: true })}`}
      unit="Mbit/s"
      series={rateSeries(intervals, start, session.direction)}
      from={start}
      to={end}
      step={1}
      height={220}
    />
  );
}

function SessionsTable({ caption, sessions, onSelect }: { caption: string; sessions: readonly IperfSession[]; onSelect?: (id: string) => void }) {
  return (
    <Table caption={caption} hideCaption>
      <thead>
        <tr>
          <th scope="col">Client</th>
          <th scope="col">Started</th>
          <th scope="col">Test</th>
          <th scope="col">Rate</th>
          <th scope="col">Retransmits / loss</th>
          <th scope="col">Duration</th>
          <th scope="col">Outcome</th>
          {onSelect ? (
            <th scope="col">
              <VisuallyHidden>Graph</VisuallyHidden>
            </th>
          ) : null}
        </tr>
      </thead>
      <tbody>
        {sessions.map((s) => (
          <tr key={s.id}>
            <th scope="row">
              {s.clientAddress}
              <span className={styles.sub}>{place(s)}</span>
              {s.runId ? (
                <span className={styles.sub}>
                  <Link to={`/runs/${s.runId}`}>Dispatched run</Link>
                </span>
              ) : null}
            </th>
            <td>{formatDateTime(s.startedAt, { seconds: true })}</td>
            <td>{s.protocol && s.direction ? `${s.protocol.toUpperCase()} ${s.direction} × ${s.streams}` : '—'}</td>
            <td>{rate(s)}</td>
            <td>{quality(s)}</td>
            <td>{s.outcome === 'refused' ? '—' : `${s.durationSeconds.toFixed(1)} s`}</td>
            <td>
              <Badge tone={s.outcome === 'ok' ? 'ok' : s.outcome === 'refused' ? 'neutral' : 'danger'}>{outcomeLabel(s)}</Badge>
            </td>
            {onSelect ? (
              <td>
                {s.outcome === 'refused' ? null : (
                  <Button onClick={() => onSelect(s.id)} aria-label={`Graph of the session from ${s.clientAddress} at ${formatDateTime(s.startedAt, { seconds: true })}`}>
                    Graph
                  </Button>
                )}
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

function place(s: IperfSession): string {
  const parts = [s.city, s.countryCode].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : 'Location unknown';
}

function rate(s: IperfSession): string {
  const parts: string[] = [];
  if (s.uploadMbps !== null) {
    parts.push(`↑ ${formatMbps(s.uploadMbps)}`);
  }
  if (s.downloadMbps !== null) {
    parts.push(`↓ ${formatMbps(s.downloadMbps)}`);
  }
  return parts.length > 0 ? parts.join(' · ') : '—';
}

function quality(s: IperfSession): string {
  if (s.protocol === 'udp') {
    const loss = s.lostPackets !== null && s.totalPackets ? ` · loss ${((s.lostPackets / s.totalPackets) * 100).toFixed(2)} %` : '';
    return s.jitterMillis !== null ? `jitter ${s.jitterMillis.toFixed(3)} ms${loss}` : '—';
  }
  return s.retransmits !== null ? `${s.retransmits} retransmits` : '—';
}

function outcomeLabel(s: IperfSession): string {
  if (s.outcome === 'ok') {
    return s.reason === 'interrupted' ? 'Interrupted' : 'Completed';
  }
  if (s.outcome === 'refused') {
    return `Refused: ${s.reason ?? 'unknown'}`;
  }
  return `Failed: ${s.reason ?? 'unknown'}`;
}

function formatMbps(value: number): string {
  return value >= 1000 ? `${(value / 1000).toFixed(2)} Gbit/s` : `${value.toFixed(1)} Mbit/s`;
}
