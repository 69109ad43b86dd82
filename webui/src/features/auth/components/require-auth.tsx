import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';

import { ErrorAlert } from '@/components/alert';
import { Button } from '@/components/button';
import { Loading } from '@/components/states';
import { session, useSession } from '@/lib/session';

import { signInPath } from '../utils/return-path';

import styles from './auth.module.css';

/**
 * Renders its children only for a signed-in session; otherwise sends the visitor to
 * /sign-in with the current location as the way back. The server still checks every
 * request: this only spares people pages that would fail.
 */
export function RequireAuth({ children }: { children: ReactNode }) {
  const state = useSession();
  const location = useLocation();

  switch (state.status) {
    case 'signed-in':
      return children;
    case 'signed-out':
      // After an explicit sign-out the next person should start at the overview, not on
      // the page the last one was reading.
      return (
        <Navigate
          to={state.reason === 'signed-out' ? '/sign-in' : signInPath(location.pathname + location.search + location.hash)}
          replace
        />
      );
    case 'restoring':
      return (
        <div className={styles.restoring}>
          <Loading label="Restoring your session…" />
        </div>
      );
    case 'unavailable':
      return (
        <div className={styles.restoring}>
          <title>Session unavailable · WaddlePerf</title>
          <ErrorAlert title="Could not restore your session" error={state.error} />
          <div className={styles.restoreActions}>
            <Button variant="primary" onClick={() => void session.restore()}>
              Try again
            </Button>
            <Button onClick={() => session.end('signed-out')}>Sign in again</Button>
          </div>
        </div>
      );
  }
}
