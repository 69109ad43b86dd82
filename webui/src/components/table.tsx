import type { ReactNode } from 'react';

import styles from './ui.module.css';

interface TableProps {
  /** Names the table for assistive technology; visible unless `hideCaption`. */
  caption: string;
  hideCaption?: boolean;
  children: ReactNode;
}

/**
 * A data table that scrolls sideways inside its own box on narrow screens instead of
 * widening the page. The box is focusable so keyboard users can scroll it too.
 */
export function Table({ caption, hideCaption = false, children }: TableProps) {
  return (
    <div className={styles.tableScroll} tabIndex={0} role="region" aria-label={caption}>
      <table className={styles.table}>
        <caption className={hideCaption ? styles.visuallyHidden : styles.caption}>{caption}</caption>
        {children}
      </table>
    </div>
  );
}
