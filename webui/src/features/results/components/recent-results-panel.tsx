import { Link } from 'react-router';

import { ErrorAlert } from '@/components/alert';
import { EmptyState, Loading } from '@/components/states';

import { useRecentResults } from '../api/results';

import { ResultsTable } from './results-page';
import styles from './results.module.css';

/** The latest results with their verdicts, for the dashboard. */
export function RecentResultsPanel({ orgId }: { orgId: string }) {
  const results = useRecentResults(orgId);
  const breaches = results.data?.items.filter((r) => r.verdict === 'breach').length ?? 0;
  return (
    <section aria-labelledby="recent-results-heading" className="card">
      <h2 id="recent-results-heading" className={styles.cardHeading}>
        Latest results
      </h2>
      {results.isPending ? <Loading label="Loading results…" /> : null}
      {results.isError ? <ErrorAlert title="Could not load the results" error={results.error} /> : null}
      {results.data?.items.length === 0 ? <EmptyState title="No results yet" /> : null}
      {results.data && results.data.items.length > 0 ? (
        <>
          <p className={styles.muted}>
            {breaches === 0 ? 'No breach among the latest results.' : `${breaches} of the latest ${results.data.items.length} results breached a threshold.`}{' '}
            <Link to="/results">All results</Link>
          </p>
          <ResultsTable results={results.data.items} />
        </>
      ) : null}
    </section>
  );
}
