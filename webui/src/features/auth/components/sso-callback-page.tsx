import { useEffect } from 'react';
import { useLocation, useNavigate } from 'react-router';

import { Loading } from '@/components/states';

import { finishSsoSignInOnce } from '../api/sso-sign-in';
import { returnPath } from '../utils/return-path';

import styles from './auth.module.css';

/** /auth/sso/callback: where the identity provider sends the browser back with a code (or an error). */
export function SsoCallbackPage() {
  const location = useLocation();
  const navigate = useNavigate();

  useEffect(() => {
    let current = true;
    finishSsoSignInOnce(location.search).then(
      ({ next }) => {
        if (current) {
          void navigate(returnPath(next), { replace: true });
        }
      },
      (error: unknown) => {
        if (current) {
          void navigate('/sign-in', {
            replace: true,
            state: { ssoError: error instanceof Error ? error.message : String(error) },
          });
        }
      },
    );
    return () => {
      current = false;
    };
  }, [location.search, navigate]);

  return (
    <div className={styles.restoring}>
      <title>Signing in · WaddlePerf</title>
      <Loading label="Completing sign-in with SSO…" />
    </div>
  );
}
