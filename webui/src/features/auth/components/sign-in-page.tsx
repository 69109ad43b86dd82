import { Navigate, useLocation, useSearchParams } from 'react-router';

import { Alert } from '@/components/alert';
import { useSession } from '@/lib/session';

import { returnPath } from '../utils/return-path';

import { SignInForm } from './sign-in-form';
import { SsoSignIn } from './sso-sign-in';

/** /sign-in: the form, then back to where the user was sent from (?next=). */
export function SignInPage() {
  const state = useSession();
  const [params] = useSearchParams();
  const location = useLocation();
  const ssoError = (location.state as { ssoError?: unknown } | null)?.ssoError;

  if (state.status === 'signed-in') {
    return <Navigate to={returnPath(params.get('next'))} replace />;
  }
  return (
    <>
      <title>Sign in · WaddlePerf</title>
      {state.status === 'signed-out' && state.reason === 'expired' ? (
        <Alert tone="info">Your session has ended. Sign in again to continue.</Alert>
      ) : null}
      {state.status === 'signed-out' && state.reason === 'signed-out' ? (
        <Alert tone="info">You have signed out.</Alert>
      ) : null}
      {state.status === 'signed-out' && state.reason === 'sso-expired' ? (
        <Alert tone="info">Your SSO session has ended. Sign in with SSO again to continue.</Alert>
      ) : null}
      {typeof ssoError === 'string' ? (
        <Alert tone="error" title="Sign-in with SSO failed">
          <p>{ssoError}</p>
        </Alert>
      ) : null}
      <SignInForm />
      <SsoSignIn initialOrg={params.get('org') ?? ''} next={returnPath(params.get('next'))} />
    </>
  );
}
