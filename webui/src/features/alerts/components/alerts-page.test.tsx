import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { jsonResponse, mockFetch, ORG_ID, problemResponse, renderWithQueryClient } from '@/testing/test-utils';

import type { Alert } from '../api/alerts';

import { AlertsPage } from './alerts-page';

const PATH = `/api/v1/orgs/${ORG_ID}/alerts`;

const OPEN: Alert = {
  id: 'a-1',
  ruleId: 'r-1',
  ruleName: 'Edge latency',
  monitorId: 'm-1',
  monitorName: 'Edge HTTPS',
  severity: 'CRITICAL',
  state: 'OPEN',
  suppressed: false,
  groupId: null,
  cause: 'tcp_connect.latency_ms > 100: 3 of the last 5 rounds; in the last, 2 of 3 vantage points (143.20 on edge-1)',
  raisedAt: '2026-12-07T10:00:00Z',
  acknowledgedAt: null,
  acknowledgedBy: null,
  resolvedAt: null,
  resolvedBy: null,
};

const ACKED: Alert = {
  ...OPEN,
  id: 'a-2',
  ruleName: 'DNS slow',
  severity: 'WARNING',
  state: 'ACKNOWLEDGED',
  acknowledgedAt: '2026-12-07T10:05:00Z',
  acknowledgedBy: 'ops@example.com',
};

describe('AlertsPage', () => {
  it('lists open alerts first, with their cause, severity and monitor', async () => {
    const states: (string | null)[] = [];
    mockFetch({
      [`GET ${PATH}`]: ({ url }) => {
        states.push(url.searchParams.get('state'));
        return jsonResponse([OPEN]);
      },
    });
    renderWithQueryClient(<AlertsPage orgId={ORG_ID} canAct={false} />);

    const row = (await screen.findByRole('link', { name: 'Edge latency' })).closest('tr')!;
    expect(row).toHaveTextContent('Critical');
    expect(row).toHaveTextContent('Open');
    expect(row).toHaveTextContent('2 of 3 vantage points');
    expect(within(row).getByRole('link', { name: 'Edge HTTPS' })).toHaveAttribute('href', '/monitors/m-1');
    expect(within(row).getByRole('link', { name: 'Edge latency' })).toHaveAttribute('href', '/alerts/a-1');
    expect(states).toEqual(['open']);
    // A VIEWER reads, and cannot act.
    expect(screen.queryByRole('button', { name: /^Acknowledge / })).not.toBeInTheDocument();
  });

  it('shows another state when asked', async () => {
    mockFetch({
      [`GET ${PATH}`]: ({ url }) => jsonResponse(url.searchParams.get('state') === 'acknowledged' ? [ACKED] : [OPEN]),
    });
    const user = userEvent.setup();
    renderWithQueryClient(<AlertsPage orgId={ORG_ID} canAct />);
    await screen.findByText('Edge latency');

    await user.click(screen.getByRole('button', { name: 'Acknowledged' }));

    const row = (await screen.findByRole('link', { name: 'DNS slow' })).closest('tr')!;
    expect(row).toHaveTextContent('by ops@example.com');
    // Acknowledged already: only resolve is left.
    expect(within(row).queryByRole('button', { name: /Acknowledge/ })).not.toBeInTheDocument();
    expect(within(row).getByRole('button', { name: 'Resolve DNS slow on Edge HTTPS' })).toBeInTheDocument();
  });

  it('acknowledges an open alert and reads the list again', async () => {
    let acknowledged = false;
    mockFetch({
      [`GET ${PATH}`]: () => jsonResponse(acknowledged ? [] : [OPEN]),
      [`POST ${PATH}/a-1/acknowledge`]: () => {
        acknowledged = true;
        return jsonResponse({ ...OPEN, state: 'ACKNOWLEDGED', acknowledgedBy: 'me@example.com' });
      },
    });
    const user = userEvent.setup();
    renderWithQueryClient(<AlertsPage orgId={ORG_ID} canAct />);

    await user.click(await screen.findByRole('button', { name: 'Acknowledge Edge latency on Edge HTTPS' }));

    await waitFor(() => expect(acknowledged).toBe(true));
    expect(await screen.findByText('No alerts here')).toBeInTheDocument();
  });

  it('says so when alerts are not licensed', async () => {
    mockFetch({
      [`GET ${PATH}`]: () => problemResponse(402, { type: 'feature-not-licensed', title: 'Payment required', detail: 'autoperf' }),
    });
    renderWithQueryClient(<AlertsPage orgId={ORG_ID} canAct />);
    expect(await screen.findByText(/not part of this licence/)).toBeInTheDocument();
  });
});
