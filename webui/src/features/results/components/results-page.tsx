import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';

import { Alert, ErrorAlert } from '@/components/alert';
import { Badge } from '@/components/badge';
import { Button } from '@/components/button';
import { SelectField, TextField, type SelectOption } from '@/components/field';
import { PageHeader } from '@/components/page-header';
import { EmptyState, Loading } from '@/components/states';
import { Table } from '@/components/table';
import { downloadFile } from '@/lib/download';
import { formatDateTime } from '@/lib/format';

import { exportPath, RESULT_FILTERS, useResults, type Result, type ResultFilter } from '../api/results';
import { headlineMetrics } from '../utils/format-result';

import styles from './results.module.css';

interface ResultsPageProps {
  orgId: string;
  tests: readonly SelectOption[];
  nodes: readonly SelectOption[];
}

const TYPES = ['tcp_connect', 'udp_echo', 'http', 'dns', 'ssh', 'throughput', 'speedtest'];
const STATUSES = ['succeeded', 'failed', 'timed_out', 'canceled', 'skipped'];

const any = (label: string): SelectOption => ({ value: '', label });

export function ResultsPage({ orgId, tests, nodes }: ResultsPageProps) {
  // The filter lives in the URL, so a filtered view can be bookmarked and shared.
  const [params, setParams] = useSearchParams();
  const filter: ResultFilter = Object.fromEntries(RESULT_FILTERS.flatMap((key) => (params.get(key) ? [[key, params.get(key) ?? '']] : [])));
  const [draft, setDraft] = useState<ResultFilter>(filter);
  const results = useResults(orgId, filter);
  const [exporting, setExporting] = useState<'csv' | 'json' | null>(null);
  const [exportError, setExportError] = useState<unknown>(null);
  const [exported, setExported] = useState<string | null>(null);

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const key of RESULT_FILTERS) {
      const value = draft[key]?.trim();
      if (value) {
        next.set(key, value);
      }
    }
    setParams(next);
  }

  async function exportAs(format: 'csv' | 'json') {
    setExporting(format);
    setExportError(null);
    setExported(null);
    try {
      setExported(await downloadFile(exportPath(orgId, format, filter), `waddleperf-results.${format}`));
    } catch (error) {
      setExportError(error);
    } finally {
      setExporting(null);
    }
  }

  const set = (key: keyof ResultFilter) => (event: { target: { value: string } }) => setDraft({ ...draft, [key]: event.target.value });
  const items = results.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <PageHeader title="Results" description="Every finished run’s summary, newest first. Filter, then export what you see as CSV or JSON." />
      <div className={styles.stack}>
        <section aria-labelledby="filter-heading" className="card">
          <h2 id="filter-heading" className={styles.cardHeading}>
            Filter
          </h2>
          <form onSubmit={apply} aria-label="Filter results" className={styles.filters}>
            <SelectField label="Test" options={[any('Any test'), ...tests]} value={draft.testId ?? ''} onChange={set('testId')} />
            <SelectField label="Node" options={[any('Any node'), ...nodes]} value={draft.nodeId ?? ''} onChange={set('nodeId')} />
            <TextField label="Target" value={draft.target ?? ''} onChange={set('target')} spellCheck={false} />
            <SelectField
              label="Probe type"
              options={[any('Any type'), ...TYPES.map((t) => ({ value: t, label: t }))]}
              value={draft.type ?? ''}
              onChange={set('type')}
            />
            <SelectField
              label="Tier"
              options={[any('Any tier'), { value: '1', label: 'Tier 1' }, { value: '2', label: 'Tier 2' }, { value: '3', label: 'Tier 3' }]}
              value={draft.tier ?? ''}
              onChange={set('tier')}
            />
            <SelectField
              label="Status"
              options={[any('Any status'), ...STATUSES.map((s) => ({ value: s, label: s }))]}
              value={draft.status ?? ''}
              onChange={set('status')}
            />
            <SelectField
              label="Verdict"
              options={[any('Any verdict'), { value: 'ok', label: 'Within thresholds' }, { value: 'breach', label: 'Breach' }]}
              value={draft.verdict ?? ''}
              onChange={set('verdict')}
            />
            <TextField label="From" type="datetime-local" value={draft.from ?? ''} onChange={set('from')} />
            <TextField label="To" type="datetime-local" value={draft.to ?? ''} onChange={set('to')} />
            <div className={styles.filterActions}>
              <Button type="submit" variant="primary">
                Apply
              </Button>
              <Button
                onClick={() => {
                  setDraft({});
                  setParams(new URLSearchParams());
                }}
              >
                Clear
              </Button>
            </div>
          </form>
        </section>

        <section aria-labelledby="results-heading" className="card">
          <div className={styles.headerRow}>
            <h2 id="results-heading" className={styles.cardHeading}>
              Results
            </h2>
            <div className={styles.filterActions}>
              <Button busy={exporting === 'csv'} onClick={() => void exportAs('csv')}>
                Export CSV
              </Button>
              <Button busy={exporting === 'json'} onClick={() => void exportAs('json')}>
                Export JSON
              </Button>
            </div>
          </div>
          {exportError ? <ErrorAlert title="Could not export" error={exportError} /> : null}
          {exported ? <Alert tone="success">{`Downloaded ${exported}.`}</Alert> : null}
          {results.isPending ? <Loading label="Loading results…" /> : null}
          {results.isError ? <ErrorAlert title="Could not load the results" error={results.error} /> : null}
          {results.data && items.length === 0 ? (
            <EmptyState title="No results">
              {Object.keys(filter).length > 0 ? 'Nothing matches this filter.' : 'Results appear here once a run finishes.'}
            </EmptyState>
          ) : null}
          {items.length > 0 ? <ResultsTable results={items} /> : null}
          {results.hasNextPage ? (
            <div className={styles.filterActions}>
              <Button busy={results.isFetchingNextPage} onClick={() => void results.fetchNextPage()}>
                Load more
              </Button>
            </div>
          ) : null}
        </section>
      </div>
    </>
  );
}

export function ResultsTable({ results }: { results: readonly Result[] }) {
  return (
    <Table caption="Results" hideCaption>
      <thead>
        <tr>
          <th scope="col">Finished</th>
          <th scope="col">Test / target</th>
          <th scope="col">Node</th>
          <th scope="col">Status</th>
          <th scope="col">Verdict</th>
          <th scope="col">Metrics</th>
        </tr>
      </thead>
      <tbody>
        {results.map((result) => (
          <tr key={result.id}>
            <td>
              {result.type === 'speedtest' ? (
                // A browser speed test is stored with a fresh runId: there is no run to open.
                formatDateTime(result.finishedAt)
              ) : (
                <Link to={`/runs/${result.runId}`}>{formatDateTime(result.finishedAt)}</Link>
              )}
            </td>
            <th scope="row">
              {result.testName ?? result.type}
              <span className={styles.sub}>{result.target}</span>
            </th>
            <td>{result.nodeName ?? '—'}</td>
            <td>{result.status}</td>
            <td>
              {result.verdict === 'breach' ? (
                <Badge tone="danger">{`Breach: ${result.breaches.map((b) => b.metric).join(', ')}`}</Badge>
              ) : (
                <Badge tone="ok">OK</Badge>
              )}
            </td>
            <td className={styles.metrics}>{headlineMetrics(result)}</td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
