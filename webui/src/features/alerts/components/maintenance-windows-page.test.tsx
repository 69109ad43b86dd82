import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { jsonResponse, mockFetch, ORG_ID, problemResponse, renderWithQueryClient, type MockRequest } from '@/testing/test-utils';

import type { MaintenanceWindow } from '../api/maintenance-windows';

import { MaintenanceWindowsPage } from './maintenance-windows-page';

const PATH = `/api/v1/orgs/${ORG_ID}/maintenance-windows`;

const ONE_OFF: MaintenanceWindow = {
  id: 'w-1',
  name: 'Core switch swap',
  scope: { monitorId: 'm-1', label: null },
  startsAt: '2026-12-08T22:00:00Z',
  endsAt: '2026-12-09T02:00:00Z',
  cron: null,
  durationSeconds: null,
  timeZone: null,
  activeNow: true,
  createdAt: '2026-12-07T10:00:00Z',
  updatedAt: '2026-12-07T10:00:00Z',
};

const WEEKLY: MaintenanceWindow = {
  ...ONE_OFF,
  id: 'w-2',
  name: 'Sunday upgrades',
  scope: { monitorId: null, label: 'edge' },
  startsAt: null,
  endsAt: null,
  cron: '0 2 * * SUN',
  durationSeconds: 7200,
  timeZone: 'Europe/Berlin',
  activeNow: false,
};

const MONITORS = new Map([['m-1', 'Edge HTTPS']]);

describe('MaintenanceWindowsPage', () => {
  it('lists windows with what they cover and when, shows the active ones; a VIEWER only reads', async () => {
    mockFetch({ [`GET ${PATH}`]: () => jsonResponse([ONE_OFF, WEEKLY, { ...WEEKLY, id: 'w-3', name: 'Everything', scope: { monitorId: null, label: null } }]) });
    renderWithQueryClient(<MaintenanceWindowsPage orgId={ORG_ID} canEdit={false} canDelete={false} monitorNames={MONITORS} />);

    const swap = (await screen.findByRole('rowheader', { name: 'Core switch swap' })).closest('tr')!;
    expect(swap).toHaveTextContent('monitor Edge HTTPS');
    expect(swap).toHaveTextContent('Active now');
    const weekly = screen.getByRole('rowheader', { name: 'Sunday upgrades' }).closest('tr')!;
    expect(weekly).toHaveTextContent('label edge');
    expect(weekly).toHaveTextContent('cron “0 2 * * SUN” for 2 h (Europe/Berlin)');
    expect(weekly).toHaveTextContent('Not active');
    expect(screen.getByRole('rowheader', { name: 'Everything' }).closest('tr')).toHaveTextContent('the whole organisation');
    expect(screen.getByRole('status')).toHaveTextContent('Active now: Core switch swap (monitor Edge HTTPS)');
    expect(screen.queryByRole('button', { name: 'Create window' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Delete/ })).not.toBeInTheDocument();
  });

  it('creates a one-off window: an end before the start is refused before sending, then instants are sent', async () => {
    const sent: unknown[] = [];
    mockFetch({
      [`GET ${PATH}`]: () => jsonResponse(sent.length > 0 ? [ONE_OFF] : []),
      [`POST ${PATH}`]: (request: MockRequest) => {
        sent.push(request.body);
        return jsonResponse(ONE_OFF, { status: 201 });
      },
    });
    const user = userEvent.setup();
    renderWithQueryClient(<MaintenanceWindowsPage orgId={ORG_ID} canEdit canDelete={false} monitorNames={MONITORS} />);
    await user.click(await screen.findByRole('button', { name: 'Create window' }));
    const form = screen.getByRole('form', { name: 'Create a maintenance window' });
    await user.type(within(form).getByLabelText('Name'), 'Core switch swap');
    await user.selectOptions(within(form).getByLabelText('Covers'), 'monitor');
    await user.selectOptions(within(form).getByLabelText('Monitor'), 'm-1');
    await user.type(within(form).getByLabelText('Starts'), '2026-12-08T23:00');
    await user.type(within(form).getByLabelText('Ends'), '2026-12-08T22:00');
    await user.click(within(form).getByRole('button', { name: 'Create window' }));
    expect(await within(form).findByText('must be after the start')).toBeInTheDocument();
    expect(sent).toHaveLength(0);

    await user.clear(within(form).getByLabelText('Ends'));
    await user.type(within(form).getByLabelText('Ends'), '2026-12-09T03:00');
    await user.click(within(form).getByRole('button', { name: 'Create window' }));

    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({
      name: 'Core switch swap',
      scope: { monitorId: 'm-1' },
      // Typed in the browser's time, sent as instants.
      startsAt: new Date('2026-12-08T23:00').toISOString(),
      endsAt: new Date('2026-12-09T03:00').toISOString(),
    });
    expect(await screen.findByText('Window “Core switch swap” saved.')).toBeInTheDocument();
    expect(await screen.findByRole('rowheader', { name: 'Core switch swap' })).toBeInTheDocument();
  });

  it('creates a recurring window in a time zone and shows the API’s field errors', async () => {
    const sent: unknown[] = [];
    mockFetch({
      [`GET ${PATH}`]: () => jsonResponse([]),
      [`POST ${PATH}`]: (request: MockRequest) => {
        sent.push(request.body);
        return problemResponse(400, {
          type: 'validation',
          title: 'Invalid request',
          errors: [{ field: 'cron', message: 'is not a cron expression: every sunday' }],
        });
      },
    });
    const user = userEvent.setup();
    renderWithQueryClient(<MaintenanceWindowsPage orgId={ORG_ID} canEdit canDelete={false} monitorNames={MONITORS} />);
    await user.click(await screen.findByRole('button', { name: 'Create window' }));
    const form = screen.getByRole('form', { name: 'Create a maintenance window' });
    await user.type(within(form).getByLabelText('Name'), 'Sunday upgrades');
    await user.selectOptions(within(form).getByLabelText('Covers'), 'label');
    await user.type(within(form).getByLabelText('Label'), 'edge');
    await user.selectOptions(within(form).getByLabelText('Schedule'), 'cron');
    await user.clear(within(form).getByLabelText('Cron'));
    await user.type(within(form).getByLabelText('Cron'), 'every sunday');
    await user.clear(within(form).getByLabelText('Duration (minutes)'));
    await user.type(within(form).getByLabelText('Duration (minutes)'), '0');
    await user.clear(within(form).getByLabelText('Time zone'));
    await user.type(within(form).getByLabelText('Time zone'), 'Europe/Berlin');
    await user.click(within(form).getByRole('button', { name: 'Create window' }));
    expect(await within(form).findByText(/must be 1-10080 minutes/)).toBeInTheDocument();
    expect(sent).toHaveLength(0);

    await user.clear(within(form).getByLabelText('Duration (minutes)'));
    await user.type(within(form).getByLabelText('Duration (minutes)'), '120');
    await user.click(within(form).getByRole('button', { name: 'Create window' }));

    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({
      name: 'Sunday upgrades',
      scope: { label: 'edge' },
      cron: 'every sunday',
      durationSeconds: 7200,
      timeZone: 'Europe/Berlin',
    });
    expect(await within(form).findByText('is not a cron expression: every sunday')).toBeInTheDocument();
  });

  it('deletes after the ADMIN confirms', async () => {
    let deleted = false;
    mockFetch({
      [`GET ${PATH}`]: () => jsonResponse(deleted ? [] : [WEEKLY]),
      [`DELETE ${PATH}/w-2`]: () => {
        deleted = true;
        return new Response(null, { status: 204 });
      },
    });
    const user = userEvent.setup();
    renderWithQueryClient(<MaintenanceWindowsPage orgId={ORG_ID} canEdit canDelete monitorNames={MONITORS} />);
    await user.click(await screen.findByRole('button', { name: 'Delete Sunday upgrades' }));
    await user.click(within(screen.getByRole('dialog', { name: 'Delete maintenance window?' })).getByRole('button', { name: 'Delete' }));
    expect(await screen.findByText('No maintenance windows')).toBeInTheDocument();
  });
});
