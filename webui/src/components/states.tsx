import type { ReactNode } from 'react';

import styles from './ui.module.css';

/** A polite "still loading" note; role=status announces it without stealing focus. */
export function Loading({ label }: { label: string }) {
  return (
    <p role="status" aria-busy="true" className={styles.loading}>
      <span className={styles.spinner} aria-hidden="true" />
      {label}
    </p>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className={styles.empty}>
      <p className={styles.emptyTitle}>{title}</p>
      {children ? <div>{children}</div> : null}
    </div>
  );
}
