import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { jsonResponse, mockFetch, ORG_ID, problemResponse, renderWithQueryClient } from '@/testing/test-utils';

import type { SsoConfig } from '../api/get-sso';

import { SsoPage } from './sso-page';

const PATH = `/api/v1/orgs/${ORG_ID}/sso`;

const CONFIG: SsoConfig = {
  issuerUri: 'https://login.example.com/realms/acme',
  audience: 'waddleperf',
  clientId: null,
  roleClaim: 'groups',
  roleMapping: { 'wp-admins': 'ADMIN', 'wp-ops': 'MAINTAINER' },
  defaultRole: 'VIEWER',
  updatedAt: '2026-11-20T10:00:00Z',
};

const NOT_CONFIGURED = { type: 'not-found', title: 'Not found', detail: 'SSO configuration was not found' };

describe('SsoPage', () => {
  it('offers an empty form when SSO is not configured (404)', async () => {
    mockFetch({ [`GET ${PATH}`]: () => problemResponse(404, NOT_CONFIGURED) });
    renderWithQueryClient(<SsoPage orgId={ORG_ID} />);

    expect(await screen.findByText('Not configured')).toBeInTheDocument();
    expect(screen.getByLabelText('Issuer URI')).toHaveValue('');
    expect(screen.getByLabelText('Role claim')).toHaveValue('groups');
    expect(screen.getByRole('button', { name: 'Enable SSO' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Remove SSO' })).not.toBeInTheDocument();
  });

  it('fills the form from the stored configuration', async () => {
    mockFetch({ [`GET ${PATH}`]: () => jsonResponse(CONFIG) });
    renderWithQueryClient(<SsoPage orgId={ORG_ID} />);

    expect(await screen.findByLabelText('Issuer URI')).toHaveValue(CONFIG.issuerUri);
    expect(screen.getByLabelText('Audience')).toHaveValue('waddleperf');
    expect(screen.getByLabelText('Claim value 1')).toHaveValue('wp-admins');
    expect(screen.getByLabelText('Role for claim value 1')).toHaveValue('ADMIN');
    expect(screen.getByLabelText('Claim value 2')).toHaveValue('wp-ops');
    expect(screen.getByLabelText('Role for claim value 2')).toHaveValue('MAINTAINER');
    expect(screen.getByLabelText('Default role')).toHaveValue('VIEWER');
    expect(screen.getByText('Enabled')).toBeInTheDocument();
  });

  it('shows the server’s field errors next to the fields, mapping rows included', async () => {
    mockFetch({
      [`GET ${PATH}`]: () => problemResponse(404, NOT_CONFIGURED),
      [`PUT ${PATH}`]: () =>
        problemResponse(400, {
          type: 'validation',
          title: 'Invalid request',
          detail: 'Invalid value for: audience, issuerUri, roleMapping[ops]',
          errors: [
            { field: 'audience', message: 'size must be between 0 and 200' },
            { field: 'issuerUri', message: 'must be an http(s) URL' },
            { field: 'roleMapping[ops]', message: 'must not be null' },
          ],
        }),
    });
    const user = userEvent.setup();
    renderWithQueryClient(<SsoPage orgId={ORG_ID} />);

    await user.type(await screen.findByLabelText('Issuer URI'), 'ftp://login.example.com');
    await user.type(screen.getByLabelText('Audience'), 'waddleperf');
    await user.type(screen.getByLabelText('Claim value 1'), 'ops');
    await user.click(screen.getByRole('button', { name: 'Enable SSO' }));

    await waitFor(() => expect(screen.getByLabelText('Issuer URI')).toHaveAccessibleDescription(/must be an http\(s\) URL/));
    expect(screen.getByLabelText('Issuer URI')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Audience')).toHaveAccessibleDescription(/size must be between 0 and 200/);
    expect(screen.getByLabelText('Claim value 1')).toHaveAccessibleDescription('must not be null');
    expect(screen.getByLabelText('Role claim')).not.toHaveAttribute('aria-invalid');
    expect(screen.getByRole('alert')).toHaveTextContent('Invalid request. Check the highlighted fields.');
  });

  it('saves the mapping rows as an object and the empty default as null', async () => {
    const saved: unknown[] = [];
    mockFetch({
      [`GET ${PATH}`]: () => problemResponse(404, NOT_CONFIGURED),
      [`PUT ${PATH}`]: ({ body }) => {
        saved.push(body);
        return jsonResponse({ ...CONFIG, ...(body as object), updatedAt: '2026-11-22T10:00:00Z' });
      },
    });
    const user = userEvent.setup();
    renderWithQueryClient(<SsoPage orgId={ORG_ID} />);

    await user.type(await screen.findByLabelText('Issuer URI'), 'https://login.example.com/realms/acme');
    await user.type(screen.getByLabelText('Audience'), 'waddleperf');
    await user.type(screen.getByLabelText('Claim value 1'), 'wp-admins');
    await user.selectOptions(screen.getByLabelText('Role for claim value 1'), 'Admin');
    await user.click(screen.getByRole('button', { name: 'Add mapping' }));
    await user.type(screen.getByLabelText('Claim value 2'), 'wp-readers');
    await user.click(screen.getByRole('button', { name: 'Enable SSO' }));

    expect(await screen.findByText('SSO settings saved.')).toBeInTheDocument();
    expect(saved).toEqual([
      {
        issuerUri: 'https://login.example.com/realms/acme',
        audience: 'waddleperf',
        clientId: null,
        roleClaim: 'groups',
        roleMapping: { 'wp-admins': 'ADMIN', 'wp-readers': 'VIEWER' },
        defaultRole: null,
      },
    ]);
    expect(screen.getByText('Enabled')).toBeInTheDocument();
  });

  it('refuses to save a claim value mapped twice, naming the row', async () => {
    const fetchMock = mockFetch({ [`GET ${PATH}`]: () => jsonResponse(CONFIG) });
    const user = userEvent.setup();
    renderWithQueryClient(<SsoPage orgId={ORG_ID} />);

    const second = await screen.findByLabelText('Claim value 2');
    await user.clear(second);
    await user.type(second, 'wp-admins');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(second).toHaveAccessibleDescription('This claim value is mapped above already.');
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('removes SSO after confirmation', async () => {
    mockFetch({
      [`GET ${PATH}`]: () => jsonResponse(CONFIG),
      [`DELETE ${PATH}`]: () => new Response(null, { status: 204 }),
    });
    const user = userEvent.setup();
    renderWithQueryClient(<SsoPage orgId={ORG_ID} />);

    await user.click(await screen.findByRole('button', { name: 'Remove SSO' }));
    const dialog = screen.getByRole('dialog', { name: 'Remove SSO?' });
    await user.click(within(dialog).getByRole('button', { name: 'Remove SSO' }));

    expect(await screen.findByText('SSO was removed.')).toBeInTheDocument();
    expect(screen.getByText('Not configured')).toBeInTheDocument();
    expect(screen.getByLabelText('Issuer URI')).toHaveValue('');
  });
});
