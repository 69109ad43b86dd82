import { screen, waitFor, within } from '@testing-library/react';
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
