import type { ReactNode } from 'react';

import { ApiError } from '@/lib/api-client';

import styles from './ui.module.css';

interface AlertProps {
  tone: 'error' | 'success' | 'info';
  title?: ReactNode;
  children?: ReactNode;
}

/**
 * Errors use role="alert" so they are announced the moment they appear; confirmations
 * and notes use a polite status region.
 */
export function Alert({ tone, title, children }: AlertProps) {
  return (
    <div role={tone === 'error' ? 'alert' : 'status'} className={`${styles.alert} ${styles[tone]}`}>
      {title ? <p className={styles.alertTitle}>{title}</p> : null}
      {children ? <div className={styles.alertBody}>{children}</div> : null}
    </div>
  );
}

interface ErrorAlertProps {
  error: unknown;
  /** What was being attempted, e.g. "Could not load the members". */
  title?: ReactNode;
  /** Replaces the error's own message, e.g. a form's summary that leaves out field errors shown next to fields. */
  message?: string;
}

/** A failure, phrased by the API client, with the request id support needs to find it in the logs. */
export function ErrorAlert({ error, title, message }: ErrorAlertProps) {
  const body = error instanceof ApiError ? error.body : undefined;
  const requestId = typeof body === 'object' && body !== null && 'requestId' in body ? body.requestId : undefined;
  return (
    <Alert tone="error" title={title}>
      <p>{message ?? (error instanceof Error ? error.message : String(error))}</p>
      {typeof requestId === 'string' ? <p className={styles.requestId}>Request id {requestId}</p> : null}
    </Alert>
  );
}
