import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';

import { jsonResponse, mockFetch, ORG_ID, renderWithQueryClient, type MockRequest } from '@/testing/test-utils';

import type { Monitor } from '../api/monitors';

import { EditMonitorPage } from './edit-monitor-page';

const PATH = `/api/v1/orgs/${ORG_ID}/monitors`;

const OFFICE: Monitor = {
  id: 'm-2',
  name: 'Office DNS',
  target: 'intranet.example',
  probes: ['dns'],
  vantage: [
    { nodeId: null, region: null, label: 'office' },
    { nodeId: 'n-gone', region: null, label: null },
  ],
  schedule: { intervalSeconds: null, cron: '0 8 * * 1-5', timeZone: 'Europe/Berlin' },
  activeWindow: { days: ['MONDAY', 'FRIDAY'], from: '08:00', to: '18:00', timeZone: 'Europe/Berlin' },
  udpEchoPort: 2000,
  iperfPort: null,
  escalation: { tier2CooldownSeconds: 900, tier3CooldownSeconds: 3600 },
  enabled: false,
  createdAt: '2026-12-01T10:00:00Z',
  updatedAt: '2026-12-01T10:00:00Z',
  nextDueAt: null,
  lastRoundAt: null,
};

describe('EditMonitorPage', () => {
  it('fills the form from the monitor and replaces it with the changes', async () => {
    const sent: unknown[] = [];
    mockFetch({
      [`GET ${PATH}/m-2`]: () => jsonResponse(OFFICE),
      [`PUT ${PATH}/m-2`]: (request: MockRequest) => {
        sent.push(request.body);
        return jsonResponse(OFFICE);
      },
    });
    const user = userEvent.setup();
    renderWithQueryClient(
      <Routes>
        <Route path="/" element={<EditMonitorPage orgId={ORG_ID} monitorId="m-2" nodes={[{ id: 'n-1', name: 'edge-1' }]} />} />
        <Route path="/monitors" element={<p>Monitors list</p>} />
      </Routes>,
    );

    const form = await screen.findByRole('form', { name: 'Edit monitor' });
    expect(within(form).getByLabelText('Name')).toHaveValue('Office DNS');
    expect(within(form).getByRole('checkbox', { name: 'DNS' })).toBeChecked();
    expect(within(form).getByRole('checkbox', { name: 'HTTP' })).not.toBeChecked();
    expect(within(form).getByLabelText('Label 1')).toHaveValue('office');
    // A vantage node revoked since stays selected, and is sent back unchanged.
    expect(within(form).getByLabelText('Node 2')).toHaveValue('n-gone');
    expect(within(form).getByLabelText('Node 2')).toHaveDisplayValue('a revoked or removed node');
    expect(within(form).getByLabelText('Cron expression')).toHaveValue('0 8 * * 1-5');
    expect(within(form).getByRole('checkbox', { name: 'Friday' })).toBeChecked();
    expect(within(form).getByRole('checkbox', { name: 'Enabled (unchecked: paused)' })).not.toBeChecked();

    await user.click(within(form).getByRole('checkbox', { name: 'HTTP' }));
    await user.click(within(form).getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByText('Monitors list')).toBeInTheDocument();
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({
      name: 'Office DNS',
      target: 'intranet.example',
      probes: ['dns', 'http'],
      vantage: [{ label: 'office' }, { nodeId: 'n-gone' }],
      schedule: { cron: '0 8 * * 1-5', timeZone: 'Europe/Berlin' },
      activeWindow: { days: ['MONDAY', 'FRIDAY'], from: '08:00', to: '18:00', timeZone: 'Europe/Berlin' },
      udpEchoPort: 2000,
      escalation: { tier2CooldownSeconds: 900, tier3CooldownSeconds: 3600 },
      enabled: false,
    });
  });
});
