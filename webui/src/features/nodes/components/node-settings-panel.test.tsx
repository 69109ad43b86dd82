import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { jsonResponse, mockFetch, ORG_ID, problemResponse, renderWithQueryClient } from '@/testing/test-utils';

import type { NodeSettingsStatus } from '../api/node-settings';

import { NodeSettingsPanel } from './node-settings-panel';

const PATH = `/api/v1/orgs/${ORG_ID}/nodes/n-1/settings`;

const UNSET: NodeSettingsStatus = {
  nodeId: 'n-1',
  version: 0,
  allowlist: null,
  idleTimeoutSeconds: null,
  capacity: null,
  region: null,
  labels: null,
  state: 'DEFAULT',
  appliedVersion: 0,
  appliedAt: null,
  updatedAt: null,
  rejection: null,
};

describe('NodeSettingsPanel', () => {
  it('saves the settings a maintainer enters and shows them pending until the node applies them', async () => {
    let stored = UNSET;
    let sent: unknown;
    mockFetch({
      [`GET ${PATH}`]: () => jsonResponse(stored),
      [`PUT ${PATH}`]: ({ body }) => {
        sent = body;
        stored = { ...UNSET, ...(body as object), version: 1, state: 'PENDING' };
        return jsonResponse(stored);
      },
      [`GET /api/v1/orgs/${ORG_ID}/nodes`]: () => jsonResponse([]),
    });
    const user = userEvent.setup();
    renderWithQueryClient(<NodeSettingsPanel orgId={ORG_ID} nodeId="n-1" canEdit />);

    expect(await screen.findByText(/Nothing set yet/)).toBeInTheDocument();
    await user.type(screen.getByLabelText('iperf3 allowlist'), '192.0.2.0/24{enter}2001:db8::/32');
    await user.type(screen.getByLabelText('iperf3 capacity (concurrent tests)'), '2');
    await user.type(screen.getByLabelText('Labels'), 'edge, tier=gold');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));

    expect(await screen.findByText('Pending')).toBeInTheDocument();
    expect(sent).toEqual({
      allowlist: ['192.0.2.0/24', '2001:db8::/32'],
      idleTimeoutSeconds: null,
      capacity: 2,
      region: null,
      labels: ['edge', 'tier=gold'],
    });
    expect(screen.getByLabelText('iperf3 capacity (concurrent tests)')).toHaveValue(2);
  });

  it('puts each of the server’s field errors under its field', async () => {
    mockFetch({
      [`GET ${PATH}`]: () => jsonResponse(UNSET),
      [`PUT ${PATH}`]: () =>
        problemResponse(400, {
          type: 'validation',
          title: 'Invalid request',
          detail: 'allowlist[1] must be an IPv4 or IPv6 address or CIDR block; capacity must be between 1 and 256',
          errors: [
            { field: 'allowlist[1]', message: 'must be an IPv4 or IPv6 address or CIDR block, e.g. 192.0.2.0/24 or 2001:db8::/32' },
            { field: 'capacity', message: 'must be between 1 and 256 concurrent tests' },
          ],
        }),
    });
    const user = userEvent.setup();
    renderWithQueryClient(<NodeSettingsPanel orgId={ORG_ID} nodeId="n-1" canEdit />);

    await user.type(await screen.findByLabelText('iperf3 allowlist'), '10.0.0.0/8{enter}example.com');
    await user.type(screen.getByLabelText('iperf3 capacity (concurrent tests)'), '1000');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));

    expect(await screen.findByLabelText('iperf3 allowlist')).toHaveAccessibleDescription(
      expect.stringContaining('must be an IPv4 or IPv6 address or CIDR block'),
    );
    expect(screen.getByLabelText('iperf3 capacity (concurrent tests)')).toHaveAccessibleDescription(
      expect.stringContaining('must be between 1 and 256 concurrent tests'),
    );
    expect(screen.getByRole('alert')).toHaveTextContent('Check the highlighted fields.');
  });

  it('shows the node’s refusal and lets a viewer read but not change the settings', async () => {
    mockFetch({
      [`GET ${PATH}`]: () =>
        jsonResponse({
          ...UNSET,
          version: 3,
          appliedVersion: 2,
          capacity: 4,
          state: 'REJECTED',
          rejection: 'capacity must be 1..256',
        }),
    });
    renderWithQueryClient(<NodeSettingsPanel orgId={ORG_ID} nodeId="n-1" canEdit={false} />);

    expect(await screen.findByText('The node refused version 3')).toBeInTheDocument();
    expect(screen.getByText('capacity must be 1..256')).toBeInTheDocument();
    expect(screen.getByLabelText('iperf3 capacity (concurrent tests)')).toHaveValue(4);
    expect(screen.getByLabelText('iperf3 capacity (concurrent tests)')).toBeDisabled();
    expect(screen.queryByRole('button', { name: 'Save settings' })).not.toBeInTheDocument();
  });
});
