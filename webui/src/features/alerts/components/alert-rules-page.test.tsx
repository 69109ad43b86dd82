import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { jsonResponse, mockFetch, ORG_ID, problemResponse, renderWithQueryClient, type MockRequest } from '@/testing/test-utils';

import type { AlertRule } from '../api/alert-rules';

import { AlertRulesPage } from './alert-rules-page';

const PATH = `/api/v1/orgs/${ORG_ID}/alert-rules`;

const RULE: AlertRule = {
  id: 'r-1',
  name: 'Edge latency',
  scope: { monitorId: 'm-1', label: null },
  condition: { type: 'metric', metric: 'tcp_connect.latency_ms', comparison: '>', threshold: 100 },
  raise: { breaches: 3, ofRounds: 5 },
  vantage: { minCount: 2, minPercent: null },
  severity: 'CRITICAL',
  clear: { goodRounds: 3 },
  channelIds: [],
  enabled: true,
  createdAt: '2026-12-07T10:00:00Z',
  updatedAt: '2026-12-07T10:00:00Z',
};

const MONITORS = new Map([['m-1', 'Edge HTTPS']]);

const CHANNELS = [
  { id: 'c-1', name: 'Ops Slack', severities: ['WARNING', 'CRITICAL'] },
  { id: 'c-2', name: 'On call', severities: ['CRITICAL'] },
  { id: 'c-3', name: 'Chatter', severities: ['INFO'] },
];

describe('AlertRulesPage', () => {
  it('describes each rule; a VIEWER neither creates nor deletes', async () => {
    mockFetch({ [`GET ${PATH}`]: () => jsonResponse([RULE]) });
    renderWithQueryClient(<AlertRulesPage orgId={ORG_ID} canEdit={false} canDelete={false} monitorNames={MONITORS} />);

    const row = (await screen.findByRole('rowheader', { name: 'Edge latency' })).closest('tr')!;
    expect(row).toHaveTextContent('monitor Edge HTTPS');
    expect(row).toHaveTextContent('tcp_connect.latency_ms > 100');
    expect(row).toHaveTextContent('at least 2 vantage points');
    expect(row).toHaveTextContent('3 of the last 5 rounds');
    expect(row).toHaveTextContent('3 good rounds in a row');
    expect(row).toHaveTextContent('Critical');
    expect(screen.queryByRole('button', { name: 'Create rule' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Delete Edge latency' })).not.toBeInTheDocument();
  });

  it('refuses X above Y before sending, then sends the rule and shows the API’s field errors', async () => {
    const sent: unknown[] = [];
    mockFetch({
      [`GET ${PATH}`]: () => jsonResponse([]),
      [`POST ${PATH}`]: (request: MockRequest) => {
        sent.push(request.body);
        return problemResponse(400, {
          type: 'validation',
          title: 'Invalid request',
          errors: [{ field: 'scope.monitorId', message: 'is not a monitor of this organisation' }],
        });
      },
    });
    const user = userEvent.setup();
    renderWithQueryClient(<AlertRulesPage orgId={ORG_ID} canEdit canDelete={false} monitorNames={MONITORS} />);
    await user.click(await screen.findByRole('button', { name: 'Create rule' }));
    const form = screen.getByRole('form', { name: 'Create an alert rule' });
    await user.type(within(form).getByLabelText('Name'), 'Edge latency');
    await user.selectOptions(within(form).getByLabelText('Watches'), 'monitor');
    await user.selectOptions(within(form).getByLabelText('Monitor'), 'm-1');
    await user.clear(within(form).getByLabelText('Breaching rounds (X)'));
    await user.type(within(form).getByLabelText('Breaching rounds (X)'), '6');
    await user.click(within(form).getByRole('button', { name: 'Create rule' }));

    expect(await within(form).findByText(/must be at most 5/)).toBeInTheDocument();
    expect(sent).toHaveLength(0);

    await user.clear(within(form).getByLabelText('Breaching rounds (X)'));
    await user.type(within(form).getByLabelText('Breaching rounds (X)'), '2');
    await user.click(within(form).getByRole('button', { name: 'Create rule' }));

    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({
      name: 'Edge latency',
      scope: { monitorId: 'm-1' },
      condition: { type: 'metric', metric: 'tcp_connect.latency_ms', comparison: '>', threshold: 100 },
      raise: { breaches: 2, ofRounds: 5 },
      vantage: { minCount: 1 },
      severity: 'warning',
      clear: { goodRounds: 3 },
      channelIds: [],
      enabled: true,
    });
    expect(await within(form).findByText('is not a monitor of this organisation')).toBeInTheDocument();
  });

  it('deletes after the ADMIN confirms', async () => {
    let deleted = false;
    mockFetch({
      [`GET ${PATH}`]: () => jsonResponse(deleted ? [] : [RULE]),
      [`DELETE ${PATH}/r-1`]: () => {
        deleted = true;
        return new Response(null, { status: 204 });
      },
    });
    const user = userEvent.setup();
    renderWithQueryClient(<AlertRulesPage orgId={ORG_ID} canEdit canDelete monitorNames={MONITORS} />);
    await user.click(await screen.findByRole('button', { name: 'Delete Edge latency' }));
    await user.click(within(screen.getByRole('dialog', { name: 'Delete alert rule?' })).getByRole('button', { name: 'Delete' }));
    expect(await screen.findByText('No alert rules yet')).toBeInTheDocument();
  });

  it('shows where each rule is sent: by severity, or the channels it names', async () => {
    mockFetch({ [`GET ${PATH}`]: () => jsonResponse([RULE, { ...RULE, id: 'r-2', name: 'Named', channelIds: ['c-3'] }]) });
    renderWithQueryClient(<AlertRulesPage orgId={ORG_ID} canEdit canDelete={false} monitorNames={MONITORS} channels={CHANNELS} />);

    expect((await screen.findByRole('rowheader', { name: 'Edge latency' })).closest('tr')).toHaveTextContent('Ops Slack, On call (by severity)');
    expect(screen.getByRole('rowheader', { name: 'Named' }).closest('tr')).toHaveTextContent('Chatter');
  });

  it('edits a rule: the form holds the rule, names who will receive it, and replaces it', async () => {
    const sent: unknown[] = [];
    mockFetch({
      [`GET ${PATH}`]: () => jsonResponse([RULE]),
      [`PUT ${PATH}/r-1`]: (request: MockRequest) => {
        sent.push(request.body);
        return jsonResponse({ ...RULE, raise: { breaches: 2, ofRounds: 5 }, channelIds: ['c-3'] });
      },
    });
    const user = userEvent.setup();
    renderWithQueryClient(<AlertRulesPage orgId={ORG_ID} canEdit canDelete={false} monitorNames={MONITORS} channels={CHANNELS} />);

    await user.click(await screen.findByRole('button', { name: 'Edit Edge latency' }));
    const form = screen.getByRole('form', { name: 'Edit Edge latency' });
    expect(within(form).getByLabelText('Name')).toHaveValue('Edge latency');
    expect(within(form).getByLabelText('Monitor')).toHaveValue('m-1');
    expect(within(form).getByLabelText('Breaching rounds (X)')).toHaveValue('3');
    expect(within(form).getByLabelText('Severity')).toHaveValue('critical');
    expect(within(form).getByText(/None chosen: sent to every channel hearing CRITICAL \(Ops Slack, On call\)/)).toBeInTheDocument();

    await user.selectOptions(within(form).getByLabelText('Severity'), 'info');
    expect(within(form).getByText(/every channel hearing INFO \(Chatter\)/)).toBeInTheDocument();
    await user.selectOptions(within(form).getByLabelText('Severity'), 'critical');
    await user.click(within(form).getByLabelText(/Chatter/));
    expect(within(form).getByText('Sent to Chatter only.')).toBeInTheDocument();
    await user.clear(within(form).getByLabelText('Breaching rounds (X)'));
    await user.type(within(form).getByLabelText('Breaching rounds (X)'), '2');
    await user.click(within(form).getByRole('button', { name: 'Save rule' }));

    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({
      name: 'Edge latency',
      scope: { monitorId: 'm-1' },
      condition: { type: 'metric', metric: 'tcp_connect.latency_ms', comparison: '>', threshold: 100 },
      raise: { breaches: 2, ofRounds: 5 },
      vantage: { minCount: 2 },
      severity: 'critical',
      clear: { goodRounds: 3 },
      channelIds: ['c-3'],
      enabled: true,
    });
    expect(await screen.findByText('Rule “Edge latency” saved.')).toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'Edit Edge latency' })).not.toBeInTheDocument();
  });
});
