import { useEffect, useState, type FormEvent } from 'react';

import { ErrorAlert } from '@/components/alert';
import { Button } from '@/components/button';
import { TextField } from '@/components/field';
import { ApiError } from '@/lib/api-client';
import { splitFieldErrors } from '@/lib/field-errors';
import { formatWait } from '@/lib/format';

import { useLogin } from '../api/login';

import styles from './auth.module.css';

const FIELDS = new Set(['email', 'password']);

export function SignInForm() {
  const login = useLogin();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const countdown = useRetryCountdown();
  const { blocked, remaining } = countdown;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    login.mutate(
      { email: email.trim(), password },
      {
        onError: (error) => {
          // A wrong password is cleared so the next attempt starts from an empty field.
          setPassword('');
          countdown.follow(error);
        },
      },
    );
  }

  const { byField, summary } = splitFieldErrors(login.error, (path) => (FIELDS.has(path) ? path : undefined));
  let message = summary;
  if (blocked) {
    const lead = /[.!?]$/.test(summary) ? summary : `${summary}.`;
    message = remaining > 0 ? `${lead} Try again in ${formatWait(remaining)}.` : `${lead} You can try again now.`;
  }

  return (
    <form onSubmit={submit} className={styles.form} aria-labelledby="sign-in-heading">
      <h1 id="sign-in-heading" className={styles.heading}>
        Sign in
      </h1>
      {login.error ? <ErrorAlert error={login.error} message={message} /> : null}
      <TextField
        label="E-mail"
        type="email"
        name="email"
        autoComplete="username"
        required
        value={email}
        onChange={(event) => setEmail(event.target.value)}
        error={byField.email}
      />
      <TextField
        label="Password"
        type="password"
        name="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(event) => setPassword(event.target.value)}
        error={byField.password}
      />
      <Button type="submit" variant="primary" busy={login.isPending} disabled={remaining > 0} className={styles.submit}>
        {login.isPending ? 'Signing in…' : 'Sign in'}
      </Button>
    </form>
  );
}

interface Countdown {
  /** Epoch ms when the wait ends; null when there is nothing to wait for. */
  readonly until: number | null;
  readonly now: number;
}

/**
 * Seconds left of a 429's Retry-After, ticking once a second. The end is fixed as a clock
 * time when the refusal arrives, so re-renders do not restart the wait.
 */
function useRetryCountdown() {
  const [countdown, setCountdown] = useState<Countdown>({ until: null, now: 0 });
  const { until } = countdown;

  useEffect(() => {
    if (until === null) {
      return;
    }
    const timer = setInterval(() => {
      const now = Date.now();
      setCountdown({ until, now });
      if (now >= until) {
        clearInterval(timer);
      }
    }, 1_000);
    return () => clearInterval(timer);
  }, [until]);

  return {
    blocked: until !== null,
    remaining: until === null ? 0 : Math.max(0, Math.ceil((until - countdown.now) / 1_000)),
    /** Starts the wait a refusal asks for, or ends any wait for another outcome. */
    follow(error: unknown) {
      const now = Date.now();
      const wait = error instanceof ApiError && error.status === 429 ? (error.retryAfterSeconds ?? 60) : undefined;
      setCountdown({ until: wait === undefined ? null : now + wait * 1_000, now });
    },
  };
}
