import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { jsonResponse, mockFetch, ORG_ID, problemResponse, renderWithQueryClient } from '@/testing/test-utils';

import { formatBytes, RunArtefacts } from './run-artefacts';

const RUN_ID = '0190a7e2-0000-7000-8000-0000000000aa';
const CHILD_ID = '0190a7e2-0000-7000-8000-0000000000bb';
const SHA = 'a'.repeat(64);
const BASE = `/api/v1/orgs/${ORG_ID}/runs/${RUN_ID}/artefacts`;

describe('RunArtefacts', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('lists each artefact with size and checksum and downloads through a presigned URL', async () => {
    const followed: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      followed.push(this.href);
    });
    mockFetch({
      [`GET ${BASE}`]: () =>
        jsonResponse({
          items: [
            {
              runId: CHILD_ID,
              name: 'samples.ndjson.gz',
              contentType: 'application/x-ndjson',
              sizeBytes: 2048,
              sha256: SHA,
              state: 'stored',
              runFinishedAt: '2026-12-07T01:00:00Z',
              storedAt: '2026-12-07T01:00:02Z',
            },
          ],
        }),
      [`GET /api/v1/orgs/${ORG_ID}/runs/${CHILD_ID}/artefacts/samples.ndjson.gz/link`]: () =>
        jsonResponse({
          url: 'http://127.0.0.1:9000/waddleperf-archive/x?X-Amz-Expires=300',
          expiresAt: '2026-12-07T01:05:02Z',
          name: 'samples.ndjson.gz',
          sizeBytes: 2048,
          sha256: SHA,
        }),
    });

    renderWithQueryClient(<RunArtefacts orgId={ORG_ID} runId={RUN_ID} finishedAt="2026-12-07T01:00:00Z" />);

    const row = (await screen.findByText('samples.ndjson.gz')).closest('tr')!;
    expect(within(row).getByText('2.0 KiB')).toBeInTheDocument();
    expect(within(row).getByText(SHA)).toBeInTheDocument();
    expect(within(row).getByText('archived')).toBeInTheDocument();
    await userEvent.click(within(row).getByRole('button', { name: /Download samples.ndjson.gz/ }));
    await vi.waitFor(() =>
      expect(followed).toEqual(['http://127.0.0.1:9000/waddleperf-archive/x?X-Amz-Expires=300']),
    );
  });

  it('keeps the download disabled while the artefact waits for S3', async () => {
    mockFetch({
      [`GET ${BASE}`]: () =>
        jsonResponse({
          items: [
            {
              runId: RUN_ID,
              name: 'samples.ndjson.gz',
              contentType: 'application/x-ndjson',
              sizeBytes: 20,
              sha256: SHA,
              state: 'spooled',
              runFinishedAt: '2026-12-07T01:00:00Z',
              storedAt: null,
            },
          ],
        }),
    });

    renderWithQueryClient(<RunArtefacts orgId={ORG_ID} runId={RUN_ID} finishedAt="2026-12-07T01:00:00Z" />);

    expect(await screen.findByText('waiting for S3')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /Download/ })).toBeDisabled();
  });

  it('says when the licence does not include the archive', async () => {
    mockFetch({
      [`GET ${BASE}`]: () =>
        problemResponse(402, { type: 'feature-not-licensed', title: 'Feature not licensed', detail: 'capture_archive' }),
    });

    renderWithQueryClient(<RunArtefacts orgId={ORG_ID} runId={RUN_ID} finishedAt="2026-12-07T01:00:00Z" />);

    expect(await screen.findByText('The capture archive is not part of this licence.')).toBeInTheDocument();
  });

  it('reads the list again when the run ends', async () => {
    let ended = false;
    const stored = {
      runId: RUN_ID,
      name: 'samples.ndjson.gz',
      contentType: 'application/x-ndjson',
      sizeBytes: 20,
      sha256: SHA,
      state: 'stored',
      runFinishedAt: '2026-12-07T01:00:00Z',
      storedAt: '2026-12-07T01:00:01Z',
    };
    mockFetch({ [`GET ${BASE}`]: () => jsonResponse({ items: ended ? [stored] : [] }) });

    const { rerender } = renderWithQueryClient(<RunArtefacts orgId={ORG_ID} runId={RUN_ID} finishedAt={null} />);
    expect(await screen.findByText(/No artefacts yet/)).toBeInTheDocument();

    ended = true;
    rerender(<RunArtefacts orgId={ORG_ID} runId={RUN_ID} finishedAt="2026-12-07T01:00:00Z" />);
    expect(await screen.findByText('archived')).toBeInTheDocument();
  });

  it('formats sizes in binary units', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3.0 MiB');
  });
});
