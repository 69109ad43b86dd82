import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { jsonResponse, mockFetch, ORG_ID, problemResponse, renderWithQueryClient } from '@/testing/test-utils';

import type { MonitorSeries } from '../api/monitor-series';
import type { Monitor } from '../api/monitors';

import { MonitorPage } from './monitor-page';

const PATH = `/api/v1/orgs/${ORG_ID}/monitors`;

const EDGE: Monitor = {
  id: 'm-1',
  name: 'Edge',
  target: '10.0.0.1',
  probes: ['tcp_connect', 'udp_echo'],
  vantage: [
    { nodeId: 'n-1', region: null, label: null },
    { nodeId: null, region: 'eu', label: null },
  ],
  schedule: { intervalSeconds: 300, cron: null, timeZone: 'UTC' },
  activeWindow: null,
  udpEchoPort: 2000,
  iperfPort: null,
  escalation: { tier2CooldownSeconds: 900, tier3CooldownSeconds: 3600 },
  enabled: false,
  createdAt: '2026-12-01T10:00:00Z',
  updatedAt: '2026-12-01T10:00:00Z',
  nextDueAt: null,
  lastRoundAt: '2026-12-07T06:55:00Z',
};

const SERIES: MonitorSeries = {
  monitorId: 'm-1',
  metric: 'tcp_connect.latency_ms',
  unit: 'ms',
  from: '2026-12-06T07:00:00Z',
  to: '2026-12-07T07:00:00Z',
  step: 300,
  series: [
    {
      nodeId: 'n-1',
      nodeName: 'node-a',
      points: [
        { at: '2026-12-07T06:45:00Z', count: 1, failed: 0, p50: 1.2, p95: 1.9, max: 2, lossPercent: null },
        // Every round of this bucket failed: no figure, a gap in the line.
        { at: '2026-12-07T06:50:00Z', count: 1, failed: 1, p50: null, p95: null, max: null, lossPercent: null },
        { at: '2026-12-07T06:55:00Z', count: 2, failed: 0, p50: 1.5, p95: 2.4, max: 2.5, lossPercent: null },
      ],
    },
    { nodeId: 'n-2', nodeName: 'node-b', points: [{ at: '2026-12-07T06:55:00Z', count: 1, failed: 0, p50: 8, p95: 9, max: 9, lossPercent: null }] },
  ],
  escalations: [
    {
      runId: 'run-9',
      tier: 2,
      at: '2026-12-07T06:50:30Z',
      nodeId: 'n-1',
      nodeName: 'node-a',
      status: 'succeeded',
      probe: 'tcp_connect',
      metric: 'latency_ms',
      threshold: 100,
      value: 250.5,
    },
  ],
};

function renderPage(series: (url: URL) => Response) {
  const requests: URL[] = [];
  mockFetch({
    [`GET ${PATH}/m-1`]: () => jsonResponse(EDGE),
    [`GET ${PATH}/m-1/series`]: ({ url }) => {
      requests.push(url);
      return series(url);
    },
  });
  renderWithQueryClient(<MonitorPage orgId={ORG_ID} monitorId="m-1" canEdit={false} nodes={[{ id: 'n-1', name: 'node-a' }]} />);
  return requests;
}

describe('MonitorPage', () => {
  it('shows the monitor and asks for the last 24 h of its first metric', async () => {
    const requests = renderPage(() => jsonResponse(SERIES));

    const facts = await screen.findByRole('region', { name: /^Monitor/ });
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(/^Edge$/);
    expect(within(facts).getByText('Paused')).toBeInTheDocument();
    expect(within(facts).getByText('Probes').nextSibling).toHaveTextContent('TCP connect, UDP echo');
    expect(within(facts).getByText('Vantage points').nextSibling).toHaveTextContent('node-a, region eu');
    expect(within(facts).getByText('Schedule').nextSibling).toHaveTextContent('every 5 min');
    expect(within(facts).queryByText('Edit this monitor')).not.toBeInTheDocument();

    await waitFor(() => expect(requests).toHaveLength(1));
    const [request] = requests;
    expect(request?.searchParams.get('metric')).toBe('tcp_connect.latency_ms');
    expect(request?.searchParams.get('step')).toBe('300');
    const from = Date.parse(request?.searchParams.get('from') ?? '');
    const to = Date.parse(request?.searchParams.get('to') ?? '');
    expect(to - from).toBe(86_400_000);
    expect(to % 300_000).toBe(0);
  });

  it('charts each node’s p50 and p95 and counts its rounds', async () => {
    renderPage(() => jsonResponse(SERIES));

    const chart = await screen.findByRole('figure', { name: 'TCP connect latency (p50 solid, p95 dashed)' });
    const rows = within(chart).getAllByRole('row');
    expect(rows.map((row) => row.textContent)).toEqual([
      'SeriesLatestLowestHighestBuckets',
      'node-a p501.5 ms1.2 ms1.5 ms2',
      'node-a p952.4 ms1.9 ms2.4 ms2',
      'node-b p508 ms8 ms8 ms1',
      'node-b p959 ms9 ms9 ms1',
    ]);
    expect(screen.getByText('node-a: 4 rounds, 1 failed')).toBeInTheDocument();
  });

  it('lists the escalations with a link to each tier run', async () => {
    renderPage(() => jsonResponse(SERIES));

    const escalations = await screen.findByRole('region', { name: 'Escalations' });
    const row = within(escalations).getAllByRole('row')[1];
    expect(row).toHaveTextContent('Tier 2');
    expect(row).toHaveTextContent('node-a');
    expect(row).toHaveTextContent('tcp_connect latency_ms 250.5 breached 100');
    expect(row).toHaveTextContent('succeeded');
    expect(within(row as HTMLElement).getByRole('link', { name: 'Open the tier 2 run' })).toHaveAttribute('href', '/runs/run-9');
  });

  it('asks again for the chosen range and metric', async () => {
    const requests = renderPage((url) => jsonResponse({ ...SERIES, metric: url.searchParams.get('metric') }));
    const user = userEvent.setup();
    await screen.findByRole('figure', { name: /TCP connect latency/ });

    const metric = screen.getByRole('combobox', { name: 'Metric' });
    expect(within(metric).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'TCP connect latency',
      'UDP echo latency',
      'UDP echo jitter',
      'UDP echo loss',
    ]);
    await user.selectOptions(metric, 'UDP echo jitter');
    expect(await screen.findByRole('figure', { name: /UDP echo jitter/ })).toBeInTheDocument();
    expect(requests.at(-1)?.searchParams.get('metric')).toBe('udp_echo.jitter_ms');

    await user.click(screen.getByRole('button', { name: '7 d' }));
    await waitFor(() => expect(requests.at(-1)?.searchParams.get('step')).toBe('3600'));
    expect(screen.getByRole('button', { name: '7 d' })).toHaveAttribute('aria-pressed', 'true');

    await user.click(screen.getByRole('button', { name: '30 d' }));
    await waitFor(() => expect(requests.at(-1)?.searchParams.get('step')).toBe('21600'));
    const last = requests.at(-1);
    expect(Date.parse(last?.searchParams.get('to') ?? '') - Date.parse(last?.searchParams.get('from') ?? '')).toBe(30 * 86_400_000);
  });

  it('says there is no data yet when no round measured anything', async () => {
    renderPage(() => jsonResponse({ ...SERIES, series: [], escalations: [] }));
    expect(await screen.findByText('No data yet')).toBeInTheDocument();
    expect(screen.queryByRole('figure')).not.toBeInTheDocument();
    expect(screen.getByText('No threshold was breached in this range, so nothing escalated.')).toBeInTheDocument();
  });

  it('explains a licence without AutoPerf', async () => {
    renderPage(() => problemResponse(402, { type: 'license-feature-missing', title: 'Feature not licensed' }));
    expect(await screen.findByText('AutoPerf monitors are not part of this licence.')).toBeInTheDocument();
  });

  it('shows the API’s reason for a refused query', async () => {
    renderPage(() => problemResponse(400, { type: 'validation', title: 'Bad request', detail: 'Unknown metric tcp_connect.bogus.' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not load the trend');
    expect(alert).toHaveTextContent('Unknown metric tcp_connect.bogus.');
  });
});
