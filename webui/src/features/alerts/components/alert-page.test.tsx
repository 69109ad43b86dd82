import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { jsonResponse, mockFetch, ORG_ID, renderWithQueryClient } from '@/testing/test-utils';

import type { AlertDetail } from '../api/alerts';

import { AlertPage } from './alert-page';

const PATH = `/api/v1/orgs/${ORG_ID}/alerts/a-1`;

const DETAIL: AlertDetail = {
  alert: {
    id: 'a-1',
    ruleId: 'r-1',
    ruleName: 'Edge latency',
    monitorId: 'm-1',
    monitorName: 'Edge HTTPS',
    severity: 'WARNING',
    state: 'RESOLVED',
    suppressed: false,
    groupId: null,
    cause: 'tcp_connect.latency_ms > 100: 2 of the last 3 rounds',
    raisedAt: '2026-12-07T10:00:00Z',
    acknowledgedAt: '2026-12-07T10:02:00Z',
    acknowledgedBy: 'ops@example.com',
    resolvedAt: '2026-12-07T10:10:00Z',
    resolvedBy: null,
  },
  transitions: [
    { at: '2026-12-07T10:00:00Z', kind: 'RAISED', actor: null, detail: 'tcp_connect.latency_ms > 100', notified: true },
    { at: '2026-12-07T10:02:00Z', kind: 'ACKNOWLEDGED', actor: 'ops@example.com', detail: 'acknowledged by ops@example.com', notified: true },
    { at: '2026-12-07T10:10:00Z', kind: 'RESOLVED', actor: null, detail: '3 good rounds in a row', notified: false },
  ],
  deliveries: [
    {
      notificationId: 'n-1',
      channelId: 'c-1',
      channelName: 'ops-slack',
      kind: 'RAISED',
      attempt: 1,
      at: '2026-12-07T10:00:04Z',
      delivered: false,
      statusCode: 503,
      latencyMs: 120,
      error: 'Service Unavailable',
    },
    {
      notificationId: 'n-1',
      channelId: 'c-1',
      channelName: 'ops-slack',
      kind: 'RAISED',
      attempt: 2,
      at: '2026-12-07T10:00:10Z',
      delivered: true,
      statusCode: 200,
      latencyMs: 84,
      error: null,
    },
  ],
};

describe('AlertPage', () => {
  it('shows the alert, its transitions and every delivery attempt', async () => {
    mockFetch({ [`GET ${PATH}`]: () => jsonResponse(DETAIL) });
    renderWithQueryClient(<AlertPage orgId={ORG_ID} alertId="a-1" canAct />);

    expect(await screen.findByRole('heading', { name: 'Edge latency on Edge HTTPS' })).toBeInTheDocument();
    expect(screen.getByText(/by its clear rule/)).toBeInTheDocument();
    const transitions = screen.getByRole('region', { name: 'Transitions' });
    expect(transitions).toHaveTextContent('Raised');
    expect(transitions).toHaveTextContent('Acknowledged');
    expect(transitions).toHaveTextContent('ops@example.com');
    expect(transitions).toHaveTextContent('3 good rounds in a row');
    const deliveries = screen.getByRole('region', { name: 'Delivery attempts' });
    expect(deliveries).toHaveTextContent('Failed 503 Service Unavailable');
    expect(deliveries).toHaveTextContent('Delivered 200');
    expect(deliveries).toHaveTextContent('84 ms');
    // Resolved: nothing left to do.
    expect(screen.queryByRole('button', { name: 'Resolve' })).not.toBeInTheDocument();
  });
});
