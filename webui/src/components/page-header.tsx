import type { ReactNode } from 'react';

import styles from './ui.module.css';

interface PageHeaderProps {
  title: string;
  description?: ReactNode;
}

/** The page's h1, and the document title that names it in tabs, history and screen readers. */
export function PageHeader({ title, description }: PageHeaderProps) {
  return (
    <div className={styles.pageHeader}>
      <title>{`${title} · WaddlePerf`}</title>
      <h1>{title}</h1>
      {description ? <p>{description}</p> : null}
    </div>
  );
}
