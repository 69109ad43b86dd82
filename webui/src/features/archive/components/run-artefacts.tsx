import { useEffect } from 'react';

import { ApiError } from '@/lib/api-client';

import { type Artefact, useDownloadArtefact, useRunArtefacts } from '../api/artefacts';

import styles from './archive.module.css';

const STATE_LABELS: Record<string, string> = {
  spooled: 'waiting for S3',
  stored: 'archived',
  conflict: 'not archived (key taken)',
};

export function formatBytes(bytes: number): string {
  if (bytes < 1024) {
    return `${bytes} B`;
  }
  const units = ['KiB', 'MiB', 'GiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

/**
 * The run's archived artefacts with size and SHA-256; Download fetches a short-lived presigned URL.
 * Without the capture_archive feature (402) the card says so instead of failing the run page.
 * `finishedAt` is the run's end: artefacts are recorded when a probe run ends, so the list is read
 * again then (and polled while any still waits for S3).
 */
export function RunArtefacts({ orgId, runId, finishedAt }: { orgId: string; runId: string; finishedAt: string | null }) {
  const artefacts = useRunArtefacts(orgId, runId);
  const download = useDownloadArtefact(orgId);
  const { refetch } = artefacts;
  useEffect(() => {
    if (finishedAt) {
      void refetch();
    }
  }, [finishedAt, refetch]);

  let body;
  if (artefacts.isPending) {
    body = <p className={styles.muted}>Loading artefacts…</p>;
  } else if (artefacts.isError) {
    const error = artefacts.error;
    body = (
      <p className={styles.muted}>
        {error instanceof ApiError && error.status === 402
          ? 'The capture archive is not part of this licence.'
          : error.message}
      </p>
    );
  } else if (artefacts.data.items.length === 0) {
    body = <p className={styles.muted}>No artefacts yet: they are archived when each probe run ends.</p>;
  } else {
    body = (
      <div className={styles.tableScroll}>
        <table className={styles.table}>
          <thead>
            <tr>
              <th scope="col">Artefact</th>
              <th scope="col">Probe run</th>
              <th scope="col">Size</th>
              <th scope="col">SHA-256</th>
              <th scope="col">State</th>
              <th scope="col">Download</th>
            </tr>
          </thead>
          <tbody>
            {artefacts.data.items.map((artefact: Artefact) => (
              <tr key={`${artefact.runId}/${artefact.name}`}>
                <td>{artefact.name}</td>
                <td className={styles.mono}>{artefact.runId.slice(0, 8)}</td>
                <td>{formatBytes(artefact.sizeBytes)}</td>
                <td className={styles.mono}>
                  <code title={artefact.sha256}>{artefact.sha256}</code>
                </td>
                <td>{STATE_LABELS[artefact.state] ?? artefact.state}</td>
                <td>
                  <button
                    type="button"
                    disabled={artefact.state !== 'stored' || download.isPending}
                    onClick={() => download.mutate(artefact)}
                    aria-label={`Download ${artefact.name} of probe run ${artefact.runId.slice(0, 8)}`}
                  >
                    Download
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  }

  return (
    <section aria-labelledby="artefacts-heading" className="card">
      <h2 id="artefacts-heading" className={styles.cardHeading}>
        Archived artefacts
      </h2>
      {body}
      {download.isError ? <p role="alert">{download.error.message}</p> : null}
    </section>
  );
}
