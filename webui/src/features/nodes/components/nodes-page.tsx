import { useState } from 'react';
import { Link } from 'react-router';

import { Alert, ErrorAlert } from '@/components/alert';
import { Badge } from '@/components/badge';
import { Button } from '@/components/button';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { OneTimeSecret } from '@/components/one-time-secret';
import { PageHeader } from '@/components/page-header';
import { EmptyState, Loading } from '@/components/states';
import { Table } from '@/components/table';
import { VisuallyHidden } from '@/components/visually-hidden';
import { formatDateTime } from '@/lib/format';

import { useCreateEnrollmentToken, type EnrollmentToken } from '../api/create-enrollment-token';
import { useNodes, type Node } from '../api/get-nodes';
import { useRevokeNode } from '../api/revoke-node';
import { enrolCommand } from '../utils/enrol-command';
import { statusLabel, statusTone } from '../utils/node-health';

import styles from './nodes.module.css';

interface NodesPageProps {
  orgId: string;
  /** ADMINs enrol and revoke nodes; everyone else sees the list. */
  canAdminister: boolean;
  /** The API's origin as the browser reaches it, for the start command. */
  apiOrigin: string;
}

export function NodesPage({ orgId, canAdminister, apiOrigin }: NodesPageProps) {
  const nodes = useNodes(orgId);
  return (
    <>
      <PageHeader
        title="Nodes"
        description="Test-server nodes run the probes and serve the browser speed test. They report every 5 seconds; a node that misses 15 seconds of reports is offline."
      />
      <div className={styles.stack}>
        {canAdminister ? <EnrolNode orgId={orgId} apiOrigin={apiOrigin} /> : null}
        <section aria-labelledby="nodes-heading" className="card">
          <h2 id="nodes-heading" className={styles.cardHeading}>
            Enrolled nodes
          </h2>
          {nodes.isPending ? <Loading label="Loading nodes…" /> : null}
          {nodes.isError ? <ErrorAlert title="Could not load the nodes" error={nodes.error} /> : null}
          {nodes.data?.length === 0 ? (
            <EmptyState title="No nodes yet">
              {canAdminister ? 'Create an enrolment token above and start a node with it.' : 'An admin enrols nodes.'}
            </EmptyState>
          ) : null}
          {nodes.data && nodes.data.length > 0 ? (
            <NodesTable orgId={orgId} nodes={nodes.data} canAdminister={canAdminister} />
          ) : null}
        </section>
      </div>
    </>
  );
}

function EnrolNode({ orgId, apiOrigin }: { orgId: string; apiOrigin: string }) {
  const create = useCreateEnrollmentToken(orgId);
  const [token, setToken] = useState<EnrollmentToken | null>(null);

  return (
    <section aria-labelledby="enrol-heading" className="card">
      <h2 id="enrol-heading" className={styles.cardHeading}>
        Enrol a node
      </h2>
      {token ? (
        <OneTimeSecret
          title="Enrolment token created"
          label="Start command"
          secret={enrolCommand(apiOrigin, token.token)}
          onDone={() => setToken(null)}
        >
          <p>
            Run this command on the machine that should become a node (JDK 21+). The token works once and expires{' '}
            {formatDateTime(token.expiresAt)}; the node keeps its own credential afterwards.
          </p>
        </OneTimeSecret>
      ) : (
        <>
          <p className={styles.muted}>
            A one-time token lets a new node join this organisation. You get the exact command to start the node with it.
          </p>
          {create.error ? <ErrorAlert title="Could not create a token" error={create.error} /> : null}
          <Button
            variant="primary"
            busy={create.isPending}
            onClick={() =>
              create.mutate(undefined, {
                onSuccess: (created) => {
                  create.reset();
                  setToken(created);
                },
              })
            }
          >
            {create.isPending ? 'Creating…' : 'Create enrolment token'}
          </Button>
        </>
      )}
    </section>
  );
}

function NodesTable({ orgId, nodes, canAdminister }: { orgId: string; nodes: readonly Node[]; canAdminister: boolean }) {
  const revoke = useRevokeNode(orgId);
  const [confirming, setConfirming] = useState<Node | null>(null);
  const [revoked, setRevoked] = useState<string | null>(null);

  return (
    <>
      {revoked ? <Alert tone="success">{`The node “${revoked}” was revoked; its credential no longer works.`}</Alert> : null}
      <Table caption="Enrolled nodes" hideCaption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Status</th>
            <th scope="col">Region</th>
            <th scope="col">Version</th>
            <th scope="col">Load</th>
            <th scope="col">Last report</th>
            {canAdminister ? (
              <th scope="col">
                <VisuallyHidden>Actions</VisuallyHidden>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {nodes.map((node) => (
            <tr key={node.id}>
              <th scope="row">
                <Link to={`/nodes/${encodeURIComponent(node.id)}`}>{node.name}</Link>
                {node.labels.length > 0 ? <span className={styles.labels}>{node.labels.join(', ')}</span> : null}
                <span className={styles.labels}>
                  <Link to={`/nodes/${encodeURIComponent(node.id)}/sessions`} aria-label={`iperf3 sessions on ${node.name}`}>
                    iperf3 sessions
                  </Link>
                </span>
              </th>
              <td>
                <Badge tone={statusTone(node.status)}>{statusLabel(node.status)}</Badge>
              </td>
              <td>{node.region}</td>
              <td>{node.version}</td>
              <td>
                <LoadMeter node={node} />
              </td>
              <td>{node.lastHeartbeatAt ? formatDateTime(node.lastHeartbeatAt, { seconds: true }) : 'Never'}</td>
              {canAdminister ? (
                <td className={styles.actionsCell}>
                  {node.status !== 'REVOKED' ? (
                    <Button variant="quiet" aria-label={`Revoke ${node.name}`} onClick={() => setConfirming(node)}>
                      Revoke
                    </Button>
                  ) : null}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </Table>
      {confirming ? (
        <ConfirmDialog
          title="Revoke node?"
          confirmLabel="Revoke"
          busy={revoke.isPending}
          error={revoke.error ? <ErrorAlert error={revoke.error} /> : undefined}
          onCancel={() => {
            revoke.reset();
            setConfirming(null);
          }}
          onConfirm={() =>
            revoke.mutate(confirming, {
              onSuccess: () => {
                setRevoked(confirming.name);
                setConfirming(null);
              },
            })
          }
        >
          <p>
            “{confirming.name}” stops receiving tests and its credential stops working. To use the machine again, enrol it
            with a new token. This cannot be undone.
          </p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}

function LoadMeter({ node }: { node: Node }) {
  const ratio = node.capacity > 0 ? Math.min(1, node.load / node.capacity) : 0;
  return (
    <span className={styles.load}>
      <meter min={0} max={node.capacity} value={node.load} aria-label={`Load of ${node.name}`} className={styles.meter}>
        {Math.round(ratio * 100)}%
      </meter>
      <span>
        {node.load}/{node.capacity} runs
        {node.systemLoad != null ? ` · system ${node.systemLoad.toFixed(2)}` : ''}
      </span>
    </span>
  );
}
