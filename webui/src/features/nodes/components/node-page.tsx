import { Link } from 'react-router';

import { ErrorAlert } from '@/components/alert';
import { Badge } from '@/components/badge';
import { PageHeader } from '@/components/page-header';
import { EmptyState, Loading } from '@/components/states';

import { useNodes } from '../api/get-nodes';
import { statusLabel, statusTone } from '../utils/node-health';

import { NodeSessions } from './node-sessions';
import { NodeSettingsPanel } from './node-settings-panel';
import styles from './nodes.module.css';

interface NodePageProps {
  orgId: string;
  nodeId: string;
  /** MAINTAINERs and ADMINs change the node's settings (SPEC section 3). */
  canEditSettings: boolean;
}

export function NodePage({ orgId, nodeId, canEditSettings }: NodePageProps) {
  // The list is polled at the heartbeat rate already; one node of it is what this page shows.
  const nodes = useNodes(orgId);
  const node = nodes.data?.find((candidate) => candidate.id === nodeId);
  if (nodes.isPending) {
    return <Loading label="Loading the node…" />;
  }
  if (nodes.isError) {
    return <ErrorAlert title="Could not load the node" error={nodes.error} />;
  }
  if (!node) {
    return (
      <EmptyState title="No such node">
        <Link to="/nodes">Back to the nodes</Link>
      </EmptyState>
    );
  }
  return (
    <>
      <PageHeader
        title={node.name}
        description={`Region ${node.region}${node.labels.length > 0 ? ` · labels ${node.labels.join(', ')}` : ''} · version ${node.version}`}
      />
      <div className={styles.stack}>
        <p>
          <Badge tone={statusTone(node.status)}>{statusLabel(node.status)}</Badge> <Link to="/nodes">All nodes</Link>
        </p>
        <NodeSettingsPanel orgId={orgId} nodeId={node.id} canEdit={canEditSettings} />
        <h2>iperf3 sessions</h2>
        <p>
          Every test an iperf3 client ran against this node’s public iperf3 port, accepted or refused.{' '}
          <Link to={`/nodes/${encodeURIComponent(node.id)}/sessions`}>Open on a page of its own</Link>
        </p>
        <NodeSessions key={node.id} orgId={orgId} nodeId={node.id} />
      </div>
    </>
  );
}
