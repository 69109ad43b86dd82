import { useSearchParams } from 'react-router';

import { ErrorAlert } from '@/components/alert';
import { Badge } from '@/components/badge';
import { Button } from '@/components/button';
import { PageHeader } from '@/components/page-header';
import { EmptyState, Loading } from '@/components/states';
import { Table } from '@/components/table';
import { formatDateTime } from '@/lib/format';

import { useAuditLog } from '../api/get-audit-log';
import { actionLabel } from '../utils/action-label';

import styles from './audit.module.css';

/** The page number is in the URL (?page=2, counted from 1) so back, reload and links keep it. */
function usePageParam(): [number, (page: number) => void] {
  const [params, setParams] = useSearchParams();
  const raw = Number(params.get('page') ?? '1');
  const page = Number.isInteger(raw) && raw >= 1 ? raw - 1 : 0;
  return [page, (next: number) => setParams(next === 0 ? {} : { page: String(next + 1) })];
}

export function AuditLogPage({ orgId }: { orgId: string }) {
  const [page, setPage] = usePageParam();
  const audit = useAuditLog(orgId, page);
  const data = audit.data;
  const first = data ? data.page * data.size + 1 : 0;
  const last = data ? data.page * data.size + data.items.length : 0;

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Security-relevant actions in this organisation, newest first: sign-ins, membership and role changes, API keys and SSO."
      />
      <section aria-labelledby="audit-heading" className="card">
        <h2 id="audit-heading" className={styles.cardHeading}>
          Events{data ? ` (${data.totalItems})` : ''}
        </h2>
        {audit.isPending ? <Loading label="Loading the audit log…" /> : null}
        {audit.isError ? <ErrorAlert title="Could not load the audit log" error={audit.error} /> : null}
        {data && data.totalItems === 0 ? (
          <EmptyState title="No events yet">Sign-ins and changes to members, keys and SSO appear here.</EmptyState>
        ) : null}
        {data && data.totalItems > 0 && data.items.length === 0 ? (
          <EmptyState title="This page is empty">
            <Button variant="quiet" onClick={() => setPage(0)}>
              Go to the newest events
            </Button>
          </EmptyState>
        ) : null}
        {data && data.items.length > 0 ? (
          <div aria-busy={audit.isPlaceholderData || undefined} className={audit.isPlaceholderData ? styles.stale : undefined}>
            <Table caption={`Audit events ${first}–${last} of ${data.totalItems}, newest first`} hideCaption>
              <thead>
                <tr>
                  <th scope="col">Time</th>
                  <th scope="col">Actor</th>
                  <th scope="col">Action</th>
                  <th scope="col">Target</th>
                  <th scope="col">Outcome</th>
                  <th scope="col">IP address</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((event) => (
                  <tr key={event.id}>
                    <td className={styles.time}>
                      <time dateTime={event.createdAt}>{formatDateTime(event.createdAt, { seconds: true })}</time>
                    </td>
                    <td className={styles.actor}>{event.actor}</td>
                    <td>
                      <span className={styles.action}>{actionLabel(event.action)}</span>
                      <code className={styles.code}>{event.action}</code>
                    </td>
                    <td className={styles.target}>{event.target ?? '—'}</td>
                    <td>
                      {event.outcome === 'SUCCESS' ? <Badge tone="ok">Success</Badge> : <Badge tone="danger">Failure</Badge>}
                      {/* Details so far only explain failures ("wrong password"), so they sit with the outcome. */}
                      {event.details ? <span className={styles.details}>{event.details}</span> : null}
                    </td>
                    <td className={styles.nowrap}>{event.ip ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </Table>
          </div>
        ) : null}
        {data && data.totalPages > 1 ? (
          <nav aria-label="Audit log pages" className={styles.pager}>
            <Button onClick={() => setPage(page - 1)} disabled={page === 0}>
              Newer
            </Button>
            <span aria-live="polite">
              Page {page + 1} of {data.totalPages} · events {first}–{last} of {data.totalItems}
            </span>
            <Button onClick={() => setPage(page + 1)} disabled={page + 1 >= data.totalPages}>
              Older
            </Button>
          </nav>
        ) : null}
      </section>
    </>
  );
}

