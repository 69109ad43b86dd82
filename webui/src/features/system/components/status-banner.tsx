import { useHealth } from '../api/get-health';
import { summarizeHealth } from '../utils/summarize-health';

import styles from './status-banner.module.css';

/** Always visible under the header; the one place that polls /actuator/health. */
export function StatusBanner() {
  const summary = summarizeHealth(useHealth({ poll: true }));
  const warning = summary.state === 'degraded' || summary.state === 'unreachable';

  return (
    <section aria-label="System status" className={styles.region}>
      {/* Keyed by state so a new warning mounts a fresh role="alert" node, which screen
          readers announce; the quiet states use a polite status region. */}
      <div key={summary.state} role={warning ? 'alert' : 'status'} className={`${styles.banner} ${styles[summary.state] ?? ''}`}>
        <span className={styles.indicator} aria-hidden="true" />
        <p className={styles.text}>
          <strong>{summary.headline}</strong>
          {summary.detail ? <span className={styles.detail}>{summary.detail}</span> : null}
        </p>
      </div>
    </section>
  );
}
