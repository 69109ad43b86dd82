import { useState, type FormEvent } from 'react';

import { ErrorAlert } from '@/components/alert';
import { Button } from '@/components/button';
import { TextField } from '@/components/field';
import { startSsoSignIn } from '@/lib/oidc';

import styles from './auth.module.css';

interface SsoSignInProps {
  /** Pre-filled from ?org= in the URL. */
  readonly initialOrg: string;
  readonly next: string;
  /** Leaves for the identity provider; a prop so tests can watch instead of navigating. */
  readonly redirect?: (url: string) => void;
}

/** "Sign in with SSO": the organisation's short name, then off to its identity provider. */
export function SsoSignIn({ initialOrg, next, redirect = (url) => window.location.assign(url) }: SsoSignInProps) {
  const [org, setOrg] = useState(initialOrg);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      redirect(await startSsoSignIn(org, next));
    } catch (failure) {
      setError(failure instanceof Error ? failure : new Error(String(failure)));
      setBusy(false);
    }
  }

  return (
    <form className={styles.form} aria-labelledby="sso-heading" onSubmit={(event) => void submit(event)} noValidate>
      <h2 id="sso-heading" className={styles.heading}>
        Sign in with SSO
      </h2>
      {error ? <ErrorAlert title="Could not start sign-in with SSO" error={error} /> : null}
      <TextField
        label="Organisation short name"
        required
        maxLength={64}
        autoComplete="organization"
        value={org}
        onChange={(event) => setOrg(event.target.value)}
        hint="The organisation's short name as in its WaddlePerf address, e.g. acme."
      />
      <Button type="submit" variant="primary" busy={busy} className={styles.submit}>
        Continue with SSO
      </Button>
    </form>
  );
}
