import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';

import {
  jsonResponse,
  mockFetch,
  ORG_ID,
  OTHER_ORG_ID,
  signInAs,
  tokenPair,
  type MockRequest,
} from '@/testing/test-utils';

import { AppProvider } from './provider';
import { routes } from './router';

const ME = {
  kind: 'user',
  userId: 'user-1',
  name: 'Ada Admin',
  email: 'ada@example.com',
  operator: false,
  memberships: [{ orgId: ORG_ID, orgName: 'Acme', orgSlug: 'acme', role: 'ADMIN' }],
};

type Handlers = Record<string, (request: MockRequest) => Response | Promise<Response>>;

function renderAt(path: string, handlers: Handlers = {}) {
  const fetchMock = mockFetch({
    '/actuator/health': () =>
      jsonResponse({ status: 'UP', components: { db: { status: 'UP' }, diskSpace: { status: 'UP' } } }),
    '/actuator/info': () => jsonResponse({ build: { version: '0.1.0', time: '2026-11-22T00:00:00Z' } }),
    '/api/v1/me': () => jsonResponse(ME),
    ...handlers,
  });
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  render(
    <AppProvider>
      <RouterProvider router={router} />
    </AppProvider>,
  );
  return { router, fetchMock };
}

describe('router', () => {
  it('renders the overview with live system status at /', async () => {
    signInAs(['VIEWER']);
    renderAt('/');

    expect(screen.getByRole('heading', { level: 1, name: 'Overview' })).toBeInTheDocument();
    const panel = screen.getByRole('region', { name: 'Platform status' });
    expect(await within(panel).findByText('All systems operational')).toBeInTheDocument();
    expect(await within(panel).findByRole('row', { name: 'Database Up' })).toBeInTheDocument();
    expect(within(panel).getByText('0.1.0')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Overview' })).toHaveAttribute('aria-current', 'page');
  });

  it('renders NotFound inside the app shell for an unknown path', async () => {
    signInAs(['VIEWER']);
    renderAt('/no/such/page');

    expect(screen.getByRole('heading', { level: 1, name: 'Page not found' })).toBeInTheDocument();
    expect(screen.getByRole('main')).toHaveTextContent('There is no page at /no/such/page.');
    expect(screen.getByRole('link', { name: 'Go to the overview' })).toHaveAttribute('href', '/');
    expect(screen.queryByRole('heading', { name: 'Overview' })).not.toBeInTheDocument();
    // The shell stays: navigation, and the footer with the API's build version.
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeInTheDocument();
    expect(await within(screen.getByRole('contentinfo')).findByText('Version 0.1.0')).toBeInTheDocument();
  });

  it('names the page in the document title', async () => {
    signInAs(['VIEWER']);
    renderAt('/missing');

    await screen.findByRole('heading', { name: 'Page not found' });
    expect(document.title).toBe('Page not found · WaddlePerf');
  });
});

describe('protected routes', () => {
  it('send a signed-out visitor to sign-in and back to the page afterwards', async () => {
    const { router } = renderAt('/members?tab=1', {
      'POST /api/v1/auth/login': () => jsonResponse(tokenPair({ roles: ['ADMIN'] })),
      [`/api/v1/orgs/${ORG_ID}/members`]: () => jsonResponse([]),
    });

    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/sign-in');
    expect(router.state.location.search).toBe(`?next=${encodeURIComponent('/members?tab=1')}`);

    const user = userEvent.setup();
    await user.type(screen.getByLabelText('E-mail'), 'ada@example.com');
    await user.type(screen.getByLabelText('Password'), 'correct horse');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Members' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/members');
    expect(router.state.location.search).toBe('?tab=1');
  });

  it('show a VIEWER no administration links, and explain when one is typed in', async () => {
    signInAs(['VIEWER']);
    renderAt('/members');

    expect(await screen.findByRole('heading', { name: 'Not allowed' })).toBeInTheDocument();
    expect(screen.getByText('This page needs the Admin role in this organisation; you are a Viewer.')).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    for (const name of ['Members', 'API keys', 'Single sign-on', 'Audit log']) {
      expect(within(nav).queryByRole('link', { name })).not.toBeInTheDocument();
    }
    expect(within(nav).getByRole('link', { name: 'Overview' })).toBeInTheDocument();
    // Viewers read the monitors, so the link is theirs too.
    expect(within(nav).getByRole('link', { name: 'Monitors' })).toHaveAttribute('href', '/monitors');
    expect(within(nav).getByRole('link', { name: 'Live board' })).toHaveAttribute('href', '/board');
  });

  it('show an ADMIN the administration links', async () => {
    signInAs(['ADMIN']);
    renderAt('/');

    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Members' })).toHaveAttribute('href', '/members');
    expect(within(nav).getByRole('link', { name: 'API keys' })).toHaveAttribute('href', '/api-keys');
    expect(within(nav).getByRole('link', { name: 'Single sign-on' })).toHaveAttribute('href', '/sso');
    expect(within(nav).getByRole('link', { name: 'Audit log' })).toHaveAttribute('href', '/audit');
    await screen.findByText('Ada Admin');
  });
});

describe('monitoring routes', () => {
  const MONITORS = `/api/v1/orgs/${ORG_ID}/monitors`;

  it('show a VIEWER the live board from the navigation', async () => {
    signInAs(['VIEWER']);
    renderAt('/board', {
      [`GET ${MONITORS}/board`]: () => jsonResponse({ window: 10, rows: [] }),
      [`GET ${MONITORS}/board/events`]: () => new Response(new ReadableStream(), { status: 200, headers: { 'Content-Type': 'text/event-stream' } }),
    });

    expect(await screen.findByRole('heading', { level: 1, name: 'Live board' })).toBeInTheDocument();
    expect(await screen.findByText('No rounds yet')).toBeInTheDocument();
    expect(within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', { name: 'Live board' })).toHaveAttribute('aria-current', 'page');
  });

  it('open a monitor’s trend page at /monitors/:monitorId', async () => {
    signInAs(['VIEWER']);
    renderAt('/monitors/m-1', {
      [`/api/v1/orgs/${ORG_ID}/nodes`]: () => jsonResponse([]),
      [`GET ${MONITORS}/m-1`]: () =>
        jsonResponse({
          id: 'm-1',
          name: 'Edge',
          target: '10.0.0.1',
          probes: ['dns'],
          vantage: [{ nodeId: null, region: 'eu', label: null }],
          schedule: { intervalSeconds: 300, cron: null, timeZone: 'UTC' },
          activeWindow: null,
          udpEchoPort: 2000,
          iperfPort: null,
          escalation: { tier2CooldownSeconds: 900, tier3CooldownSeconds: 3600 },
          enabled: true,
          createdAt: '2026-12-01T10:00:00Z',
          updatedAt: '2026-12-01T10:00:00Z',
          nextDueAt: null,
          lastRoundAt: null,
        }),
      [`GET ${MONITORS}/m-1/series`]: () =>
        jsonResponse({ monitorId: 'm-1', metric: 'dns.dns_ms', unit: 'ms', from: '2026-12-06T07:00:00Z', to: '2026-12-07T07:00:00Z', step: 300, series: [], escalations: [] }),
    });

    expect(await screen.findByRole('heading', { level: 1, name: 'Edge' })).toBeInTheDocument();
    expect(await screen.findByText('No data yet')).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Metric' })).toHaveValue('dns.dns_ms');
  });
});

describe('header', () => {
  it('shows the signed-in user with the role, and signs out', async () => {
    signInAs(['ADMIN']);
    const revoked: unknown[] = [];
    const { router } = renderAt('/', {
      'POST /api/v1/auth/logout': ({ body }) => {
        revoked.push(body);
        return new Response(null, { status: 204 });
      },
    });
    const header = screen.getByRole('banner');

    expect(await within(header).findByText('Ada Admin')).toBeInTheDocument();
    expect(within(header).getByText('Admin')).toBeInTheDocument();
    expect(within(header).getByText('Acme')).toBeInTheDocument();

    await userEvent.setup().click(within(header).getByRole('button', { name: 'Sign out' }));

    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    expect(screen.getByText('You have signed out.')).toBeInTheDocument();
    expect(router.state.location.search).toBe('');
    await waitFor(() => expect(revoked).toEqual([{ refreshToken: 'refresh-1' }]));
    expect(sessionStorage.getItem('waddleperf.refreshToken')).toBeNull();
  });

  it('switches organisation through a refresh with the chosen orgId', async () => {
    signInAs(['ADMIN']);
    const refreshBodies: unknown[] = [];
    renderAt('/', {
      '/api/v1/me': () =>
        jsonResponse({
          ...ME,
          memberships: [
            { orgId: ORG_ID, orgName: 'Acme', orgSlug: 'acme', role: 'ADMIN' },
            { orgId: OTHER_ORG_ID, orgName: 'Globex', orgSlug: 'globex', role: 'VIEWER' },
          ],
        }),
      'POST /api/v1/auth/refresh': ({ body }) => {
        refreshBodies.push(body);
        return jsonResponse(tokenPair({ accessToken: 'access-2', refreshToken: 'refresh-2', orgId: OTHER_ORG_ID, roles: ['VIEWER'] }));
      },
    });
    const switcher = await screen.findByRole('combobox', { name: 'Organisation' });
    expect(switcher).toHaveValue(ORG_ID);
    expect(within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', { name: 'Members' })).toBeInTheDocument();

    await userEvent.setup().selectOptions(switcher, 'Globex (Viewer)');

    await waitFor(() => expect(switcher).toHaveValue(OTHER_ORG_ID));
    expect(refreshBodies).toEqual([{ refreshToken: 'refresh-1', orgId: OTHER_ORG_ID }]);
    expect(within(screen.getByRole('banner')).getByText('Viewer')).toBeInTheDocument();
    expect(within(screen.getByRole('navigation', { name: 'Main' })).queryByRole('link', { name: 'Members' })).not.toBeInTheDocument();
  });
});
