import { useNavigate } from 'react-router';

import { Button } from '@/components/button';

import { useCreateRun } from '../api/runs';

import styles from './runs.module.css';

/** Starts a run of a stored test and opens its live page. */
export function RunNowButton({ orgId, testId, testName }: { orgId: string; testId: string; testName: string }) {
  const create = useCreateRun(orgId);
  const navigate = useNavigate();
  return (
    <>
      <Button
        variant="primary"
        busy={create.isPending}
        aria-label={`Run ${testName} now`}
        onClick={() => create.mutate({ testId }, { onSuccess: (run) => void navigate(`/runs/${run.id}`) })}
      >
        {create.isPending ? 'Starting…' : 'Run now'}
      </Button>
      {create.error ? (
        <span role="alert" className={styles.error}>
          {create.error.message}
        </span>
      ) : null}
    </>
  );
}
