import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { jsonResponse, mockFetch, ORG_ID, renderWithQueryClient, signInAs } from '@/testing/test-utils';

import type { Result } from '../api/results';

import { ResultsPage } from './results-page';

const PATH = `/api/v1/orgs/${ORG_ID}/results`;

const RESULT: Result = {
  id: 'x-1',
  runId: 'r-1',
  parentRunId: null,
  testId: 't-1',
  testName: 'Edge echo',
  nodeId: 'n-1',
  nodeName: 'edge-1',
  type: 'udp_echo',
  target: '192.0.2.7:2000',
  tier: 1,
  status: 'succeeded',
  reason: null,
  verdict: 'breach',
  breaches: [{ metric: 'lossPercent', threshold: 5, value: 7.5 }],
  startedAt: '2026-11-22T06:00:00Z',
  finishedAt: '2026-11-22T06:00:03Z',
  latencyAvgMs: 12,
  latencyP50Ms: 11.5,
  latencyP95Ms: 20,
  latencyP99Ms: 25,
  jitterMs: 1.25,
  lossPercent: 7.5,
  throughputUpMbps: null,
  throughputDownMbps: null,
  retransmits: null,
  httpTotalMs: null,
  dnsMs: null,
  certificateDaysLeft: null,
  clientIp: null,
  summary: { sent: 40, received: 37, lossPercent: 7.5, rtt: { samples: 37, p50: 11.5, p95: 20 } },
};

// jsdom has no object URLs; the browser's download itself is not what these tests check.
const createObjectURL = vi.fn(() => 'blob:results');
beforeEach(() => {
  createObjectURL.mockClear();
  Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
});
afterEach(() => {
  Object.assign(URL, { createObjectURL: undefined, revokeObjectURL: undefined });
});

describe('ResultsPage', () => {
  it('lists results with verdict, breaches and headline metrics, filtered by the URL', async () => {
    const queries: URLSearchParams[] = [];
    mockFetch({
      [`GET ${PATH}`]: ({ url }) => {
        queries.push(url.searchParams);
        return jsonResponse({ items: [RESULT], nextCursor: null });
      },
    });
    renderWithQueryClient(<ResultsPage orgId={ORG_ID} tests={[{ value: 't-1', label: 'Edge echo' }]} nodes={[]} />, {
      route: '/results?testId=t-1&verdict=breach',
    });

    const row = await screen.findByRole('row', { name: /Edge echo/ });
    expect(row).toHaveTextContent('Breach: lossPercent');
    expect(row).toHaveTextContent('p50 12 ms · p95 20 ms · jitter 1.25 ms · loss 7.5 %');
    expect(queries[0]?.get('testId')).toBe('t-1');
    expect(queries[0]?.get('verdict')).toBe('breach');
    expect(screen.getByLabelText('Test')).toHaveValue('t-1');
  });

  it('exports the filtered results with the bearer token and the server’s file name', async () => {
    signInAs(['VIEWER']);
    const exports: { query: URLSearchParams; auth: string | undefined }[] = [];
    mockFetch({
      [`GET ${PATH}`]: () => jsonResponse({ items: [RESULT], nextCursor: null }),
      [`GET ${PATH}/export`]: ({ url, headers }) => {
        exports.push({ query: url.searchParams, auth: headers.Authorization });
        return new Response('id,target\nx-1,192.0.2.7:2000\n', {
          headers: { 'Content-Type': 'text/csv', 'Content-Disposition': 'attachment; filename="results-2026-11-22.csv"' },
        });
      },
    });
    const user = userEvent.setup();
    renderWithQueryClient(<ResultsPage orgId={ORG_ID} tests={[]} nodes={[]} />, { route: '/results?type=udp_echo' });
    await screen.findByRole('row', { name: /Edge echo/ });

    await user.click(screen.getByRole('button', { name: 'Export CSV' }));

    expect(await screen.findByText('Downloaded results-2026-11-22.csv.')).toBeInTheDocument();
    expect(exports).toHaveLength(1);
    expect(exports[0]?.auth).toBe('Bearer access-1');
    expect(exports[0]?.query.get('format')).toBe('csv');
    expect(exports[0]?.query.get('type')).toBe('udp_echo');
    expect(createObjectURL).toHaveBeenCalledTimes(1);
  });

  it('shows why an export failed', async () => {
    mockFetch({
      [`GET ${PATH}`]: () => jsonResponse({ items: [], nextCursor: null }),
      [`GET ${PATH}/export`]: () =>
        jsonResponse({ title: 'Too many rows', detail: 'Narrow the time range.' }, { status: 422, contentType: 'application/problem+json' }),
    });
    const user = userEvent.setup();
    renderWithQueryClient(<ResultsPage orgId={ORG_ID} tests={[]} nodes={[]} />, { route: '/results' });
    await screen.findByText('No results');

    await user.click(screen.getByRole('button', { name: 'Export JSON' }));

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('The download failed: Too many rows: Narrow the time range.')).toBeInTheDocument();
  });
});
