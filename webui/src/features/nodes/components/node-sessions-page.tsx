import { Link } from 'react-router';

import { PageHeader } from '@/components/page-header';

import { useNodes } from '../api/get-nodes';

import { NodeSessions } from './node-sessions';

/** A node's iperf3 sessions page (until a node page exists to hold them as a section). */
export function NodeSessionsPage({ orgId, nodeId }: { orgId: string; nodeId: string }) {
  const node = useNodes(orgId).data?.find((n) => n.id === nodeId);
  return (
    <>
      <PageHeader
        title={`iperf3 sessions${node ? ` on ${node.name}` : ''}`}
        description="Every test an iperf3 client ran against this node’s public iperf3 port, accepted or refused: the one in progress, the latest, and the history."
      />
      <p>
        <Link to="/nodes">All nodes</Link>
      </p>
      <NodeSessions key={nodeId} orgId={orgId} nodeId={nodeId} />
    </>
  );
}
