import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { PROBE_TYPES, probeTypesRoute } from '@/testing/probe-types';
import { jsonResponse, mockFetch, ORG_ID, problemResponse, renderWithQueryClient } from '@/testing/test-utils';

import type { TestDefinition } from '../api/get-tests';

import { TestsPage } from './tests-page';

const PATH = `/api/v1/orgs/${ORG_ID}/tests`;
const NODES = [{ id: 'n-1', name: 'edge-1' }];

const ECHO: TestDefinition = {
  id: 't-1',
  name: 'Edge echo',
  type: 'udp_echo',
  target: '192.0.2.7:2000',
  params: { count: 50 },
  nodeSelector: { nodeId: 'n-1', region: null, label: null },
  tier: 1,
  createdAt: '2026-11-20T10:00:00Z',
  updatedAt: '2026-11-20T10:00:00Z',
};

function renderPage(role: 'VIEWER' | 'MAINTAINER' | 'ADMIN') {
  return renderWithQueryClient(
    <TestsPage
      orgId={ORG_ID}
      canEdit={role !== 'VIEWER'}
      canDelete={role === 'ADMIN'}
      nodes={NODES}
      runAction={(test) => <button type="button">{`Run ${test.name} now`}</button>}
    />,
  );
}

describe('TestsPage', () => {
  it('shows a VIEWER the tests without create, edit, run or delete controls', async () => {
    mockFetch({ ...probeTypesRoute, [`GET ${PATH}`]: () => jsonResponse([ECHO]) });
    renderPage('VIEWER');

    const row = await screen.findByRole('row', { name: /Edge echo/ });
    // The type's label comes from the API's probe catalogue.
    await waitFor(() => expect(row).toHaveTextContent('UDP echo'));
    expect(row).toHaveTextContent('edge-1');
    expect(row).toHaveTextContent('Tier 1');
    expect(screen.queryByRole('button', { name: 'New test' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Run|Edit|Delete/ })).not.toBeInTheDocument();
  });

  it('gives a MAINTAINER create, run and edit but not delete', async () => {
    mockFetch({ ...probeTypesRoute, [`GET ${PATH}`]: () => jsonResponse([ECHO]) });
    renderPage('MAINTAINER');

    const row = await screen.findByRole('row', { name: /Edge echo/ });
    expect(screen.getByRole('button', { name: 'New test' })).toBeInTheDocument();
    expect(within(row).getByRole('button', { name: 'Run Edge echo now' })).toBeInTheDocument();
    expect(within(row).getByRole('button', { name: 'Edit Edge echo' })).toBeInTheDocument();
    expect(within(row).queryByRole('button', { name: 'Delete Edge echo' })).not.toBeInTheDocument();
  });

  it('points at bad input before sending anything', async () => {
    const fetchMock = mockFetch({ ...probeTypesRoute, [`GET ${PATH}`]: () => jsonResponse([]) });
    const user = userEvent.setup();
    renderPage('MAINTAINER');
    await user.click(await screen.findByRole('button', { name: 'New test' }));

    const form = await screen.findByRole('form', { name: 'Create a test' });
    await user.type(within(form).getByLabelText('Name'), 'Web');
    await user.type(within(form).getByLabelText('Target'), 'example.com');
    await user.type(within(form).getByLabelText('Connections'), '0');
    await user.click(within(form).getByRole('button', { name: 'Create test' }));

    expect(within(form).getByLabelText('Target')).toHaveAccessibleDescription(/must include a port \(host:port\)/);
    expect(within(form).getByLabelText('Connections')).toHaveAccessibleDescription(/must be a whole number from 1 to 1000/);
    expect(within(form).getByLabelText('Target')).toHaveAttribute('aria-invalid', 'true');
    expect(fetchMock.mock.calls.filter(([, init]) => init?.method === 'POST')).toHaveLength(0);
  });

  it('tells a new user that 1000 connections 10 s apart run too long, next to Connections, before sending', async () => {
    const fetchMock = mockFetch({ ...probeTypesRoute, [`GET ${PATH}`]: () => jsonResponse([]) });
    const user = userEvent.setup();
    renderPage('MAINTAINER');
    await user.click(await screen.findByRole('button', { name: 'New test' }));

    const form = await screen.findByRole('form', { name: 'Create a test' });
    await user.type(within(form).getByLabelText('Name'), 'Long connect');
    await user.type(within(form).getByLabelText('Target'), 'example.com:443');
    await user.type(within(form).getByLabelText('Connections'), '1000');
    await user.type(within(form).getByLabelText('Interval (ms)'), '10000');
    await user.selectOptions(within(form).getByLabelText('Node'), 'n-1');
    await user.click(within(form).getByRole('button', { name: 'Create test' }));

    const connections = within(form).getByLabelText('Connections');
    expect(connections).toHaveAttribute('aria-invalid', 'true');
    expect(connections).toHaveAccessibleDescription(/count × intervalMillis must be at most 300 s; it is 10,000 s/);
    expect(within(form).getByLabelText('Interval (ms)')).not.toHaveAttribute('aria-invalid');
    expect(fetchMock.mock.calls.filter(([, init]) => init?.method === 'POST')).toHaveLength(0);
  });

  it('renders each type’s parameters from the catalogue: units, bounds, defaults, choices and switches', async () => {
    mockFetch({ ...probeTypesRoute, [`GET ${PATH}`]: () => jsonResponse([]) });
    const user = userEvent.setup();
    renderPage('MAINTAINER');
    await user.click(await screen.findByRole('button', { name: 'New test' }));

    const form = await screen.findByRole('form', { name: 'Create a test' });
    expect(within(form).getByLabelText('Target')).toHaveAccessibleDescription('host:port, e.g. example.com:443');
    const interval = within(form).getByLabelText('Interval (ms)');
    expect(interval).toHaveAttribute('placeholder', '200');
    expect(interval).toHaveAccessibleDescription('0–10000');

    await user.selectOptions(within(form).getByLabelText('Probe type'), 'throughput');
    expect(within(form).getByLabelText('Target')).toHaveAccessibleDescription('host or host:port of an iperf3 server (5201 by default)');
    const protocol = within(form).getByLabelText('Protocol');
    expect(within(protocol).getAllByRole('option').map((o) => o.textContent)).toEqual(['Default (tcp)', 'tcp', 'udp']);
    expect(within(form).getByLabelText('Duration (s)')).toHaveAttribute('placeholder', '10');
    expect(within(form).getByLabelText('Packet size (bytes)')).not.toHaveAttribute('placeholder');
    expect(within(form).getByRole('checkbox', { name: 'Reverse (node receives)' })).not.toBeChecked();
    expect(within(form).queryByLabelText('Connections')).not.toBeInTheDocument();

    await user.type(within(form).getByLabelText('Name'), 'Both ways');
    await user.type(within(form).getByLabelText('Target'), 'iperf.example.com');
    await user.click(within(form).getByRole('checkbox', { name: 'Reverse (node receives)' }));
    await user.click(within(form).getByRole('checkbox', { name: /^Bidirectional/ }));
    await user.click(within(form).getByRole('button', { name: 'Create test' }));
    expect(within(form).getByRole('checkbox', { name: /^Bidirectional/ })).toHaveAttribute('aria-invalid', 'true');
    expect(within(form).getByText('cannot be combined with reverse')).toBeInTheDocument();
  });

  it('keeps messages that name no field of the form in the alert, from a rule or from the server', async () => {
    const tcp = PROBE_TYPES[0]!;
    const wholeParamsRule = {
      ...tcp,
      params: {
        ...tcp.params,
        'x-rules': [{ kind: 'max-product', fields: ['count', 'intervalMillis'], max: 1000, scale: 1000, field: 'params', message: 'too long: {value} s' }],
      },
    };
    mockFetch({
      'GET /api/v1/probe-types': () => jsonResponse([wholeParamsRule]),
      [`GET ${PATH}`]: () => jsonResponse([]),
      [`POST ${PATH}`]: () =>
        problemResponse(400, {
          type: 'validation',
          title: 'Invalid request',
          errors: [{ field: 'params.retries', message: 'is not a parameter of tcp_connect; allowed: [count, intervalMillis, timeoutMillis]' }],
        }),
    });
    const user = userEvent.setup();
    renderPage('MAINTAINER');
    await user.click(await screen.findByRole('button', { name: 'New test' }));
    const form = await screen.findByRole('form', { name: 'Create a test' });
    await user.type(within(form).getByLabelText('Name'), 'Odd');
    await user.type(within(form).getByLabelText('Target'), 'example.com:443');
    await user.type(within(form).getByLabelText('Connections'), '6');
    await user.click(within(form).getByRole('button', { name: 'Create test' }));
    expect(within(form).getByRole('alert')).toHaveTextContent('Check the highlighted fields. params: too long: 1.2 s');

    await user.clear(within(form).getByLabelText('Connections'));
    await user.type(within(form).getByLabelText('Connections'), '5');
    await user.click(within(form).getByRole('button', { name: 'Create test' }));
    await waitFor(() =>
      expect(within(form).getByRole('alert')).toHaveTextContent(
        'Invalid request. params.retries: is not a parameter of tcp_connect; allowed: [count, intervalMillis, timeoutMillis]',
      ),
    );
  });

  it('says so when the probe catalogue cannot be loaded', async () => {
    mockFetch({
      'GET /api/v1/probe-types': () => problemResponse(403, { type: 'forbidden', title: 'Forbidden' }),
      [`GET ${PATH}`]: () => jsonResponse([]),
    });
    const user = userEvent.setup();
    renderPage('MAINTAINER');
    await user.click(await screen.findByRole('button', { name: 'New test' }));
    expect(await screen.findByText('Could not load the probe types')).toBeInTheDocument();
  });

  it('sends a valid test and shows the server’s field errors next to the fields', async () => {
    const bodies: unknown[] = [];
    mockFetch({
      ...probeTypesRoute,
      [`GET ${PATH}`]: () => jsonResponse([]),
      [`POST ${PATH}`]: ({ body }) => {
        bodies.push(body);
        return problemResponse(400, {
          type: 'validation',
          title: 'Invalid request',
          errors: [
            { field: 'target', message: 'resolves to a link-local address' },
            { field: 'nodeSelector.region', message: 'no node in this region' },
          ],
        });
      },
    });
    const user = userEvent.setup();
    renderPage('MAINTAINER');
    await user.click(await screen.findByRole('button', { name: 'New test' }));

    const form = await screen.findByRole('form', { name: 'Create a test' });
    await user.type(within(form).getByLabelText('Name'), 'Metadata');
    await user.type(within(form).getByLabelText('Target'), 'metadata.internal:80');
    await user.type(within(form).getByLabelText('Connections'), '5');
    await user.selectOptions(within(form).getByLabelText('Node'), 'n-1');
    await user.click(within(form).getByRole('button', { name: 'Create test' }));

    await waitFor(() => expect(within(form).getByLabelText('Target')).toHaveAccessibleDescription(/resolves to a link-local address/));
    expect(within(form).getByLabelText('Node')).toHaveAccessibleDescription(/no node in this region/);
    expect(screen.getByRole('alert')).toHaveTextContent('Invalid request. Check the highlighted fields.');
    expect(bodies).toEqual([
      { name: 'Metadata', type: 'tcp_connect', target: 'metadata.internal:80', params: { count: 5 }, nodeSelector: { nodeId: 'n-1' } },
    ]);
  });
});
