import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';

import { jsonResponse, mockFetch, ORG_ID, problemResponse, renderWithQueryClient, signInAs } from '@/testing/test-utils';

import type { SpeedTestOutcome } from '../utils/run-speed-test';

import { SpeedTestPage, type SpeedTestNode } from './speed-test-page';

// The measurement itself talks to a node (and takes seconds); these tests check what the page
// does with its outcome.
const OUTCOME: SpeedTestOutcome = {
  pingMs: 1.5,
  minMs: 1.2,
  maxMs: 2.1,
  jitterMs: 0.25,
  downloadMbps: 812.5,
  uploadMbps: 640,
  bytesDown: 600_000_000,
  bytesUp: 480_000_000,
  durationMillis: 0,
};
const runSpeedTest = vi.hoisted(() => vi.fn());
vi.mock('../utils/run-speed-test', () => ({ runSpeedTest }));

const EDGE: SpeedTestNode = { id: 'n-1', name: 'edge-1', region: 'eu-west', advertisedUrl: 'https://edge-1.example.com', online: true };

describe('SpeedTestPage', () => {
  it('offers only online nodes the browser can reach', () => {
    renderWithQueryClient(
      <SpeedTestPage
        orgId={ORG_ID}
        canRun
        nodes={[EDGE, { ...EDGE, id: 'n-2', name: 'down', online: false }, { ...EDGE, id: 'n-3', name: 'hidden', advertisedUrl: null }]}
      />,
    );
    const options = Array.from(screen.getByLabelText<HTMLSelectElement>('Test against').options).map((o) => o.text);
    expect(options).toEqual(['edge-1 (eu-west)']);
    expect(screen.getByRole('button', { name: 'Start speed test' })).toBeEnabled();
  });

  it('lets a VIEWER look but not run', () => {
    renderWithQueryClient(<SpeedTestPage orgId={ORG_ID} canRun={false} nodes={[EDGE]} />);
    expect(screen.queryByRole('button', { name: 'Start speed test' })).not.toBeInTheDocument();
    expect(screen.getByText('Running speed tests needs the Maintainer role.')).toBeInTheDocument();
  });

  it('explains when no node can serve a browser test', () => {
    renderWithQueryClient(<SpeedTestPage orgId={ORG_ID} canRun nodes={[{ ...EDGE, online: false }]} />);
    expect(screen.getByText('No node can serve a browser test')).toBeInTheDocument();
  });

  it('records the outcome through POST /speedtests within the API\'s bounds', async () => {
    signInAs(['MAINTAINER']);
    runSpeedTest.mockResolvedValue(OUTCOME);
    const posted: unknown[] = [];
    mockFetch({
      [`POST /api/v1/orgs/${ORG_ID}/speedtests`]: ({ body }) => {
        posted.push(body);
        return jsonResponse({ id: 'x-9', runId: 'r-9', type: 'speedtest', verdict: 'ok' }, { status: 201 });
      },
    });
    renderWithQueryClient(<SpeedTestPage orgId={ORG_ID} canRun nodes={[EDGE]} />);
    await userEvent.click(screen.getByRole('button', { name: 'Start speed test' }));

    expect(await screen.findByText(/Result recorded\./)).toBeInTheDocument();
    expect(runSpeedTest).toHaveBeenCalledWith(expect.objectContaining({ baseUrl: 'https://edge-1.example.com' }));
    expect(posted).toEqual([
      {
        nodeId: 'n-1',
        downloadMbps: 812.5,
        uploadMbps: 640,
        pingMs: 1.5,
        jitterMs: 0.25,
        bytesDown: 600_000_000,
        bytesUp: 480_000_000,
        // The API wants 1-600000 ms.
        durationMillis: 1,
        userAgent: navigator.userAgent.slice(0, 512),
      },
    ]);
    expect(screen.getByLabelText('Download 813 Mbit/s')).toBeInTheDocument();
  });

  it('shows the API\'s field errors when it refuses the record', async () => {
    signInAs(['MAINTAINER']);
    runSpeedTest.mockResolvedValue({ ...OUTCOME, downloadMbps: 200_000 });
    mockFetch({
      [`POST /api/v1/orgs/${ORG_ID}/speedtests`]: () =>
        problemResponse(400, {
          type: 'validation',
          title: 'Invalid value for: downloadMbps',
          errors: [{ field: 'downloadMbps', message: 'must be less than or equal to 100000' }],
        }),
    });
    renderWithQueryClient(<SpeedTestPage orgId={ORG_ID} canRun nodes={[EDGE]} />);
    await userEvent.click(screen.getByRole('button', { name: 'Start speed test' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The result could not be recorded');
    expect(alert).toHaveTextContent('downloadMbps: must be less than or equal to 100000');
  });
});
