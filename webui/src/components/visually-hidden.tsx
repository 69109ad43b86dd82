import type { ReactNode } from 'react';

import styles from './ui.module.css';

/** Text for screen readers only, e.g. the header of a column of buttons. */
export function VisuallyHidden({ children }: { children: ReactNode }) {
  return <span className={styles.visuallyHidden}>{children}</span>;
}
