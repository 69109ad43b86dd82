import { useState, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';

import { Alert, ErrorAlert } from '@/components/alert';
import { Badge } from '@/components/badge';
import { Button } from '@/components/button';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { PageHeader } from '@/components/page-header';
import { EmptyState, Loading } from '@/components/states';
import { Table } from '@/components/table';
import { VisuallyHidden } from '@/components/visually-hidden';
import { findProbeType, useProbeTypes } from '@/lib/probe-types-query';

import { useTests, type TestDefinition } from '../api/get-tests';
import { useDeleteTest } from '../api/save-test';

import { TestForm, type NodeOption } from './test-form';
import styles from './tests.module.css';

interface TestsPageProps {
  orgId: string;
  /** MAINTAINER and up create, edit and run tests. */
  canEdit: boolean;
  /** ADMINs delete them. */
  canDelete: boolean;
  nodes: readonly NodeOption[];
  /** The "Run now" control, from the runs feature. */
  runAction: (test: TestDefinition) => ReactNode;
}

export function TestsPage({ orgId, canEdit, canDelete, nodes, runAction }: TestsPageProps) {
  const tests = useTests(orgId);
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const nodeNames = new Map(nodes.map((n) => [n.id, n.name]));

  return (
    <>
      <PageHeader
        title="Tests"
        description="A test is a probe, a target, its parameters and where it runs. Run one now, or let AutoPerf run a tier’s tests on a schedule."
      />
      <div className={styles.stack}>
        {canEdit ? (
          <section aria-labelledby="new-test-heading" className="card">
            <h2 id="new-test-heading" className={styles.cardHeading}>
              New test
            </h2>
            {saved ? <Alert tone="success">{`Test “${saved}” saved.`}</Alert> : null}
            {creating ? (
              <TestForm
                orgId={orgId}
                nodes={nodes}
                onSaved={(test) => {
                  setCreating(false);
                  setSaved(test.name);
                }}
              />
            ) : (
              <Button
                variant="primary"
                onClick={() => {
                  setSaved(null);
                  setCreating(true);
                }}
              >
                New test
              </Button>
            )}
          </section>
        ) : null}
        <section aria-labelledby="tests-heading" className="card">
          <h2 id="tests-heading" className={styles.cardHeading}>
            Tests
          </h2>
          {tests.isPending ? <Loading label="Loading tests…" /> : null}
          {tests.isError ? <ErrorAlert title="Could not load the tests" error={tests.error} /> : null}
          {tests.data?.length === 0 ? (
            <EmptyState title="No tests yet">{canEdit ? 'Create one above.' : 'A maintainer creates tests.'}</EmptyState>
          ) : null}
          {tests.data && tests.data.length > 0 ? (
            <TestsTable
              orgId={orgId}
              tests={tests.data}
              nodeNames={nodeNames}
              canEdit={canEdit}
              canDelete={canDelete}
              runAction={runAction}
              onEdit={(test) => void navigate(`/tests/${test.id}/edit`)}
            />
          ) : null}
        </section>
      </div>
    </>
  );
}

interface TestsTableProps {
  orgId: string;
  tests: readonly TestDefinition[];
  nodeNames: ReadonlyMap<string, string>;
  canEdit: boolean;
  canDelete: boolean;
  runAction: (test: TestDefinition) => ReactNode;
  onEdit: (test: TestDefinition) => void;
}

function TestsTable({ orgId, tests, nodeNames, canEdit, canDelete, runAction, onEdit }: TestsTableProps) {
  // The type's name until the catalogue has loaded (or when it does not list the type).
  const probeTypes = useProbeTypes();
  const remove = useDeleteTest(orgId);
  const [confirming, setConfirming] = useState<TestDefinition | null>(null);
  return (
    <>
      <Table caption="Tests" hideCaption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Type</th>
            <th scope="col">Target</th>
            <th scope="col">Runs on</th>
            <th scope="col">Tier</th>
            {canEdit ? (
              <th scope="col">
                <VisuallyHidden>Actions</VisuallyHidden>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {tests.map((test) => (
            <tr key={test.id}>
              <th scope="row">
                <Link to={`/results?testId=${encodeURIComponent(test.id)}`}>{test.name}</Link>
              </th>
              <td>{findProbeType(probeTypes.data, test.type)?.label ?? test.type}</td>
              <td className={styles.target}>{test.target}</td>
              <td>{describeSelector(test, nodeNames)}</td>
              <td>{test.tier ? <Badge tone="accent">{`Tier ${test.tier}`}</Badge> : '—'}</td>
              {canEdit ? (
                <td>
                  <div className={styles.rowActions}>
                    {runAction(test)}
                    <Button variant="quiet" aria-label={`Edit ${test.name}`} onClick={() => onEdit(test)}>
                      Edit
                    </Button>
                    {canDelete ? (
                      <Button variant="quiet" aria-label={`Delete ${test.name}`} onClick={() => setConfirming(test)}>
                        Delete
                      </Button>
                    ) : null}
                  </div>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </Table>
      {confirming ? (
        <ConfirmDialog
          title="Delete test?"
          confirmLabel="Delete"
          busy={remove.isPending}
          error={remove.error ? <ErrorAlert error={remove.error} /> : undefined}
          onCancel={() => {
            remove.reset();
            setConfirming(null);
          }}
          onConfirm={() => remove.mutate(confirming, { onSuccess: () => setConfirming(null) })}
        >
          <p>“{confirming.name}” is deleted; its past results stay.</p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}

function describeSelector(test: TestDefinition, nodeNames: ReadonlyMap<string, string>): string {
  const { nodeId, region, label } = test.nodeSelector;
  if (nodeId) {
    return nodeNames.get(nodeId) ?? 'a removed node';
  }
  if (region) {
    return `region ${region}`;
  }
  return label ? `label ${label}` : '—';
}
