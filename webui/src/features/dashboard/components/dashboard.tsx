import type { ReactNode } from 'react';

import { env } from '@/config/env';

import styles from './dashboard.module.css';

interface DashboardProps {
  /**
   * The panels come from other features (nodes, runs, results, system). Features do not
   * import each other, so the app layer renders them and passes them in.
   */
  nodesPanel: ReactNode;
  liveRunPanel: ReactNode;
  recentRunsPanel: ReactNode;
  recentResultsPanel: ReactNode;
  statusPanel: ReactNode;
}

export function Dashboard({ nodesPanel, liveRunPanel, recentRunsPanel, recentResultsPanel, statusPanel }: DashboardProps) {
  return (
    <>
      <title>Overview · WaddlePerf</title>
      <div className={styles.intro}>
        <h1>Overview</h1>
        <p>Nodes, running tests and the latest results at a glance.</p>
      </div>
      <div className={styles.grid}>
        {nodesPanel}
        {liveRunPanel}
      </div>
      <div className={styles.wide}>
        {recentRunsPanel}
        {recentResultsPanel}
      </div>
      <div className={styles.grid}>
        {statusPanel}
        <section aria-labelledby="api-reference-heading" className="card">
          <h2 id="api-reference-heading" className={styles.cardHeading}>
            API reference
          </h2>
          <p className={styles.muted}>
            Everything the web UI does goes through the documented REST API, so scripts and CI pipelines can do it too.
          </p>
          <ul className={styles.links}>
            <li>
              <a href={`${env.apiUrl}/swagger-ui/index.html`}>Interactive API reference (Swagger UI)</a>
            </li>
            <li>
              <a href={`${env.apiUrl}/v3/api-docs`}>OpenAPI document (JSON)</a>
            </li>
          </ul>
        </section>
      </div>
    </>
  );
}
