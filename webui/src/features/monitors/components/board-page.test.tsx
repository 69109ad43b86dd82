import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { jsonResponse, mockFetch, ORG_ID, renderWithQueryClient } from '@/testing/test-utils';

import type { BoardRow } from '../api/board';

import { BoardPage } from './board-page';

const BOARD = `/api/v1/orgs/${ORG_ID}/monitors/board`;

const row = (key: string, overrides: Partial<BoardRow> = {}): BoardRow => ({
  key,
  monitorId: 'm-1',
  monitorName: 'Edge',
  target: '10.0.0.1',
  nodeId: 'n-1',
  nodeName: 'node-a',
  region: 'eu',
  labels: ['edge'],
  probe: 'tcp_connect',
  tier: 1,
  metric: 'latency_ms',
  unit: 'ms',
  latest: { at: '2026-12-07T06:55:00Z', runId: 'r-1', value: 1.2, status: 'succeeded', verdict: 'ok' },
  stats: { rounds: 10, failed: 0, min: 1, max: 2.2, avg: 1.4, p90: 2 },
  version: 17,
  updatedAt: new Date(Date.now() - 30_000).toISOString(),
  ...overrides,
});

const EDGE_A = row('m-1:n-1:tcp_connect:1');
const EDGE_B = row('m-1:n-2:tcp_connect:1', { nodeId: 'n-2', nodeName: 'node-b', region: 'us', labels: ['edge', 'lab'], version: 5 });
const DNS = row('m-2:n-1:dns:2', {
  monitorId: 'm-2',
  monitorName: 'Office DNS',
  target: 'intranet.example',
  probe: 'dns',
  tier: 2,
  metric: 'dns_ms',
  labels: [],
  latest: { at: '2026-12-07T06:55:00Z', runId: 'r-2', value: null, status: 'failed', verdict: 'breach' },
  stats: { rounds: 10, failed: 3, min: null, max: null, avg: null, p90: null },
});

/** A live event stream the test writes to. */
function liveStream() {
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
  });
  let id = 0;
  return {
    response: () => new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } }),
    send: (data: BoardRow) =>
      act(() => {
        id += 1;
        controller?.enqueue(new TextEncoder().encode(`id: ${id}\nevent: row\ndata: ${JSON.stringify(data)}\n\n`));
      }),
  };
}

function renderBoard() {
  const stream = liveStream();
  const requests: URL[] = [];
  mockFetch({
    [`GET ${BOARD}`]: ({ url }) => {
      requests.push(url);
      return jsonResponse({ window: 10, rows: [EDGE_A, EDGE_B, DNS] });
    },
    [`GET ${BOARD}/events`]: ({ url }) => {
      requests.push(url);
      return stream.response();
    },
  });
  renderWithQueryClient(<BoardPage orgId={ORG_ID} />);
  return { stream, requests };
}

const bodyRows = () => within(screen.getByRole('table', { name: 'Live board' })).getAllByRole('row').slice(1);
const rowOf = (node: string, monitor = 'Edge') => bodyRows().find((r) => r.textContent?.includes(monitor) && r.textContent.includes(node));

describe('BoardPage', () => {
  it('shows the snapshot’s rows with their figures over the window, and that it is live', async () => {
    const { requests } = renderBoard();

    expect(await screen.findByText('Live')).toBeInTheDocument();
    await waitFor(() => expect(bodyRows()).toHaveLength(3));
    const edge = rowOf('node-a');
    expect(edge).toHaveTextContent(/^Edge10\.0\.0\.1node-aeuTCP connect latency_ms11\.2 ms1 ms2\.2 ms1\.4 ms2 ms0\/1030 seconds ago$/);
    expect(within(edge as HTMLElement).getByRole('link', { name: 'Edge' })).toHaveAttribute('href', '/monitors/m-1');
    const dns = rowOf('node-a', 'Office DNS');
    expect(dns).toHaveTextContent('failed');
    expect(dns).toHaveTextContent('Breach');
    expect(dns).toHaveTextContent('3/10');
    expect(requests.map((url) => url.searchParams.get('window'))).toEqual(['10', '10']);
  });

  it('replaces a row from the stream and flashes it; an older version changes nothing', async () => {
    const { stream } = renderBoard();
    await waitFor(() => expect(bodyRows()).toHaveLength(3));
    expect(rowOf('node-a')?.className).toBe('');

    stream.send({ ...EDGE_A, version: 18, latest: { ...EDGE_A.latest, value: 3.4 }, stats: { ...EDGE_A.stats, max: 3.4 } });
    await waitFor(() => expect(rowOf('node-a')).toHaveTextContent('3.4 ms'));
    expect(rowOf('node-a')?.className).toMatch(/flash/);
    expect(rowOf('node-b')?.className).toBe('');

    // A resumed stream sends an older copy of node-b's row: it is not applied and does not flash.
    stream.send({ ...EDGE_B, version: 4, latest: { ...EDGE_B.latest, value: 99 } });
    // A new key is added.
    stream.send(row('m-3:n-9:http:1', { monitorId: 'm-3', monitorName: 'Shop', nodeName: 'node-z', target: 'shop.example' }));
    await waitFor(() => expect(bodyRows()).toHaveLength(4));
    expect(rowOf('node-b')).toHaveTextContent('1.2 ms');
    expect(rowOf('node-b')?.className).toBe('');
  });

  it('narrows the rows by region, label, tier and text', async () => {
    renderBoard();
    const user = userEvent.setup();
    await waitFor(() => expect(bodyRows()).toHaveLength(3));

    const region = screen.getByRole('combobox', { name: 'Region' });
    expect(within(region).getAllByRole('option').map((o) => o.textContent)).toEqual(['All', 'eu', 'us']);
    await user.selectOptions(region, 'us');
    expect(bodyRows()).toHaveLength(1);
    expect(bodyRows()[0]).toHaveTextContent('node-b');
    await user.selectOptions(region, 'All');

    await user.selectOptions(screen.getByRole('combobox', { name: 'Label' }), 'lab');
    expect(bodyRows()).toHaveLength(1);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Label' }), 'All');

    await user.selectOptions(screen.getByRole('combobox', { name: 'Tier' }), 'Tier 2');
    expect(bodyRows()).toHaveLength(1);
    expect(bodyRows()[0]).toHaveTextContent('Office DNS');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Tier' }), 'All');

    await user.type(screen.getByRole('searchbox', { name: 'Monitor or target' }), 'INTRANET');
    expect(bodyRows()).toHaveLength(1);
    expect(bodyRows()[0]).toHaveTextContent('Office DNS');
  });
});
