import { Link } from 'react-router';

import { ErrorAlert } from '@/components/alert';
import { Loading } from '@/components/states';

import { useNodes } from '../api/get-nodes';
import { summarizeNodes } from '../utils/node-health';

import styles from './nodes.module.css';

/** Node health at a glance, for the dashboard. */
export function NodeHealthPanel({ orgId }: { orgId: string }) {
  const nodes = useNodes(orgId);
  const health = nodes.data ? summarizeNodes(nodes.data) : null;
  return (
    <section aria-labelledby="node-health-heading" className="card">
      <h2 id="node-health-heading" className={styles.cardHeading}>
        Nodes
      </h2>
      {nodes.isPending ? <Loading label="Loading nodes…" /> : null}
      {nodes.isError ? <ErrorAlert title="Could not load the nodes" error={nodes.error} /> : null}
      {health ? (
        <>
          <dl className={styles.grid}>
            <div className={styles.stat}>
              <dt>Online</dt>
              <dd>{health.online}</dd>
            </div>
            <div className={styles.stat}>
              <dt>Offline</dt>
              <dd>{health.offline}</dd>
            </div>
            <div className={styles.stat}>
              <dt>Runs in progress</dt>
              <dd>
                {health.load}/{health.capacity}
              </dd>
            </div>
          </dl>
          <p className={styles.muted}>
            {nodes.data?.length === 0 ? 'No node is enrolled yet. ' : null}
            <Link to="/nodes">Manage nodes</Link>
          </p>
        </>
      ) : null}
    </section>
  );
}
