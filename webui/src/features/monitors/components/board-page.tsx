import { useEffect, useState, type ReactNode } from 'react';
import { Link } from 'react-router';

import { Alert, ErrorAlert } from '@/components/alert';
import { Badge } from '@/components/badge';
import { SelectField, TextField } from '@/components/field';
import { PageHeader } from '@/components/page-header';
import { EmptyState, Loading } from '@/components/states';
import { Table } from '@/components/table';
import type { EventStreamStatus } from '@/lib/event-stream';
import { formatDateTime } from '@/lib/format';

import type { BoardRow } from '../api/board';
import { useLiveBoard } from '../hooks/use-live-board';
import { filterChoices, filterRows, NO_FILTER, type BoardFilter } from '../utils/board-rows';
import { probeLabel, relativeTime } from '../utils/monitor-rules';

import { isUnlicensed, UnlicensedNote } from './monitor-form';
import styles from './monitors.module.css';

const WINDOWS = [5, 10, 20, 50] as const;

const DESCRIPTION = 'Every monitor’s newest round per node and probe, updated as rounds finish, with figures over the last rounds.';

interface BoardPageProps {
  orgId: string;
  /** What else to show beside a monitor's name (the app shows its unresolved alerts). */
  monitorExtra?: (monitorId: string) => ReactNode;
}

export function BoardPage({ orgId, monitorExtra }: BoardPageProps) {
  const [window, setWindow] = useState<number>(10);
  return (
    <>
      <PageHeader title="Live board" description={DESCRIPTION} />
      {/* A new window is a new snapshot and stream; nothing of the old one carries over. */}
      <LiveBoard key={window} orgId={orgId} window={window} onWindow={setWindow} monitorExtra={monitorExtra} />
    </>
  );
}

function LiveBoard({
  orgId,
  window,
  onWindow,
  monitorExtra,
}: {
  orgId: string;
  window: number;
  onWindow: (window: number) => void;
  monitorExtra?: (monitorId: string) => ReactNode;
}) {
  const live = useLiveBoard(orgId, window);
  const [filter, setFilter] = useState<BoardFilter>(NO_FILTER);
  const [flashing, setFlashing] = useState<Readonly<Record<string, number>>>({});
  const now = useNow(15_000);
  const choices = filterChoices(live.rows);
  const rows = filterRows(live.rows, filter);
  const set = <K extends keyof BoardFilter>(field: K, value: BoardFilter[K]) => setFilter({ ...filter, [field]: value });

  if (isUnlicensed(live.board.error)) {
    return <UnlicensedNote />;
  }
  return (
    <section aria-labelledby="board-heading" className="card">
      <div className={styles.boardHeader}>
        <h2 id="board-heading" className={styles.cardHeading}>
          Rounds
        </h2>
        <ConnectionState connection={live.connection} failed={live.failure !== null} />
      </div>
      {live.failure ? <ErrorAlert title="Live updates unavailable" error={live.failure} /> : null}
      <div className={styles.boardFilters}>
        <TextField label="Monitor or target" type="search" value={filter.text} onChange={(e) => set('text', e.target.value)} />
        <SelectField label="Region" value={filter.region} onChange={(e) => set('region', e.target.value)} options={withAll(choices.regions)} />
        <SelectField label="Label" value={filter.label} onChange={(e) => set('label', e.target.value)} options={withAll(choices.labels)} />
        <SelectField label="Tier" value={filter.tier} onChange={(e) => set('tier', e.target.value)} options={withAll(choices.tiers.map(String), (t) => `Tier ${t}`)} />
        <SelectField
          label="Figures over"
          value={String(window)}
          onChange={(e) => onWindow(Number(e.target.value))}
          options={WINDOWS.map((w) => ({ value: String(w), label: `last ${w} rounds` }))}
        />
      </div>
      {live.board.isPending ? <Loading label="Loading the board…" /> : null}
      {live.board.isError ? <ErrorAlert title="Could not load the board" error={live.board.error} /> : null}
      {live.board.isSuccess && live.rows.length === 0 ? <EmptyState title="No rounds yet">A monitor’s rounds appear here as they finish.</EmptyState> : null}
      {live.rows.length > 0 && rows.length === 0 ? <p className={styles.muted}>No row matches the filters.</p> : null}
      {rows.length > 0 ? (
        <Table caption="Live board" hideCaption>
          <thead>
            <tr>
              <th scope="col">Monitor</th>
              <th scope="col">Target</th>
              <th scope="col">Node</th>
              <th scope="col">Region</th>
              <th scope="col">Probe</th>
              <th scope="col">Tier</th>
              <th scope="col">Latest</th>
              <th scope="col">Min</th>
              <th scope="col">Max</th>
              <th scope="col">Avg</th>
              <th scope="col">p90</th>
              <th scope="col">Failed</th>
              <th scope="col">Updated</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const updates = live.updates[row.key] ?? 0;
              // Alternating between two identical animations restarts the flash on every update.
              const flash = updates > (flashing[row.key] ?? 0) ? (updates % 2 === 0 ? styles.flashEven : styles.flashOdd) : undefined;
              return (
                <tr key={row.key} className={flash} onAnimationEnd={() => setFlashing((current) => ({ ...current, [row.key]: updates }))}>
                  <BoardCells row={row} now={now} monitorExtra={monitorExtra} />
                </tr>
              );
            })}
          </tbody>
        </Table>
      ) : null}
    </section>
  );
}

function BoardCells({ row, now, monitorExtra }: { row: BoardRow; now: Date; monitorExtra?: (monitorId: string) => ReactNode }) {
  return (
    <>
      <th scope="row">
        <Link to={`/monitors/${row.monitorId}`}>{row.monitorName}</Link>
        {monitorExtra ? <> {monitorExtra(row.monitorId)}</> : null}
      </th>
      <td className={styles.target}>{row.target}</td>
      <td>{row.nodeName}</td>
      <td>{row.region ?? '—'}</td>
      <td>{`${probeLabel(row.probe)} ${row.metric ?? ''}`.trim()}</td>
      <td>{row.tier}</td>
      <td>
        {row.latest.value !== null ? withUnit(row.latest.value, row.unit ?? '') : row.latest.status}
        {row.latest.verdict === 'breach' ? (
          <>
            {' '}
            <Badge tone="danger">Breach</Badge>
          </>
        ) : null}
        {row.latest.status !== 'succeeded' && row.latest.value !== null ? <span className={styles.small}>{row.latest.status}</span> : null}
      </td>
      <td>{withUnit(row.stats.min, row.unit ?? '')}</td>
      <td>{withUnit(row.stats.max, row.unit ?? '')}</td>
      <td>{withUnit(row.stats.avg, row.unit ?? '')}</td>
      <td>{withUnit(row.stats.p90, row.unit ?? '')}</td>
      <td>{`${row.stats.failed}/${row.stats.rounds}`}</td>
      <td>
        <time dateTime={row.updatedAt} title={formatDateTime(row.updatedAt, { seconds: true })}>
          {relativeTime(row.updatedAt, now)}
        </time>
      </td>
    </>
  );
}

function ConnectionState({ connection, failed }: { connection: EventStreamStatus; failed: boolean }) {
  if (failed || connection.state === 'closed') {
    return <Badge tone="danger">Not live</Badge>;
  }
  if (connection.state === 'open') {
    return <Badge tone="ok">Live</Badge>;
  }
  if (connection.state === 'reconnecting') {
    return (
      <Alert tone="info">{`Reconnecting in ${Math.ceil(connection.inMs / 1000)} s (${connection.reason}); the rows may be out of date.`}</Alert>
    );
  }
  return <Badge tone="accent">Connecting…</Badge>;
}

function withAll(values: readonly string[], label: (value: string) => string = (value) => value) {
  return [{ value: '', label: 'All' }, ...values.map((value) => ({ value, label: label(value) }))];
}

function withUnit(value: number | null, unit: string): string {
  if (value === null) {
    return '—';
  }
  const text = Math.abs(value) >= 100 || Number.isInteger(value) ? Math.round(value).toString() : Number(value.toPrecision(3)).toString();
  return unit ? `${text} ${unit}` : text;
}

/** The current time, again every `intervalMs`, so relative times move on. */
function useNow(intervalMs: number): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
