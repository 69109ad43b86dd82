import { Navigate, useSearchParams } from 'react-router';

import { Alert } from '@/components/alert';
import { useSession } from '@/lib/session';

import { returnPath } from '../utils/return-path';

import { SignInForm } from './sign-in-form';

/** /sign-in: the form, then back to where the user was sent from (?next=). */
export function SignInPage() {
  const state = useSession();
  const [params] = useSearchParams();

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
      <SignInForm />
    </>
  );
}
