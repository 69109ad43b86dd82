import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes, useLocation } from 'react-router';
import { describe, expect, it, vi } from 'vitest';

import { accessToken } from '@/lib/access-token';
import { startSsoSignIn } from '@/lib/oidc';
import { session } from '@/lib/session';
import { ORG_ID, renderWithQueryClient } from '@/testing/test-utils';

import { SignInPage } from './sign-in-page';
import { SsoCallbackPage } from './sso-callback-page';
import { SsoSignIn } from './sso-sign-in';

const DISCOVERY = {
  orgId: ORG_ID,
  orgName: 'Acme',
  issuerUri: 'https://idp.example.test',
  clientId: 'waddleperf-web',
  audience: 'waddleperf',
};

function jwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => btoa(JSON.stringify(value)).replace(/=+$/, '');
  return `${part({ alg: 'RS256' })}.${part(claims)}.c2ln`;
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 && 'title' in (body as object) ? 'application/problem+json' : 'application/json' },
  });
}

/** Routes fetches by URL (the token endpoint takes a form body, so the JSON-parsing mockFetch does not fit). */
function stubFetch(handlers: Record<string, () => Response>) {
  const fetchMock = vi.fn((input: RequestInfo | URL) => {
    const url = String(input instanceof Request ? input.url : input);
    const handler = handlers[url];
    return handler ? Promise.resolve(handler()) : Promise.reject(new Error(`Unexpected request in test: ${url}`));
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

const METADATA = {
  'https://idp.example.test/.well-known/openid-configuration': () =>
    json({ issuer: 'https://idp.example.test', authorization_endpoint: 'https://idp.example.test/auth', token_endpoint: 'https://idp.example.test/token' }),
};

/** Starts a sign-in in this tab as the sign-in page does; the state and nonce the callback must match. */
async function startPending(): Promise<{ state: string; nonce: string }> {
  stubFetch({ '/api/v1/auth/sso?org=acme': () => json(DISCOVERY), ...METADATA });
  const url = new URL(await startSsoSignIn('acme', '/tests', { origin: 'http://localhost' }));
  return { state: url.searchParams.get('state') ?? '', nonce: url.searchParams.get('nonce') ?? '' };
}

function Landed() {
  const location = useLocation();
  return <p>Landed on {location.pathname}</p>;
}

function renderCallback(search: string) {
  return renderWithQueryClient(
    <Routes>
      <Route path="/sign-in" element={<SignInPage />} />
      <Route path="/auth/sso/callback" element={<SsoCallbackPage />} />
      <Route path="*" element={<Landed />} />
    </Routes>,
    { route: `/auth/sso/callback${search}` },
  );
}

describe('Sign in with SSO', () => {
  it('pre-fills the organisation from ?org= and shows why SSO is not available', async () => {
    stubFetch({
      '/api/v1/auth/sso?org=acme': () =>
        json({ type: 'x', title: 'SSO not available', detail: 'No organisation with that short name offers sign-in with SSO' }, 404),
    });
    const redirect = vi.fn();
    renderWithQueryClient(<SsoSignIn initialOrg="acme" next="/" redirect={redirect} />);

    expect(screen.getByLabelText('Organisation short name')).toHaveValue('acme');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Continue with SSO' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('“acme” does not offer sign-in with SSO');
    expect(redirect).not.toHaveBeenCalled();
  });

  it('completes the callback: exchanges the code, reads the role from the API and lands where the user was going', async () => {
    const { state, nonce } = await startPending();
    const token = jwt({ aud: 'waddleperf', sub: 'alice', exp: Math.floor(Date.now() / 1000) + 600 });
    let meAuthorization: string | null = null;
    stubFetch({
      ...METADATA,
      'https://idp.example.test/token': () => json({ access_token: token, id_token: jwt({ aud: 'waddleperf-web', sub: 'alice', nonce }) }),
    });
    const tokenOnly = vi.mocked(fetch);
    vi.stubGlobal(
      'fetch',
      vi.fn((input: RequestInfo | URL, init?: RequestInit) => {
        if ((input instanceof Request ? input.url : input.toString()).endsWith('/api/v1/me')) {
          meAuthorization = new Headers(init?.headers).get('Authorization');
          return Promise.resolve(
            json({ kind: 'sso', userId: null, name: 'alice@corp.test', email: null, operator: false, memberships: [{ orgId: ORG_ID, orgName: 'Acme', orgSlug: 'acme', role: 'VIEWER' }] }),
          );
        }
        return tokenOnly(input, init);
      }),
    );

    renderCallback(`?code=the-code&state=${state}`);

    expect(await screen.findByText('Landed on /tests')).toBeInTheDocument();
    expect(meAuthorization).toBe(`Bearer ${token}`);
    expect(session.getState()).toMatchObject({ status: 'signed-in', orgId: ORG_ID, roles: ['VIEWER'] });
    expect(accessToken.get()).toBe(token);
    expect(sessionStorage.getItem('waddleperf.sso.pending')).toBeNull();
  });

  it('shows a state mismatch on the sign-in page', async () => {
    await startPending();
    stubFetch({ ...METADATA });

    renderCallback('?code=the-code&state=forged-state');

    expect(await screen.findByText('Sign-in with SSO failed')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('state mismatch');
    expect(session.getState().status).toBe('signed-out');
  });

  it('explains an API refusal of the provider’s token (audience or role mapping)', async () => {
    const { state, nonce } = await startPending();
    stubFetch({
      ...METADATA,
      'https://idp.example.test/token': () =>
        json({ access_token: jwt({ aud: 'waddleperf', sub: 'alice' }), id_token: jwt({ aud: 'waddleperf-web', sub: 'alice', nonce }) }),
      '/api/v1/me': () => json({ type: 'x', title: 'Unauthorized', detail: 'no WaddlePerf role for this SSO user' }, 401),
    });

    renderCallback(`?code=other-code&state=${state}`);

    expect(await screen.findByText('Sign-in with SSO failed')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent(
      'WaddlePerf did not accept the token from your identity provider (no WaddlePerf role for this SSO user)',
    );
    expect(accessToken.get()).toBeNull();
  });

  it('shows the identity provider’s error', async () => {
    const { state } = await startPending();
    stubFetch({ ...METADATA });

    renderCallback(`?error=access_denied&state=${state}`);

    expect(await screen.findByText('Sign-in with SSO failed')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('Your identity provider refused the sign-in: access_denied.');
  });
});
