import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { probeTypesRoute } from '@/testing/probe-types';
import { jsonResponse, mockFetch, ORG_ID, renderWithQueryClient } from '@/testing/test-utils';

import type { Run } from '../api/runs';

import { RecentRunsPanel } from './recent-runs-panel';

const RUN: Run = {
  id: 'r-1',
  parentRunId: null,
  testId: 't-1',
  testName: 'Edge echo',
  tier: 1,
  type: 'udp_echo',
  target: '192.0.2.7:2000',
  nodeId: 'n-1',
  nodeName: 'edge-1',
  status: 'succeeded',
  reason: null,
  createdAt: '2026-11-22T06:00:00Z',
  dispatchedAt: '2026-11-22T06:00:01Z',
  startedAt: '2026-11-22T06:00:01Z',
  finishedAt: '2026-11-22T06:00:04Z',
  result: { sent: 40, received: 38 },
  monitorId: null,
  escalation: null,
  children: [],
};

const STORED = { parentRunId: null, testId: 't-1', type: 'udp_echo', target: '192.0.2.7:2000', tier: 1, status: 'succeeded' };

describe('RecentRunsPanel', () => {
  it('shows each finished run’s verdict and breached metrics from one results query', async () => {
    const tierRun: Run = { ...RUN, id: 'r-3', testId: null, testName: null, type: null, target: 'example.com', createdAt: '2026-11-22T05:00:00Z', children: [] };
    const resultQueries: URLSearchParams[] = [];
    mockFetch({
      ...probeTypesRoute,
      [`GET /api/v1/orgs/${ORG_ID}/runs`]: () =>
        jsonResponse({
          items: [
            { ...RUN, id: 'r-4', status: 'running', finishedAt: null, result: null },
            RUN,
            { ...RUN, id: 'r-2', testName: 'Lossy link', createdAt: '2026-11-22T05:30:00Z' },
            tierRun,
          ],
          nextCursor: null,
        }),
      [`GET /api/v1/orgs/${ORG_ID}/results`]: ({ url }) => {
        resultQueries.push(url.searchParams);
        return jsonResponse({
          items: [
            { ...STORED, id: 'x-1', runId: 'r-1', verdict: 'ok', breaches: [] },
            { ...STORED, id: 'x-2', runId: 'r-2', verdict: 'breach', breaches: [{ metric: 'lossPercent', threshold: 4, value: 5 }] },
            // A tier run's children: their breaches belong to the tier run.
            { ...STORED, id: 'x-3', runId: 'c-1', parentRunId: 'r-3', verdict: 'ok', breaches: [] },
            { ...STORED, id: 'x-4', runId: 'c-2', parentRunId: 'r-3', verdict: 'breach', breaches: [{ metric: 'httpMs', threshold: 1000, value: 1500 }] },
          ],
          nextCursor: null,
        });
      },
    });
    renderWithQueryClient(<RecentRunsPanel orgId={ORG_ID} />);

    const ok = await screen.findByRole('row', { name: /Edge echo.*Succeeded/ });
    await within(ok).findByText('OK');
    expect(within(screen.getByRole('row', { name: /Lossy link/ })).getByText('lossPercent')).toBeInTheDocument();
    expect(within(screen.getByRole('row', { name: /example\.com/ })).getByText('httpMs')).toBeInTheDocument();
    expect(within(screen.getByRole('row', { name: /Running/ })).getByLabelText('no verdict')).toBeInTheDocument();
    // One query, from the oldest finished run's creation on.
    expect(resultQueries).toHaveLength(1);
    expect(resultQueries[0]?.get('from')).toBe('2026-11-22T05:00:00Z');
  });
});
