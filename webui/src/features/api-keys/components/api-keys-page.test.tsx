import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { jsonResponse, mockFetch, ORG_ID, problemResponse, renderWithQueryClient } from '@/testing/test-utils';

import type { ApiKey } from '../api/get-api-keys';

import { ApiKeysPage } from './api-keys-page';

const PATH = `/api/v1/orgs/${ORG_ID}/api-keys`;

const CI_KEY: ApiKey = {
  id: 'k-ci',
  name: 'CI pipeline',
  prefix: 'a1b2c3d4',
  role: 'MAINTAINER',
  createdAt: '2026-11-01T09:00:00Z',
  lastUsedAt: '2026-11-20T10:00:00Z',
  revokedAt: null,
};
const OLD_KEY: ApiKey = {
  id: 'k-old',
  name: 'Old exporter',
  prefix: 'e5f6g7h8',
  role: 'VIEWER',
  createdAt: '2026-10-01T09:00:00Z',
  lastUsedAt: null,
  revokedAt: '2026-10-15T09:00:00Z',
};

describe('ApiKeysPage', () => {
  it('lists keys by name and prefix, with their state', async () => {
    mockFetch({ [`GET ${PATH}`]: () => jsonResponse([CI_KEY, OLD_KEY]) });
    renderWithQueryClient(<ApiKeysPage orgId={ORG_ID} />);

    const ci = await screen.findByRole('row', { name: /CI pipeline/ });
    expect(ci).toHaveTextContent('wpk_a1b2c3d4_…');
    expect(ci).toHaveTextContent('Maintainer');
    expect(ci).toHaveTextContent('Active');
    const old = screen.getByRole('row', { name: /Old exporter/ });
    expect(old).toHaveTextContent('Revoked');
    expect(old).toHaveTextContent('Never');
    expect(within(old).queryByRole('button', { name: /Revoke/ })).not.toBeInTheDocument();
  });

  it('says so when there are no keys', async () => {
    mockFetch({ [`GET ${PATH}`]: () => jsonResponse([]) });
    renderWithQueryClient(<ApiKeysPage orgId={ORG_ID} />);

    expect(await screen.findByText('No API keys yet')).toBeInTheDocument();
  });

  it('shows a new key’s secret once: copyable until dismissed, then gone for good', async () => {
    const keys: ApiKey[] = [];
    const created: ApiKey = { ...CI_KEY, id: 'k-new', name: 'Nightly export', prefix: 'n1n2n3n4', role: 'VIEWER', lastUsedAt: null };
    const bodies: unknown[] = [];
    mockFetch({
      [`GET ${PATH}`]: () => jsonResponse(keys),
      [`POST ${PATH}`]: ({ body }) => {
        bodies.push(body);
        keys.push(created);
        return jsonResponse({ key: created, secret: 'wpk_n1n2n3n4_s3cr3t-value' }, { status: 201 });
      },
    });
    const user = userEvent.setup();
    renderWithQueryClient(<ApiKeysPage orgId={ORG_ID} />);
    await screen.findByText('No API keys yet');

    const form = screen.getByRole('form', { name: 'Create an API key' });
    await user.type(within(form).getByLabelText('Name'), 'Nightly export');
    await user.click(within(form).getByRole('button', { name: 'Create key' }));

    const secret = await screen.findByRole('region', { name: 'Key “Nightly export” created' });
    expect(within(secret).getByLabelText('API key')).toHaveValue('wpk_n1n2n3n4_s3cr3t-value');
    expect(secret).toHaveTextContent('cannot show it again');
    expect(bodies).toEqual([{ name: 'Nightly export', role: 'VIEWER' }]);

    await user.click(within(secret).getByRole('button', { name: 'Copy' }));
    expect(await navigator.clipboard.readText()).toBe('wpk_n1n2n3n4_s3cr3t-value');

    // The list shows the new key by its prefix only.
    const row = await screen.findByRole('row', { name: /Nightly export/ });
    expect(row).toHaveTextContent('wpk_n1n2n3n4_…');
    expect(row).not.toHaveTextContent('s3cr3t');

    await user.click(within(secret).getByRole('button', { name: 'Done, I have saved it' }));
    expect(screen.queryByRole('region', { name: /created/ })).not.toBeInTheDocument();
    expect(document.body).not.toHaveTextContent('s3cr3t');
  });

  it('shows field errors from the server next to the field', async () => {
    mockFetch({
      [`GET ${PATH}`]: () => jsonResponse([]),
      [`POST ${PATH}`]: () =>
        problemResponse(400, {
          type: 'validation',
          title: 'Invalid request',
          detail: 'Invalid value for: name',
          errors: [{ field: 'name', message: 'size must be between 0 and 100' }],
        }),
    });
    const user = userEvent.setup();
    renderWithQueryClient(<ApiKeysPage orgId={ORG_ID} />);

    await user.type(await screen.findByLabelText('Name'), 'x');
    await user.click(screen.getByRole('button', { name: 'Create key' }));

    await waitFor(() => expect(screen.getByLabelText('Name')).toHaveAccessibleDescription(/size must be between 0 and 100/));
  });

  it('revokes a key after confirmation', async () => {
    let ci = CI_KEY;
    mockFetch({
      [`GET ${PATH}`]: () => jsonResponse([ci]),
      [`DELETE ${PATH}/k-ci`]: () => {
        ci = { ...CI_KEY, revokedAt: '2026-11-22T12:00:00Z' };
        return jsonResponse(ci);
      },
    });
    const user = userEvent.setup();
    renderWithQueryClient(<ApiKeysPage orgId={ORG_ID} />);

    await user.click(await screen.findByRole('button', { name: 'Revoke CI pipeline' }));
    const dialog = screen.getByRole('dialog', { name: 'Revoke API key?' });
    expect(dialog).toHaveTextContent('This cannot be undone.');
    await user.click(within(dialog).getByRole('button', { name: 'Revoke' }));

    expect(await screen.findByText('The key “CI pipeline” was revoked; requests with it now fail.')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('row', { name: /CI pipeline/ })).toHaveTextContent('Revoked'));
    expect(screen.queryByRole('button', { name: 'Revoke CI pipeline' })).not.toBeInTheDocument();
  });
});
