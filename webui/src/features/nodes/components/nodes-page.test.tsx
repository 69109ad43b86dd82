import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { jsonResponse, mockFetch, ORG_ID, renderWithQueryClient } from '@/testing/test-utils';

import type { Node } from '../api/get-nodes';

import { NodesPage } from './nodes-page';

const PATH = `/api/v1/orgs/${ORG_ID}/nodes`;

const EDGE: Node = {
  id: 'n-1',
  orgId: ORG_ID,
  name: 'edge-1',
  region: 'eu-west',
  labels: ['dc1'],
  version: '0.1.0',
  capabilities: ['tcp_connect', 'udp_echo'],
  capacity: 8,
  load: 2,
  systemLoad: 0.42,
  advertisedUrl: 'https://edge-1.example.com',
  status: 'ONLINE',
  enrolledAt: '2026-11-20T10:00:00Z',
  lastHeartbeatAt: '2026-11-22T06:00:00Z',
};

describe('NodesPage', () => {
  it('lists nodes with status, region, version and load', async () => {
    mockFetch({ [`GET ${PATH}`]: () => jsonResponse([EDGE, { ...EDGE, id: 'n-2', name: 'edge-2', status: 'OFFLINE', load: 0 }]) });
    renderWithQueryClient(<NodesPage orgId={ORG_ID} canAdminister={false} apiOrigin="https://perf.example.com" />);

    const row = await screen.findByRole('row', { name: /edge-1/ });
    expect(row).toHaveTextContent('Online');
    expect(row).toHaveTextContent('eu-west');
    expect(row).toHaveTextContent('0.1.0');
    expect(row).toHaveTextContent('2/8 runs · system 0.42');
    expect(screen.getByRole('row', { name: /edge-2/ })).toHaveTextContent('Offline');
    // Not an ADMIN: no enrolment, no revoke.
    expect(screen.queryByRole('button', { name: 'Create enrolment token' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Revoke/ })).not.toBeInTheDocument();
  });

  it('gives an ADMIN a token with the exact start command for this API', async () => {
    mockFetch({
      [`GET ${PATH}`]: () => jsonResponse([]),
      [`POST ${PATH}/enrollment-tokens`]: () =>
        jsonResponse(
          { token: 'wpe_abc123', expiresAt: '2026-11-22T07:00:00Z', command: 'WADDLEPERF_API_URL=<this API’s URL> …' },
          { status: 201 },
        ),
    });
    const user = userEvent.setup();
    renderWithQueryClient(<NodesPage orgId={ORG_ID} canAdminister apiOrigin="https://perf.example.com" />);

    await screen.findByText('No nodes yet');
    await user.click(screen.getByRole('button', { name: 'Create enrolment token' }));

    const panel = await screen.findByRole('region', { name: 'Enrolment token created' });
    expect(within(panel).getByLabelText('Start command')).toHaveValue(
      'WADDLEPERF_API_URL=https://perf.example.com WADDLEPERF_ENROLLMENT_TOKEN=wpe_abc123 java -jar waddleperf-testserver.jar',
    );
    await user.click(within(panel).getByRole('button', { name: 'Done, I have saved it' }));
    expect(document.body).not.toHaveTextContent('wpe_abc123');
  });

  it('revokes a node after confirmation', async () => {
    let node = EDGE;
    mockFetch({
      [`GET ${PATH}`]: () => jsonResponse([node]),
      [`DELETE ${PATH}/n-1`]: () => {
        node = { ...EDGE, status: 'REVOKED' };
        return jsonResponse(node);
      },
    });
    const user = userEvent.setup();
    renderWithQueryClient(<NodesPage orgId={ORG_ID} canAdminister apiOrigin="https://perf.example.com" />);

    await user.click(await screen.findByRole('button', { name: 'Revoke edge-1' }));
    await user.click(within(screen.getByRole('dialog', { name: 'Revoke node?' })).getByRole('button', { name: 'Revoke' }));

    expect(await screen.findByText('The node “edge-1” was revoked; its credential no longer works.')).toBeInTheDocument();
    expect(await screen.findByText('Revoked')).toBeInTheDocument();
  });
});
