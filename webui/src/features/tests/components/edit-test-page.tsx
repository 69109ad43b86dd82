import { Link, useNavigate } from 'react-router';

import { ErrorAlert } from '@/components/alert';
import { PageHeader } from '@/components/page-header';
import { Loading } from '@/components/states';

import { useTest } from '../api/get-tests';

import { TestForm, type NodeOption } from './test-form';

export function EditTestPage({ orgId, testId, nodes }: { orgId: string; testId: string; nodes: readonly NodeOption[] }) {
  const test = useTest(orgId, testId);
  const navigate = useNavigate();
  return (
    <>
      <PageHeader title={test.data ? `Edit “${test.data.name}”` : 'Edit test'} />
      <div className="card">
        {test.isPending ? <Loading label="Loading the test…" /> : null}
        {test.isError ? <ErrorAlert title="Could not load the test" error={test.error} /> : null}
        {test.data ? (
          <TestForm orgId={orgId} nodes={nodes} test={test.data} onSaved={() => void navigate('/tests')} />
        ) : null}
        <p>
          <Link to="/tests">Back to the tests</Link>
        </p>
      </div>
    </>
  );
}
