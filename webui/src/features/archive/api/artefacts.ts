import { queryOptions, useMutation, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { Schema, WithNullable } from '@/lib/api-schema';

/** One archived artefact of a run (ArtefactView.java); `storedAt` stays null while it waits in the spool. */
export type Artefact = WithNullable<Schema<'ArtefactView'>, 'storedAt'>;

export type DownloadLink = Schema<'DownloadLink'>;

const artefactsPath = (orgId: string, runId: string) =>
  `/api/v1/orgs/${encodeURIComponent(orgId)}/runs/${encodeURIComponent(runId)}/artefacts`;

/**
 * The run's artefacts (a tier run: its probe runs'). Polled while any still waits for S3, so the
 * download button appears once the object is there.
 */
export function useRunArtefacts(orgId: string, runId: string) {
  return useQuery(
    queryOptions({
      queryKey: ['archive', orgId, runId],
      queryFn: ({ signal }) => api.get<{ items: readonly Artefact[] }>(artefactsPath(orgId, runId), { signal }),
      refetchInterval: (query) =>
        query.state.data?.items.some((artefact) => artefact.state === 'spooled') ? 3_000 : false,
      retry: false,
    }),
  );
}

/** Asks for a fresh presigned URL (valid 5 minutes) and hands it to the browser as a download. */
export function useDownloadArtefact(orgId: string) {
  return useMutation({
    mutationFn: (artefact: Pick<Artefact, 'runId' | 'name'>) =>
      api.get<DownloadLink>(`${artefactsPath(orgId, artefact.runId)}/${encodeURIComponent(artefact.name)}/link`),
    onSuccess: (link) => {
      // The store's answer carries Content-Disposition: attachment, so following the link
      // downloads the file and leaves the run page where it is.
      const anchor = document.createElement('a');
      anchor.href = link.url;
      anchor.rel = 'noopener';
      document.body.append(anchor);
      anchor.click();
      anchor.remove();
    },
  });
}
