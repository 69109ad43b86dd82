import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { jsonResponse, mockFetch, ORG_ID, renderWithQueryClient, signInAs } from '@/testing/test-utils';

import type { IperfSession, SessionProgress } from '../api/node-sessions';

import { NodeSessions, rateSeries } from './node-sessions';

const NODE_ID = 'n-1';
const PATH = `/api/v1/orgs/${ORG_ID}/nodes/${NODE_ID}/sessions`;

const UPLOAD: IperfSession = {
  id: 'id-1',
  nodeId: NODE_ID,
  sessionId: 's-1',
  clientAddress: '198.51.100.7',
  clientPort: 50_123,
  countryCode: 'DE',
  region: 'Berlin',
  city: 'Berlin',
  latitude: 52.5,
  longitude: 13.4,
  startedAt: '2026-12-07T10:00:00Z',
  endedAt: '2026-12-07T10:00:10Z',
  direction: 'upload',
  protocol: 'tcp',
  streams: 2,
  receivedBytes: 1_250_000_000,
  sentBytes: 0,
  uploadMbps: 941.5,
  downloadMbps: null,
  retransmits: 12,
  jitterMillis: null,
  lostPackets: null,
  totalPackets: null,
  durationSeconds: 10,
  outcome: 'ok',
  reason: null,
  clientVersion: '3.12',
  receivedAt: '2026-12-07T10:00:11Z',
  runId: null,
};

const REFUSED: IperfSession = {
  ...UPLOAD,
  id: 'id-2',
  sessionId: 's-2',
  clientAddress: '203.0.113.9',
  countryCode: null,
  city: null,
  direction: null,
  protocol: null,
  streams: 0,
  uploadMbps: null,
  retransmits: null,
  durationSeconds: 0,
  outcome: 'refused',
  reason: 'busy',
};

const PROGRESS: SessionProgress = {
  sessionId: 's-live',
  clientAddress: '192.0.2.44',
  clientPort: 40_000,
  startedAt: '2026-12-07T10:05:00Z',
  direction: 'download',
  protocol: 'udp',
  streams: 1,
  plannedSeconds: 10,
  clientVersion: '3.17',
  interval: { second: 1, uploadMbps: 0, downloadMbps: 50, retransmits: null, jitterMillis: null, lostPackets: null, omitted: false },
};

function eventStream(text: string): Response {
  return new Response(
    new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(text));
      },
    }),
    { status: 200, headers: { 'Content-Type': 'text/event-stream' } },
  );
}

const createObjectURL = vi.fn(() => 'blob:sessions');

beforeEach(() => {
  createObjectURL.mockClear();
  Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
});

afterEach(() => {
  Object.assign(URL, { createObjectURL: undefined, revokeObjectURL: undefined });
});

describe('NodeSessions', () => {
  it('shows the session in progress and the connection log from the live stream', async () => {
    mockFetch({
      [`GET ${PATH}`]: () => jsonResponse({ items: [], nextCursor: null }),
      [`GET ${PATH}/events`]: () =>
        eventStream(
          `event: progress\ndata: ${JSON.stringify(PROGRESS)}\n\n` + `event: session\ndata: ${JSON.stringify(REFUSED)}\n\n`,
        ),
    });
    renderWithQueryClient(<NodeSessions orgId={ORG_ID} nodeId={NODE_ID} />);

    const live = await screen.findByRole('region', { name: 'Session in progress' });
    expect(await within(live).findByText(/192\.0\.2\.44:40000 · UDP download · 1 stream · 1 of 10 s/)).toBeInTheDocument();
    expect(within(live).getByRole('figure', { name: 'Live rate' })).toBeInTheDocument();
    const log = screen.getByRole('region', { name: 'Connection log' });
    const row = await within(log).findByRole('row', { name: /203\.0\.113\.9/ });
    expect(row).toHaveTextContent('Refused: busy');
    expect(row).toHaveTextContent('Location unknown');
  });

  it('lists the history with figures and filters it', async () => {
    const queries: URLSearchParams[] = [];
    mockFetch({
      [`GET ${PATH}`]: ({ url }) => {
        queries.push(url.searchParams);
        return jsonResponse({ items: [UPLOAD, REFUSED], nextCursor: null });
      },
      [`GET ${PATH}/events`]: () => eventStream(''),
    });
    const user = userEvent.setup();
    renderWithQueryClient(<NodeSessions orgId={ORG_ID} nodeId={NODE_ID} />);

    const history = screen.getByRole('region', { name: 'History' });
    const row = await within(history).findByRole('row', { name: /198\.51\.100\.7/ });
    expect(row).toHaveTextContent('Berlin, DE');
    expect(row).toHaveTextContent('TCP upload × 2');
    expect(row).toHaveTextContent('↑ 941.5 Mbit/s');
    expect(row).toHaveTextContent('12 retransmits');
    expect(row).toHaveTextContent('Completed');

    await user.type(within(history).getByLabelText('Client address or CIDR'), '198.51.100.0/24');
    await user.selectOptions(within(history).getByLabelText('Outcome'), 'refused');
    await user.selectOptions(within(history).getByLabelText('Protocol'), 'tcp');
    await user.click(within(history).getByRole('button', { name: 'Apply' }));

    await vi.waitFor(() => expect(queries).toHaveLength(2));
    expect(queries[1]?.get('client')).toBe('198.51.100.0/24');
    expect(queries[1]?.get('outcome')).toBe('refused');
    expect(queries[1]?.get('protocol')).toBe('tcp');
    expect(queries[1]?.get('direction')).toBeNull();
  });

  it('links a session of a run the API dispatched to that run and filters by origin', async () => {
    const queries: URLSearchParams[] = [];
    const RUN: IperfSession = { ...UPLOAD, id: 'id-3', sessionId: 's-3', clientAddress: '192.0.2.4', runId: 'run-7' };
    mockFetch({
      [`GET ${PATH}`]: ({ url }) => {
        queries.push(url.searchParams);
        return jsonResponse({ items: [RUN, UPLOAD], nextCursor: null });
      },
      [`GET ${PATH}/events`]: () => eventStream(''),
    });
    const user = userEvent.setup();
    renderWithQueryClient(<NodeSessions orgId={ORG_ID} nodeId={NODE_ID} />);

    const history = screen.getByRole('region', { name: 'History' });
    const dispatched = await within(history).findByRole('row', { name: /192\.0\.2\.4/ });
    expect(within(dispatched).getByRole('link', { name: 'Dispatched run' })).toHaveAttribute('href', '/runs/run-7');
    const outside = within(history).getByRole('row', { name: /198\.51\.100\.7/ });
    expect(within(outside).queryByRole('link')).toBeNull();

    await user.selectOptions(within(history).getByLabelText('Client'), 'outside');
    await user.click(within(history).getByRole('button', { name: 'Apply' }));
    await vi.waitFor(() => expect(queries).toHaveLength(2));
    expect(queries[1]?.get('origin')).toBe('outside');
  });

  it('exports the filtered history with the bearer token', async () => {
    signInAs(['VIEWER']);
    const exports: { query: URLSearchParams; auth: string | undefined }[] = [];
    mockFetch({
      [`GET ${PATH}`]: () => jsonResponse({ items: [UPLOAD], nextCursor: null }),
      [`GET ${PATH}/events`]: () => eventStream(''),
      [`GET ${PATH}/export`]: ({ url, headers }) => {
        exports.push({ query: url.searchParams, auth: headers.Authorization });
        return new Response('id,sessionId\nid-1,s-1\r\n', {
          headers: { 'Content-Type': 'application/json', 'Content-Disposition': 'attachment; filename="iperf3-sessions-1.json"' },
        });
      },
    });
    const user = userEvent.setup();
    renderWithQueryClient(<NodeSessions orgId={ORG_ID} nodeId={NODE_ID} />);
    await screen.findByRole('row', { name: /198\.51\.100\.7/ });

    await user.click(screen.getByRole('button', { name: 'Export JSON' }));

    expect(await screen.findByText('Downloaded iperf3-sessions-1.json.')).toBeInTheDocument();
    expect(exports[0]?.auth).toBe('Bearer access-1');
    expect(exports[0]?.query.get('format')).toBe('json');
    expect(createObjectURL).toHaveBeenCalledTimes(1);
  });
});

describe('rateSeries', () => {
  it('draws only the directions a session has, at wall-clock seconds', () => {
    const intervals = [PROGRESS.interval, { ...PROGRESS.interval, second: 2, downloadMbps: 60 }];
    expect(rateSeries(intervals, 1000, 'download').map((s) => s.label)).toEqual(['Download (node → client)']);
    expect(rateSeries(intervals, 1000, 'download')[0]?.points).toEqual([
      { t: 1001, y: 50 },
      { t: 1002, y: 60 },
    ]);
    expect(rateSeries(intervals, 1000, 'bidir')).toHaveLength(2);
    expect(rateSeries(intervals, 1000, 'upload').map((s) => s.group)).toEqual(['upload']);
  });
});
