import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { jsonResponse, mockFetch, ORG_ID, problemResponse, renderWithQueryClient, type MockRequest } from '@/testing/test-utils';

import type { Monitor } from '../api/monitors';

import { MonitorsPage } from './monitors-page';

const PATH = `/api/v1/orgs/${ORG_ID}/monitors`;
const NODES = [
  { id: 'n-1', name: 'edge-1' },
  { id: 'n-2', name: 'edge-2' },
];

const EDGE: Monitor = {
  id: 'm-1',
  name: 'Edge HTTPS',
  target: 'example.com',
  probes: ['tcp_connect', 'http'],
  vantage: [
    { nodeId: 'n-1', region: null, label: null },
    { nodeId: null, region: 'eu-west', label: null },
  ],
  schedule: { intervalSeconds: 300, cron: null, timeZone: 'UTC' },
  activeWindow: null,
  udpEchoPort: 2000,
  iperfPort: null,
  escalation: { tier2CooldownSeconds: 900, tier3CooldownSeconds: 3600 },
  enabled: true,
  createdAt: '2026-12-01T10:00:00Z',
  updatedAt: '2026-12-01T10:00:00Z',
  nextDueAt: new Date(Date.now() + 4 * 60_000).toISOString(),
  lastRoundAt: null,
};

const NIGHTLY: Monitor = {
  ...EDGE,
  id: 'm-2',
  name: 'Office DNS',
  target: 'intranet.example',
  probes: ['dns'],
  vantage: [{ nodeId: null, region: null, label: 'office' }],
  schedule: { intervalSeconds: null, cron: '0 8 * * 1-5', timeZone: 'Europe/Berlin' },
  activeWindow: { days: ['MONDAY', 'FRIDAY'], from: '08:00', to: '18:00', timeZone: 'Europe/Berlin' },
  enabled: false,
  nextDueAt: null,
  lastRoundAt: '2026-12-05T07:00:00Z',
};

function renderPage(role: 'VIEWER' | 'MAINTAINER' | 'ADMIN') {
  return renderWithQueryClient(
    <MonitorsPage orgId={ORG_ID} canEdit={role !== 'VIEWER'} canDelete={role === 'ADMIN'} nodes={NODES} selectableNodes={NODES} />,
  );
}

function posts(fetchMock: ReturnType<typeof mockFetch>, method = 'POST') {
  return fetchMock.mock.calls.filter(([, init]) => init?.method === method);
}

async function openCreateForm() {
  const user = userEvent.setup();
  await user.click(await screen.findByRole('button', { name: 'Create monitor' }));
  const form = screen.getByRole('form', { name: 'Create a monitor' });
  return { user, form };
}

describe('MonitorsPage', () => {
  it('shows a VIEWER the monitors readably, without create, edit, pause or delete controls', async () => {
    mockFetch({ [`GET ${PATH}`]: () => jsonResponse([EDGE, NIGHTLY]) });
    renderPage('VIEWER');

    const edge = await screen.findByRole('row', { name: /Edge HTTPS/ });
    expect(within(edge).getByRole('link', { name: 'Edge HTTPS' })).toHaveAttribute('href', '/monitors/m-1');
    expect(edge).toHaveTextContent('TCP connect, HTTP');
    expect(edge).toHaveTextContent('edge-1, region eu-west');
    expect(edge).toHaveTextContent('every 5 min');
    expect(edge).toHaveTextContent('Enabled');
    expect(edge).toHaveTextContent(/in 4 minutes/);
    expect(edge).toHaveTextContent('never');

    const office = screen.getByRole('row', { name: /Office DNS/ });
    expect(office).toHaveTextContent('label office');
    expect(office).toHaveTextContent('cron 0 8 * * 1-5 (Europe/Berlin)');
    expect(office).toHaveTextContent('Mon, Fri 08:00–18:00 (Europe/Berlin)');
    expect(office).toHaveTextContent('Paused');

    expect(screen.queryByRole('button', { name: 'Create monitor' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Pause|Resume|Edit|Delete/ })).not.toBeInTheDocument();
  });

  it('says so when there are no monitors yet', async () => {
    mockFetch({ [`GET ${PATH}`]: () => jsonResponse([]) });
    renderPage('VIEWER');
    expect(await screen.findByText('No monitors yet')).toBeInTheDocument();
  });

  it('gives a MAINTAINER create, pause, resume and edit but not delete; an ADMIN also delete', async () => {
    mockFetch({ [`GET ${PATH}`]: () => jsonResponse([EDGE, NIGHTLY]) });
    const { unmount } = renderPage('MAINTAINER');

    const edge = await screen.findByRole('row', { name: /Edge HTTPS/ });
    expect(screen.getByRole('button', { name: 'Create monitor' })).toBeInTheDocument();
    expect(within(edge).getByRole('button', { name: 'Pause Edge HTTPS' })).toBeInTheDocument();
    expect(within(edge).getByRole('button', { name: 'Edit Edge HTTPS' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Resume Office DNS' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Delete/ })).not.toBeInTheDocument();
    unmount();

    renderPage('ADMIN');
    expect(await screen.findByRole('button', { name: 'Delete Edge HTTPS' })).toBeInTheDocument();
  });

  it('deletes after the ADMIN confirms', async () => {
    const fetchMock = mockFetch({
      [`GET ${PATH}`]: () => jsonResponse([EDGE]),
      [`DELETE ${PATH}/m-1`]: () => new Response(null, { status: 204 }),
    });
    const user = userEvent.setup();
    renderPage('ADMIN');
    await user.click(await screen.findByRole('button', { name: 'Delete Edge HTTPS' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete monitor?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(posts(fetchMock, 'DELETE')).toHaveLength(1));
  });

  it('pauses with enabled false and every other field kept', async () => {
    const sent: unknown[] = [];
    mockFetch({
      [`GET ${PATH}`]: () => jsonResponse([{ ...EDGE, activeWindow: NIGHTLY.activeWindow }, NIGHTLY]),
      [`PUT ${PATH}/m-1`]: (request: MockRequest) => {
        sent.push(request.body);
        return jsonResponse({ ...EDGE, enabled: false, nextDueAt: null });
      },
    });
    const user = userEvent.setup();
    renderPage('MAINTAINER');
    await user.click(await screen.findByRole('button', { name: 'Pause Edge HTTPS' }));

    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({
      name: 'Edge HTTPS',
      target: 'example.com',
      probes: ['tcp_connect', 'http'],
      vantage: [{ nodeId: 'n-1' }, { region: 'eu-west' }],
      schedule: { intervalSeconds: 300 },
      activeWindow: { days: ['MONDAY', 'FRIDAY'], from: '08:00', to: '18:00', timeZone: 'Europe/Berlin' },
      udpEchoPort: 2000,
      // Kept, not reset to the defaults: the cooldowns the form does not show.
      escalation: { tier2CooldownSeconds: 900, tier3CooldownSeconds: 3600 },
      enabled: false,
    });
  });

  it('resumes a cron monitor with its expression and zone', async () => {
    const sent: unknown[] = [];
    mockFetch({
      [`GET ${PATH}`]: () => jsonResponse([NIGHTLY]),
      [`PUT ${PATH}/m-2`]: (request: MockRequest) => {
        sent.push(request.body);
        return jsonResponse({ ...NIGHTLY, enabled: true });
      },
    });
    const user = userEvent.setup();
    renderPage('MAINTAINER');
    await user.click(await screen.findByRole('button', { name: 'Resume Office DNS' }));

    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toMatchObject({ schedule: { cron: '0 8 * * 1-5', timeZone: 'Europe/Berlin' }, vantage: [{ label: 'office' }], enabled: true });
  });

  it('creates a monitor with the chosen probes, vantage points and interval', async () => {
    const sent: unknown[] = [];
    mockFetch({
      [`GET ${PATH}`]: () => jsonResponse([]),
      [`POST ${PATH}`]: (request: MockRequest) => {
        sent.push(request.body);
        return jsonResponse({ ...EDGE, name: 'Web' }, { status: 201 });
      },
    });
    renderPage('MAINTAINER');
    const { user, form } = await openCreateForm();

    // All of tier 1 by default, 300 s, the first node.
    for (const probe of ['TCP connect', 'DNS', 'HTTP', 'UDP echo']) {
      expect(within(form).getByRole('checkbox', { name: probe })).toBeChecked();
    }
    expect(within(form).getByLabelText('Interval (seconds)')).toHaveValue('300');
    expect(within(form).getByLabelText('Interval (seconds)')).toHaveAccessibleDescription('30 s – 24 h');

    await user.type(within(form).getByLabelText('Name'), 'Web');
    await user.type(within(form).getByLabelText('Target'), 'https://example.com');
    await user.click(within(form).getByRole('checkbox', { name: 'DNS' }));
    await user.click(within(form).getByRole('checkbox', { name: 'UDP echo' }));
    await user.selectOptions(within(form).getByLabelText('Node 1'), 'n-2');
    await user.click(within(form).getByRole('button', { name: 'Add vantage point' }));
    await user.selectOptions(within(form).getByLabelText('Vantage point 2'), 'region');
    await user.type(within(form).getByLabelText('Region 2'), 'eu-west');
    await user.clear(within(form).getByLabelText('Interval (seconds)'));
    await user.type(within(form).getByLabelText('Interval (seconds)'), '600');
    await user.click(within(form).getByRole('button', { name: 'Create monitor' }));

    expect(await screen.findByText('Monitor “Web” saved.')).toBeInTheDocument();
    expect(sent).toEqual([
      {
        name: 'Web',
        target: 'https://example.com',
        probes: ['tcp_connect', 'http'],
        vantage: [{ nodeId: 'n-2' }, { region: 'eu-west' }],
        schedule: { intervalSeconds: 600 },
        enabled: true,
      },
    ]);
  });

  it('sends a cron schedule with its zone, an active window and the UDP echo port', async () => {
    const sent: unknown[] = [];
    mockFetch({
      [`GET ${PATH}`]: () => jsonResponse([]),
      [`POST ${PATH}`]: (request: MockRequest) => {
        sent.push(request.body);
        return jsonResponse(EDGE, { status: 201 });
      },
    });
    renderPage('MAINTAINER');
    const { user, form } = await openCreateForm();

    await user.type(within(form).getByLabelText('Name'), 'Nightly');
    await user.type(within(form).getByLabelText('Target'), 'example.com');
    await user.click(within(form).getByRole('radio', { name: 'On a cron schedule' }));
    await user.type(within(form).getByLabelText('Cron expression'), '*/5 * * * *');
    await user.clear(within(form).getByLabelText('Cron time zone'));
    await user.type(within(form).getByLabelText('Cron time zone'), 'Europe/Berlin');
    await user.click(within(form).getByRole('checkbox', { name: 'Only run rounds in an active window' }));
    await user.click(within(form).getByRole('checkbox', { name: 'Friday' }));
    await user.click(within(form).getByRole('checkbox', { name: 'Saturday' }));
    await user.clear(within(form).getByLabelText('Window time zone'));
    await user.type(within(form).getByLabelText('Window time zone'), 'UTC');
    await user.type(within(form).getByLabelText('UDP echo port'), '7');
    await user.click(within(form).getByRole('checkbox', { name: 'Enabled (unchecked: paused)' }));
    await user.click(within(form).getByRole('button', { name: 'Create monitor' }));

    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({
      name: 'Nightly',
      target: 'example.com',
      probes: ['tcp_connect', 'dns', 'http', 'udp_echo'],
      vantage: [{ nodeId: 'n-1' }],
      schedule: { cron: '*/5 * * * *', timeZone: 'Europe/Berlin' },
      activeWindow: { days: ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'SATURDAY'], from: '08:00', to: '18:00', timeZone: 'UTC' },
      udpEchoPort: 7,
      enabled: false,
    });
  });

  it('refuses an interval of 10 s, no probe and a bad window time before sending anything', async () => {
    const fetchMock = mockFetch({ [`GET ${PATH}`]: () => jsonResponse([]) });
    renderPage('MAINTAINER');
    const { user, form } = await openCreateForm();

    await user.type(within(form).getByLabelText('Name'), 'Fast');
    await user.type(within(form).getByLabelText('Target'), 'example.com');
    for (const probe of ['TCP connect', 'DNS', 'HTTP', 'UDP echo']) {
      await user.click(within(form).getByRole('checkbox', { name: probe }));
    }
    await user.click(within(form).getByRole('button', { name: 'Remove vantage point 1' }));
    await user.clear(within(form).getByLabelText('Interval (seconds)'));
    await user.type(within(form).getByLabelText('Interval (seconds)'), '10');
    await user.click(within(form).getByRole('checkbox', { name: 'Only run rounds in an active window' }));
    await user.clear(within(form).getByLabelText('From (HH:mm)'));
    await user.type(within(form).getByLabelText('From (HH:mm)'), '8 am');
    await user.click(within(form).getByRole('button', { name: 'Create monitor' }));

    const interval = within(form).getByLabelText('Interval (seconds)');
    expect(interval).toHaveAttribute('aria-invalid', 'true');
    expect(interval).toHaveAccessibleDescription(/must be 30-86400 seconds \(30 s to 24 h\)/);
    expect(within(form).getByRole('group', { name: 'Probes (tier 1)' })).toHaveAccessibleDescription('choose at least one probe');
    expect(within(form).getByRole('group', { name: /Vantage points/ })).toHaveAccessibleDescription('add at least one vantage point');
    expect(within(form).getByLabelText('From (HH:mm)')).toHaveAccessibleDescription('must be a time HH:mm (00:00-23:59)');
    expect(within(form).getByRole('alert')).toHaveTextContent('Check the highlighted fields.');
    expect(posts(fetchMock)).toHaveLength(0);
  });

  it('shows the API’s field errors next to the matching fields and the rest in the summary', async () => {
    mockFetch({
      [`GET ${PATH}`]: () => jsonResponse([]),
      [`POST ${PATH}`]: () =>
        problemResponse(400, {
          type: 'validation',
          title: 'The request is not valid',
          errors: [
            { field: 'vantage[0].nodeId', message: 'is not a node of this organisation' },
            { field: 'schedule.intervalSeconds', message: 'must be 30-86400 seconds (30 s to 24 h)' },
            { field: 'activeWindow.days[0]', message: 'must be a day: MONDAY … SUNDAY' },
            { field: 'activeWindow.timeZone', message: 'is not a time zone (an IANA name such as Europe/Berlin)' },
            { field: 'target', message: 'must be a host, host:port or http(s) URL' },
            { field: 'somethingNew', message: 'is not understood' },
          ],
        }),
    });
    renderPage('MAINTAINER');
    const { user, form } = await openCreateForm();

    await user.type(within(form).getByLabelText('Name'), 'Web');
    await user.type(within(form).getByLabelText('Target'), 'exa mple');
    await user.click(within(form).getByRole('checkbox', { name: 'Only run rounds in an active window' }));
    await user.click(within(form).getByRole('button', { name: 'Create monitor' }));

    await waitFor(() => expect(within(form).getByLabelText('Node 1')).toHaveAccessibleDescription('is not a node of this organisation'));
    expect(within(form).getByLabelText('Interval (seconds)')).toHaveAccessibleDescription(
      '30 s – 24 h must be 30-86400 seconds (30 s to 24 h)',
    );
    expect(within(form).getByRole('group', { name: 'Days' })).toHaveAccessibleDescription('must be a day: MONDAY … SUNDAY');
    expect(within(form).getByLabelText('Window time zone')).toHaveAccessibleDescription(
      /is not a time zone \(an IANA name such as Europe\/Berlin\)/,
    );
    expect(within(form).getByLabelText('Target')).toHaveAccessibleDescription('must be a host, host:port or http(s) URL');
    const alert = within(form).getByRole('alert');
    expect(alert).toHaveTextContent('somethingNew: is not understood');
    expect(alert).not.toHaveTextContent('is not a node of this organisation');
  });

  it('says the licence lacks AutoPerf when the API answers 402 to a create', async () => {
    mockFetch({
      [`GET ${PATH}`]: () => jsonResponse([]),
      [`POST ${PATH}`]: () => problemResponse(402, { type: 'license-required', title: 'Not licensed', detail: 'The license does not include autoperf' }),
    });
    renderPage('MAINTAINER');
    const { user, form } = await openCreateForm();
    await user.type(within(form).getByLabelText('Name'), 'Web');
    await user.type(within(form).getByLabelText('Target'), 'example.com');
    await user.click(within(form).getByRole('button', { name: 'Create monitor' }));

    expect(await within(form).findByText('AutoPerf monitors are not part of this licence.')).toBeInTheDocument();
    expect(within(form).queryByRole('alert')).not.toBeInTheDocument();
  });

  it('shows the licence note instead of an error when the list answers 402', async () => {
    mockFetch({
      [`GET ${PATH}`]: () => problemResponse(402, { type: 'license-required', title: 'Not licensed', detail: 'The license does not include autoperf' }),
    });
    renderPage('ADMIN');

    expect(await screen.findByText('AutoPerf monitors are not part of this licence.')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Create monitor' })).not.toBeInTheDocument();
  });
});
