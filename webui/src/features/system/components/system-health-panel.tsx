import { useHealth } from '../api/get-health';
import { useBuildInfo } from '../api/get-info';
import { componentLabel, statusLabel, summarizeHealth } from '../utils/summarize-health';

import styles from './system-health-panel.module.css';

const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** The detailed view of what the status banner condenses into one line. */
export function SystemHealthPanel() {
  const health = useHealth();
  const info = useBuildInfo();
  const summary = summarizeHealth(health);
  const components = Object.entries(health.data?.components ?? {});
  const builtAt = info.data?.time ? new Date(info.data.time) : undefined;
  // Polls that fail update errorUpdatedAt, not dataUpdatedAt; either counts as a check.
  const checkedAt = Math.max(health.dataUpdatedAt, health.errorUpdatedAt);

  return (
    <section aria-labelledby="system-health-heading" className={`card ${styles.panel}`}>
      <h2 id="system-health-heading" className={styles.heading}>
        Platform status
      </h2>
      <p className={`${styles.state} ${styles[summary.state] ?? ''}`}>
        <span className={styles.dot} aria-hidden="true" />
        {summary.headline}
      </p>
      {summary.detail ? <p className={styles.detail}>{summary.detail}</p> : null}

      <dl className={styles.facts}>
        <div>
          <dt>API version</dt>
          <dd>{info.data?.version ?? (info.isPending ? '…' : 'unavailable')}</dd>
        </div>
        {builtAt && !Number.isNaN(builtAt.getTime()) ? (
          <div>
            <dt>Built</dt>
            <dd>
              <time dateTime={builtAt.toISOString()}>{dateTimeFormat.format(builtAt)}</time>
            </dd>
          </div>
        ) : null}
        <div>
          <dt>Last checked</dt>
          <dd>
            {checkedAt > 0 ? (
              <time dateTime={new Date(checkedAt).toISOString()}>{timeFormat.format(checkedAt)}</time>
            ) : (
              'not yet'
            )}
          </dd>
        </div>
      </dl>

      {components.length > 0 && !health.error ? (
        <table className={styles.table}>
          <caption>Health checks</caption>
          <thead>
            <tr>
              <th scope="col">Check</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {components.map(([name, component]) => (
              <tr key={name}>
                <th scope="row">{componentLabel(name)}</th>
                <td>
                  <span className={component.status === 'UP' ? styles.up : styles.notUp}>
                    {statusLabel(component.status)}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
