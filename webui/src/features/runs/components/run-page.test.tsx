import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { probeTypesRoute } from '@/testing/probe-types';
import { jsonResponse, mockFetch, ORG_ID, renderWithQueryClient } from '@/testing/test-utils';

import type { Run } from '../api/runs';

import { RunPage } from './run-page';

const RUNS = `/api/v1/orgs/${ORG_ID}/runs`;

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
  status: 'running',
  reason: null,
  createdAt: '2026-11-22T06:00:00Z',
  dispatchedAt: '2026-11-22T06:00:01Z',
  startedAt: '2026-11-22T06:00:01Z',
  finishedAt: null,
  result: null,
  monitorId: null,
  escalation: null,
  children: [],
};

/** The fields of a stored result (ResultView) that the run page reads, as GET /results sends them. */
const STORED = { parentRunId: null, testId: 't-1', type: 'udp_echo', target: '192.0.2.7:2000', tier: 1, status: 'succeeded' };

function eventStream(text: string): Response {
  return new Response(
    new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(text));
        controller.close();
      },
    }),
    { status: 200, headers: { 'Content-Type': 'text/event-stream' } },
  );
}

const sample = (id: number, second: number, sent: number, received: number, rtt: number) =>
  `id: ${id}\nevent: sample\ndata: ${JSON.stringify({ runId: 'r-1', second, values: { sent, received, total: 40, lastRttMillis: rtt } })}\n\n`;

describe('RunPage', () => {
  it('draws the live samples, then shows the summary, verdict and breached thresholds', async () => {
    mockFetch({
      ...probeTypesRoute,
      [`GET ${RUNS}/r-1`]: () => jsonResponse(RUN),
      [`GET ${RUNS}/r-1/events`]: () =>
        eventStream(
          'id: 1\nevent: state\ndata: {"runId":"r-1","status":"running","reason":null,"at":"2026-11-22T06:00:01Z"}\n\n' +
            sample(2, 1, 20, 20, 12.5) +
            sample(3, 2, 40, 38, 14) +
            'id: 4\nevent: result\ndata: {"runId":"r-1","status":"succeeded","result":{"port":2000,"sent":40,"received":38,"lossPercent":5,"rtt":{"p50":0.5573,"p95":1.1843}},"error":null}\n\n' +
            'id: 5\nevent: state\ndata: {"runId":"r-1","status":"succeeded","reason":null,"at":"2026-11-22T06:00:03Z"}\n\n',
        ),
      [`GET /api/v1/orgs/${ORG_ID}/results`]: ({ url }) => {
        // No run filter in the API: the run's test, finished since the run was created.
        expect(url.searchParams.get('testId')).toBe('t-1');
        expect(url.searchParams.get('from')).toBe(RUN.createdAt);
        return jsonResponse({
          items: [
            { ...STORED, id: 'x-0', runId: 'r-0', verdict: 'ok', breaches: [] },
            { ...STORED, id: 'x-1', runId: 'r-1', verdict: 'breach', breaches: [{ metric: 'lossPercent', threshold: 4, value: 5 }] },
          ],
          nextCursor: null,
        });
      },
    });
    renderWithQueryClient(<RunPage orgId={ORG_ID} runId="r-1" canCancel />);

    const rtt = await screen.findByRole('figure', { name: 'Round-trip time' });
    expect(within(rtt).getByRole('img')).toHaveAccessibleName('Round-trip time: Last RTT latest 14 ms');
    expect(screen.getByRole('figure', { name: 'Loss so far' })).toHaveTextContent('Loss: 5 %');
    // Both axes are labelled: time across, the catalogue's unit up.
    expect(rtt.querySelector('[data-axis="x"]')).toHaveTextContent(/Time \(s\)$/);
    expect(rtt.querySelector('[data-axis="y"]')).toHaveTextContent('ms');

    const summary = await screen.findByRole('region', { name: 'Summary' });
    expect(within(summary).getByRole('alert')).toHaveTextContent('lossPercent: 5 (threshold 4)');
    // The catalogue's labels and units instead of raw keys; the rest under "More".
    expect(within(summary).getByText('RTT p95').nextSibling).toHaveTextContent(/^1\.18 ms$/);
    expect(within(summary).getByText('RTT p50').nextSibling).toHaveTextContent(/^0\.557 ms$/);
    expect(within(summary).getByText('Loss').nextSibling).toHaveTextContent(/^5 %$/);
    expect(within(summary).getByText('Received').nextSibling).toHaveTextContent(/^38 packets$/);
    expect(within(summary).queryByText('rtt.p50')).not.toBeInTheDocument();
    expect(within(summary).getByText('More')).toBeInTheDocument();
    expect(within(summary).getByText('port').nextSibling).toHaveTextContent('2000');
    expect(screen.getByText('Succeeded')).toBeInTheDocument();
    expect(screen.getByText('Breach')).toBeInTheDocument();
    // A finished run cannot be cancelled.
    expect(screen.queryByRole('button', { name: 'Cancel run' })).not.toBeInTheDocument();
  });

  it('keeps a tier run running while only one of its probe runs has ended', async () => {
    const tier: Run = { ...RUN, id: 'tier-1', testId: null, testName: null, type: null, nodeId: null, nodeName: null };
    mockFetch({
      ...probeTypesRoute,
      [`GET ${RUNS}/tier-1`]: () => jsonResponse(tier),
      // The tier run's stream carries its children's events; this one stays open.
      [`GET ${RUNS}/tier-1/events`]: () =>
        new Response(
          new ReadableStream({
            start(controller) {
              controller.enqueue(
                new TextEncoder().encode(
                  'id: 1\nevent: state\ndata: {"runId":"tier-1","status":"running","reason":null}\n\n' +
                    'id: 2\nevent: result\ndata: {"runId":"child-1","status":"succeeded","result":{},"error":null}\n\n' +
                    'id: 3\nevent: state\ndata: {"runId":"child-1","status":"succeeded","reason":null}\n\n',
                ),
              );
            },
          }),
          { status: 200, headers: { 'Content-Type': 'text/event-stream' } },
        ),
    });
    renderWithQueryClient(<RunPage orgId={ORG_ID} runId="tier-1" canCancel />);

    expect(await screen.findByText('Running')).toBeInTheDocument();
    await screen.findByRole('button', { name: 'Cancel run' });
    expect(screen.queryByText('Succeeded')).not.toBeInTheDocument();
  });

  it('offers cancel while a run is in progress only to those who may run tests', async () => {
    mockFetch({
      ...probeTypesRoute,
      [`GET ${RUNS}/r-1`]: () => jsonResponse(RUN),
      [`GET ${RUNS}/r-1/events`]: () => new Response(new ReadableStream(), { status: 200, headers: { 'Content-Type': 'text/event-stream' } }),
    });
    const { unmount } = renderWithQueryClient(<RunPage orgId={ORG_ID} runId="r-1" canCancel />);
    expect(await screen.findByRole('button', { name: 'Cancel run' })).toBeInTheDocument();
    expect(screen.getByText('Waiting for the first sample…')).toBeInTheDocument();
    unmount();

    renderWithQueryClient(<RunPage orgId={ORG_ID} runId="r-1" canCancel={false} />);
    await screen.findByText('Waiting for the first sample…');
    expect(screen.queryByRole('button', { name: 'Cancel run' })).not.toBeInTheDocument();
  });

  describe('the summary of a finished run', () => {
    const finished = (run: Partial<Run>) => {
      const done: Run = { ...RUN, status: 'succeeded', finishedAt: '2026-11-22T06:00:12Z', ...run };
      mockFetch({
        ...probeTypesRoute,
        [`GET ${RUNS}/r-1`]: () => jsonResponse(done),
        [`GET ${RUNS}/r-1/events`]: () =>
          eventStream('id: 1\nevent: state\ndata: {"runId":"r-1","status":"succeeded","reason":null,"at":"2026-11-22T06:00:12Z"}\n\n'),
        [`GET /api/v1/orgs/${ORG_ID}/results`]: () => jsonResponse({ items: [], nextCursor: null }),
      });
      renderWithQueryClient(<RunPage orgId={ORG_ID} runId="r-1" canCancel={false} />);
    };

    it('gives throughput in Mbit/s under the catalogue’s labels', async () => {
      finished({
        type: 'throughput',
        target: 'iperf.example.com',
        result: { protocol: 'tcp', streams: 1, downloadMbps: 941.23, uploadMbps: 936.7, retransmits: 3, intervals: [] },
      });
      const summary = await screen.findByRole('region', { name: 'Summary' });
      await waitFor(() => expect(within(summary).getByText('Download').nextSibling).toHaveTextContent(/^941 Mbit\/s$/));
      expect(within(summary).getByText('Upload').nextSibling).toHaveTextContent(/^937 Mbit\/s$/);
      expect(within(summary).getByText('Retransmits').nextSibling).toHaveTextContent(/^3$/);
    });

    it.each([
      ['a tier run', { type: null, target: 'example.com', children: [] }],
      ['a type the catalogue lacks', { type: 'speedtest' }],
    ] as const)('shows %s field by field with raw keys', async (_, run) => {
      finished({ ...run, result: { downloadMbps: 95.5, rtt: { p50: 12.94 }, ok: true } });
      const summary = await screen.findByRole('region', { name: 'Summary' });
      await waitFor(() => expect(within(summary).getByText('downloadMbps').nextSibling).toHaveTextContent(/^95\.5$/));
      expect(within(summary).getByText('rtt.p50').nextSibling).toHaveTextContent(/^12\.94$/);
      expect(within(summary).getByText('ok').nextSibling).toHaveTextContent(/^true$/);
      expect(within(summary).queryByText('More')).not.toBeInTheDocument();
    });
  });
});

describe('RunPage for a tier run', () => {
  const child = (id: string, type: string, nodeName: string, run: Partial<Run> = {}): Run => ({
    ...RUN,
    id,
    parentRunId: 'tier-2',
    testId: null,
    testName: null,
    tier: 2,
    type,
    target: 'edge.example.com',
    nodeId: `node-${nodeName}`,
    nodeName,
    status: 'succeeded',
    finishedAt: '2026-11-22T06:00:20Z',
    ...run,
  });
  const TIER: Run = {
    ...RUN,
    id: 'tier-2',
    testId: null,
    testName: null,
    tier: 2,
    type: null,
    target: 'edge.example.com',
    nodeId: null,
    nodeName: null,
    status: 'failed',
    finishedAt: '2026-11-22T06:00:21Z',
    monitorId: 'm-1',
    escalation: { fromRunId: 'tier-1', fromTier: 1, probe: 'tcp_connect', metric: 'latency_ms', threshold: 100, value: 250.5 },
    children: [
      child('c-tcp', 'tcp_connect', 'node-a', { result: { attempted: 10, succeeded: 10, rtt: { p50: 1.25, p95: 2.5 } } }),
      child('c-http', 'http', 'node-b', { status: 'failed', reason: 'connection refused by 203.0.113.9:443', result: null }),
      child('c-dns', 'dns', 'node-a', { result: { timeMillis: 12, rcode: 'NOERROR' } }),
    ],
  };
  const closedStream = (runId: string, status: string, samples = '') =>
    eventStream(`${samples}id: 9\nevent: state\ndata: {"runId":"${runId}","status":"${status}","reason":null}\n\n`);
  const tcpSample = (id: number, second: number, rtt: number) =>
    `id: ${id}\nevent: sample\ndata: ${JSON.stringify({ runId: 'c-tcp', second, values: { completed: second, failed: 0, lastRttMillis: rtt } })}\n\n`;

  function renderTier(run: Run = TIER) {
    const results: string[] = [];
    const streams: string[] = [];
    const stream = (runId: string, status: string, samples = '') => {
      streams.push(runId);
      return closedStream(runId, status, samples);
    };
    mockFetch({
      ...probeTypesRoute,
      [`GET ${RUNS}/tier-2`]: () => jsonResponse(run),
      [`GET ${RUNS}/tier-2/events`]: () => stream('tier-2', run.status),
      [`GET ${RUNS}/c-tcp/events`]: () => stream('c-tcp', 'succeeded', tcpSample(1, 1, 1.5) + tcpSample(2, 2, 2.5)),
      [`GET ${RUNS}/c-http/events`]: () => stream('c-http', 'failed'),
      [`GET ${RUNS}/c-dns/events`]: () => stream('c-dns', 'succeeded'),
      [`GET /api/v1/orgs/${ORG_ID}/results`]: ({ url }) => {
        results.push(url.search);
        const stored = { testId: null, target: 'edge.example.com', tier: 2, parentRunId: 'tier-2' };
        return jsonResponse({
          items: [
            { ...stored, id: 'x-1', runId: 'c-tcp', type: 'tcp_connect', status: 'succeeded', verdict: 'ok', breaches: [] },
            {
              ...stored,
              id: 'x-2',
              runId: 'c-http',
              type: 'http',
              status: 'failed',
              verdict: 'breach',
              breaches: [{ metric: 'status', threshold: 'succeeded', value: 'failed' }],
            },
            { ...stored, id: 'x-3', runId: 'c-dns', type: 'dns', status: 'succeeded', verdict: 'ok', breaches: [] },
          ],
          nextCursor: null,
        });
      },
    });
    renderWithQueryClient(<RunPage orgId={ORG_ID} runId="tier-2" canCancel={false} />);
    return { results, streams };
  }

  it('shows one section per probe run with its node, status, reason, breaches, result and charts', async () => {
    const { results } = renderTier();

    expect(await screen.findByRole('heading', { level: 1, name: 'Tier 2 run of edge.example.com' })).toBeInTheDocument();
    const header = screen.getByRole('region', { name: /^Status/ });
    await waitFor(() => expect(within(header).getByText('Probes').nextSibling).toHaveTextContent(/^TCP connect, HTTP\(S\), DNS$/));
    expect(within(header).getByText('Nodes').nextSibling).toHaveTextContent(/^node-a, node-b$/);
    expect(within(header).queryByText('not yet assigned')).not.toBeInTheDocument();

    const tcp = screen.getByRole('region', { name: /^TCP connect/ });
    const http = screen.getByRole('region', { name: /^HTTP\(S\)/ });
    const dns = screen.getByRole('region', { name: /^DNS/ });
    expect(within(tcp).getByText('Node').nextSibling).toHaveTextContent(/^node-a$/);
    expect(within(http).getByText('Node').nextSibling).toHaveTextContent(/^node-b$/);
    expect(within(http).getByText('Failed')).toBeInTheDocument();
    expect(within(http).getByText('connection refused by 203.0.113.9:443')).toBeInTheDocument();
    expect(within(tcp).getByText('RTT p95').nextSibling).toHaveTextContent(/^2\.5 ms$/);
    expect(within(dns).getByText('Query time').nextSibling).toHaveTextContent(/^12 ms$/);

    // Each probe run's own breaches, naming the probe; none under the ones that passed.
    expect(await within(http).findByRole('alert')).toHaveTextContent('HTTP(S) status: failed (expected succeeded)');
    expect(within(tcp).queryByRole('alert')).not.toBeInTheDocument();
    expect(within(dns).getByText('DNS met every threshold of the tier.')).toBeInTheDocument();
    expect(results).toHaveLength(1);

    // The probe run's own stream draws its charts.
    const rtt = await within(tcp).findByRole('figure', { name: 'Round-trip time' });
    expect(within(rtt).getByRole('img')).toHaveAccessibleName('Round-trip time: Last RTT latest 2.5 ms');
    expect(within(http).getByText('This probe reported no per-second numbers.')).toBeInTheDocument();

    // The probe runs are part of the tier run, not escalations of it.
    for (const section of [tcp, http, dns]) {
      expect(within(section).queryByText(/Escalated/)).not.toBeInTheDocument();
      expect(within(section).getByRole('link', { name: 'Open this probe run' })).toHaveAttribute('href', expect.stringMatching(/^\/runs\/c-/));
    }
  });

  it('says which lower-tier run escalated to it and links its monitor', async () => {
    renderTier();

    const header = await screen.findByRole('region', { name: /^Status/ });
    const escalated = within(header).getByText(/^Escalated from/);
    expect(escalated).toHaveTextContent('Escalated from tier 1 run: tcp_connect latency_ms 250.5 breached 100');
    expect(within(escalated).getByRole('link', { name: 'tier 1 run' })).toHaveAttribute('href', '/runs/tier-1');
    expect(within(header).getByRole('link', { name: 'a monitor' })).toHaveAttribute('href', '/monitors/m-1');
    expect(screen.getAllByText(/Escalated/)).toHaveLength(1);
  });

  it('opens a running probe run’s samples only on request', async () => {
    const running: Run = {
      ...TIER,
      status: 'running',
      finishedAt: null,
      escalation: null,
      children: TIER.children.map((c) => (c.id === 'c-tcp' ? { ...c, status: 'running', finishedAt: null } : c)),
    };
    const { streams } = renderTier(running);

    const tcp = await screen.findByRole('region', { name: /^TCP connect/ });
    const toggle = within(tcp).getByRole('button', { name: 'Show per-second samples' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    // The finished probe runs replay their samples at once; the running one waits.
    await waitFor(() => expect(streams).toContain('c-dns'));
    expect(streams).not.toContain('c-tcp');

    await userEvent.setup().click(toggle);
    expect(await within(tcp).findByRole('figure', { name: 'Round-trip time' })).toBeInTheDocument();
    expect(streams.filter((id) => id === 'c-tcp')).toHaveLength(1);
  });
});
