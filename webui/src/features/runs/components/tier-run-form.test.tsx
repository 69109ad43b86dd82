import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { jsonResponse, mockFetch, ORG_ID, problemResponse, renderWithQueryClient } from '@/testing/test-utils';

import { checkTierRun, TierRunForm } from './tier-run-form';

const RUNS = `/api/v1/orgs/${ORG_ID}/runs`;
const NODE = { id: '0190a7e2-0000-7000-8000-0000000000cc', name: 'edge-1' };

const inputs = { tier: '3', target: 'example.net', nodeId: '', udpEchoPort: '', iperfPort: '', dnsResolver: '' };

describe('checkTierRun', () => {
  it('sends only what was given, as numbers where the API takes numbers', () => {
    expect(checkTierRun({ ...inputs, target: ' example.net ', iperfPort: '5301', nodeId: NODE.id })).toEqual({
      errors: {},
      request: { tier: 3, target: 'example.net', iperfPort: 5301, nodeSelector: { nodeId: NODE.id } },
    });
  });

  it('refuses an empty target and ports outside 1-65535 field by field', () => {
    expect(checkTierRun({ ...inputs, target: ' ', udpEchoPort: '0', iperfPort: '5201x' }).errors).toEqual({
      target: 'is required',
      udpEchoPort: 'must be a port from 1 to 65535',
      iperfPort: 'must be a port from 1 to 65535',
    });
  });
});

describe('TierRunForm', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('starts the tier run on the chosen node and opens its page', async () => {
    const posted: unknown[] = [];
    mockFetch({
      [`POST ${RUNS}`]: ({ body }) => {
        posted.push(body);
        return jsonResponse({ id: 'run-1' }, { status: 202 });
      },
    });
    renderWithQueryClient(
      <Routes>
        <Route path="/" element={<TierRunForm orgId={ORG_ID} nodes={[NODE]} />} />
        <Route path="/runs/:runId" element={<p>run page</p>} />
      </Routes>,
    );

    await userEvent.selectOptions(screen.getByLabelText('Tier'), '3');
    await userEvent.type(screen.getByLabelText('Target'), '127.0.0.1');
    await userEvent.selectOptions(screen.getByLabelText('Run on'), NODE.id);
    await userEvent.type(screen.getByLabelText('iperf3 port'), '5301');
    await userEvent.click(screen.getByRole('button', { name: 'Run tier' }));

    expect(await screen.findByText('run page')).toBeInTheDocument();
    expect(posted).toEqual([{ tier: 3, target: '127.0.0.1', nodeSelector: { nodeId: NODE.id }, iperfPort: 5301 }]);
  });

  it('shows the API’s field errors next to their fields', async () => {
    mockFetch({
      [`POST ${RUNS}`]: () =>
        problemResponse(400, {
          type: 'invalid-input',
          title: 'Invalid input',
          detail: 'target: must be a host, host:port or an http(s) URL',
          errors: [{ field: 'target', message: 'must be a host, host:port or an http(s) URL' }],
        }),
    });
    renderWithQueryClient(<TierRunForm orgId={ORG_ID} nodes={[]} />);

    await userEvent.type(screen.getByLabelText('Target'), 'not a host!');
    await userEvent.click(screen.getByRole('button', { name: 'Run tier' }));

    expect(await screen.findByText('must be a host, host:port or an http(s) URL')).toBeInTheDocument();
    expect(screen.getByLabelText('Target')).toHaveAttribute('aria-invalid', 'true');
  });
});
