import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { jsonResponse, mockFetch, ORG_ID, problemResponse, renderWithQueryClient } from '@/testing/test-utils';

import type { Channel } from '../api/channels';

import { ChannelsPage } from './channels-page';

const PATH = `/api/v1/orgs/${ORG_ID}/notification-channels`;

const SLACK: Channel = {
  id: 'c-slack',
  name: 'Ops Slack',
  type: 'slack',
  severities: ['WARNING', 'CRITICAL'],
  target: 'https://hooks.slack.com',
  recipients: [],
  healthy: true,
  consecutiveFailures: 0,
  failingSince: null,
  lastError: null,
  lastAttemptAt: null,
  lastDeliveredAt: null,
  createdAt: '2026-12-01T09:00:00Z',
  updatedAt: '2026-12-01T09:00:00Z',
  signingSecret: null,
};
const FAILING: Channel = {
  ...SLACK,
  id: 'c-hook',
  name: 'Pager bridge',
  type: 'webhook',
  target: 'https://pager.example.com',
  healthy: false,
  consecutiveFailures: 6,
  failingSince: '2026-12-07T08:00:00Z',
  lastError: 'HTTP 503: down',
};

describe('ChannelsPage', () => {
  it('lists channels with where they send and their health, never a URL path', async () => {
    mockFetch({ [`GET ${PATH}`]: () => jsonResponse([SLACK, FAILING]) });
    renderWithQueryClient(<ChannelsPage orgId={ORG_ID} />);

    const slack = await screen.findByRole('row', { name: /Ops Slack/ });
    expect(slack).toHaveTextContent('Slack');
    expect(slack).toHaveTextContent('https://hooks.slack.com');
    expect(slack).toHaveTextContent('WARNING, CRITICAL');
    expect(slack).toHaveTextContent('Healthy');
    const failing = screen.getByRole('row', { name: /Pager bridge/ });
    expect(failing).toHaveTextContent('Failing since');
    expect(failing).toHaveTextContent('HTTP 503: down');
  });

  it('shows a new webhook’s signing secret once', async () => {
    const channels: Channel[] = [];
    const bodies: unknown[] = [];
    const created: Channel = { ...SLACK, id: 'c-new', name: 'Receiver', type: 'webhook', target: 'https://r.example.com' };
    mockFetch({
      [`GET ${PATH}`]: () => jsonResponse(channels),
      [`POST ${PATH}`]: ({ body }) => {
        bodies.push(body);
        channels.push(created);
        return jsonResponse({ ...created, signingSecret: 'whsec_c2VjcmV0LXZhbHVl' }, { status: 201 });
      },
    });
    const user = userEvent.setup();
    renderWithQueryClient(<ChannelsPage orgId={ORG_ID} />);
    await screen.findByText('No channels yet');

    const form = screen.getByRole('form', { name: 'Create a notification channel' });
    await user.type(within(form).getByLabelText('Name'), 'Receiver');
    await user.selectOptions(within(form).getByLabelText('Type'), 'webhook');
    await user.type(within(form).getByLabelText('URL'), 'https://r.example.com/hook');
    await user.click(within(form).getByRole('checkbox', { name: 'Info' }));
    await user.click(within(form).getByRole('button', { name: 'Create channel' }));

    const secret = await screen.findByRole('region', { name: 'Channel “Receiver” created' });
    expect(within(secret).getByLabelText('Signing secret')).toHaveValue('whsec_c2VjcmV0LXZhbHVl');
    expect(bodies).toEqual([
      { name: 'Receiver', type: 'webhook', severities: ['INFO', 'WARNING', 'CRITICAL'], url: 'https://r.example.com/hook' },
    ]);
    await user.click(within(secret).getByRole('button', { name: 'Done, I have saved it' }));
    expect(document.body).not.toHaveTextContent('whsec_c2VjcmV0LXZhbHVl');
  });

  it('sends e-mail recipients as a list and shows field errors next to their field', async () => {
    const bodies: unknown[] = [];
    mockFetch({
      [`GET ${PATH}`]: () => jsonResponse([]),
      [`POST ${PATH}`]: ({ body }) => {
        bodies.push(body);
        return problemResponse(400, {
          type: 'validation',
          title: 'Invalid request',
          detail: 'Invalid value for: recipients[1]',
          errors: [{ field: 'recipients[1]', message: 'must be an e-mail address such as ops@example.com' }],
        });
      },
    });
    const user = userEvent.setup();
    renderWithQueryClient(<ChannelsPage orgId={ORG_ID} />);
    await screen.findByText('No channels yet');

    await user.type(screen.getByLabelText('Name'), 'On call');
    await user.selectOptions(screen.getByLabelText('Type'), 'email');
    await user.type(screen.getByLabelText('Recipients'), 'ops@example.com, nope');
    await user.click(screen.getByRole('button', { name: 'Create channel' }));

    await waitFor(() =>
      expect(screen.getByLabelText('Recipients')).toHaveAccessibleDescription(/must be an e-mail address/),
    );
    expect(bodies).toEqual([
      { name: 'On call', type: 'email', severities: ['WARNING', 'CRITICAL'], recipients: ['ops@example.com', 'nope'] },
    ]);
  });

  it('reports what the receiver answered to a test, failure included', async () => {
    mockFetch({
      [`GET ${PATH}`]: () => jsonResponse([FAILING]),
      [`POST ${PATH}/c-hook/test`]: () =>
        jsonResponse({ notificationId: 'n1', delivered: false, statusCode: 503, latencyMs: 12, error: 'HTTP 503: down' }),
    });
    const user = userEvent.setup();
    renderWithQueryClient(<ChannelsPage orgId={ORG_ID} />);

    await user.click(await screen.findByRole('button', { name: 'Send a test to Pager bridge' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Test to “Pager bridge” failed (503): HTTP 503: down.');
  });

  it('edits the severities a channel hears, keeping its URL', async () => {
    const bodies: unknown[] = [];
    let current = SLACK;
    mockFetch({
      [`GET ${PATH}`]: () => jsonResponse([current]),
      [`PUT ${PATH}/c-slack`]: (request) => {
        bodies.push(request.body);
        current = { ...SLACK, severities: ['INFO', 'CRITICAL'] };
        return jsonResponse(current);
      },
    });
    const user = userEvent.setup();
    renderWithQueryClient(<ChannelsPage orgId={ORG_ID} />);

    await user.click(await screen.findByRole('button', { name: 'Edit the severities of Ops Slack' }));
    const form = screen.getByRole('form', { name: 'Severities of Ops Slack' });
    expect(within(form).getByLabelText('Warning')).toBeChecked();
    await user.click(within(form).getByLabelText('Warning'));
    await user.click(within(form).getByLabelText('Critical'));
    expect(within(form).getByRole('alert')).toHaveTextContent('Choose at least one severity.');
    expect(within(form).getByRole('button', { name: 'Save severities' })).toBeDisabled();
    await user.click(within(form).getByLabelText('Critical'));
    await user.click(within(form).getByLabelText('Info'));
    await user.click(within(form).getByRole('button', { name: 'Save severities' }));

    await waitFor(() => expect(bodies).toHaveLength(1));
    // No url: the stored URL (the Slack credential) stays.
    expect(bodies[0]).toEqual({ name: 'Ops Slack', severities: ['INFO', 'CRITICAL'] });
    expect(await screen.findByText('“Ops Slack” now hears INFO, CRITICAL.')).toBeInTheDocument();
    expect(await screen.findByRole('row', { name: /Ops Slack/ })).toHaveTextContent('INFO, CRITICAL');
  });
});
