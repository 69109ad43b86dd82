import { afterEach, describe, expect, it, vi } from 'vitest';

import { apiToken, completeSsoSignIn, pkceChallenge, randomToken, SsoError, startSsoSignIn, type PendingSignIn } from './oidc';

const DISCOVERY = {
  orgId: '0190a7e2-0000-7000-8000-000000000001',
  orgName: 'Acme',
  issuerUri: 'https://idp.example.test/realms/acme',
  clientId: 'waddleperf-web',
  audience: 'waddleperf',
};

function jwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => btoa(JSON.stringify(value)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
  return `${part({ alg: 'RS256' })}.${part(claims)}.c2ln`;
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

const PENDING: PendingSignIn = {
  state: 'the-state',
  nonce: 'the-nonce',
  verifier: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
  discovery: DISCOVERY,
  tokenEndpoint: 'https://idp.example.test/realms/acme/token',
  redirectUri: 'https://wp.example.test/auth/sso/callback',
  next: '/tests',
};

function storageWith(pending: PendingSignIn | null) {
  const items = new Map<string, string>();
  if (pending) {
    items.set('waddleperf.sso.pending', JSON.stringify(pending));
  }
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('PKCE', () => {
  it('derives the S256 challenge of RFC 7636 appendix B', async () => {
    expect(await pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('makes verifiers of 43 unreserved characters, different each time', () => {
    const first = randomToken();
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomToken()).not.toBe(first);
  });
});

describe('startSsoSignIn', () => {
  it('discovers the issuer and sends the browser to its authorization endpoint with PKCE, state and nonce', async () => {
    const fetchImpl = vi.fn((input: RequestInfo | URL) => {
      const url = input instanceof Request ? input.url : input.toString();
      if (url === '/api/v1/auth/sso?org=acme') return Promise.resolve(json(DISCOVERY));
      if (url === 'https://idp.example.test/realms/acme/.well-known/openid-configuration') {
        return Promise.resolve(json({ authorization_endpoint: 'https://idp.example.test/auth', token_endpoint: 'https://idp.example.test/token' }));
      }
      return Promise.reject(new Error(`unexpected ${url}`));
    });
    const storage = storageWith(null);

    const target = new URL(await startSsoSignIn(' acme ', '/tests', { fetch: fetchImpl, storage, origin: 'https://wp.example.test' }));

    const pending = JSON.parse(storage.items.get('waddleperf.sso.pending') ?? 'null') as PendingSignIn;
    expect(target.origin + target.pathname).toBe('https://idp.example.test/auth');
    const q = target.searchParams;
    expect(q.get('response_type')).toBe('code');
    expect(q.get('client_id')).toBe('waddleperf-web');
    expect(q.get('redirect_uri')).toBe('https://wp.example.test/auth/sso/callback');
    expect(q.get('scope')).toBe('openid profile email');
    expect(q.get('state')).toBe(pending.state);
    expect(q.get('nonce')).toBe(pending.nonce);
    expect(q.get('code_challenge_method')).toBe('S256');
    expect(q.get('code_challenge')).toBe(await pkceChallenge(pending.verifier));
    expect(pending.tokenEndpoint).toBe('https://idp.example.test/token');
    expect(pending.next).toBe('/tests');
  });

  it('says readably when the organisation offers no SSO', async () => {
    const fetchImpl = vi.fn(() =>
      Promise.resolve(json({ title: 'SSO not available', detail: 'No organisation with that short name offers sign-in with SSO' }, 404)),
    );

    await expect(startSsoSignIn('nope', '/', { fetch: fetchImpl, storage: storageWith(null) })).rejects.toThrow(
      '“nope” does not offer sign-in with SSO',
    );
  });

  it('passes on the API’s reason for other refusals, such as too many unknown organisations', async () => {
    const fetchImpl = vi.fn(() => Promise.resolve(json({ title: 'Too many attempts', detail: 'Too many unknown organisations asked for from your address' }, 429)));

    await expect(startSsoSignIn('nope', '/', { fetch: fetchImpl, storage: storageWith(null) })).rejects.toThrow(
      'WaddlePerf refused: Too many unknown organisations asked for from your address',
    );
  });
});

describe('completeSsoSignIn', () => {
  it('refuses a callback whose state does not match, and forgets the pending sign-in', async () => {
    const storage = storageWith(PENDING);
    const fetchImpl = vi.fn();

    await expect(completeSsoSignIn('?code=c&state=forged', { fetch: fetchImpl, storage })).rejects.toThrow('state mismatch');
    expect(fetchImpl).not.toHaveBeenCalled();
    expect(storage.items.size).toBe(0);
  });

  it('shows the identity provider’s error', async () => {
    await expect(
      completeSsoSignIn('?error=access_denied&error_description=User+cancelled&state=the-state', { fetch: vi.fn(), storage: storageWith(PENDING) }),
    ).rejects.toThrow('Your identity provider refused the sign-in: User cancelled (access_denied).');
  });

  it('refuses a callback with no sign-in started in this tab', async () => {
    await expect(completeSsoSignIn('?code=c&state=s', { fetch: vi.fn(), storage: storageWith(null) })).rejects.toBeInstanceOf(SsoError);
  });

  it('exchanges the code with the verifier as a public client and keeps the access token meant for the API', async () => {
    const access = jwt({ aud: ['waddleperf'], exp: Math.floor(Date.now() / 1000) + 600 });
    const requests: { url: string; init?: RequestInit }[] = [];
    const fetchImpl = vi.fn((input: RequestInfo | URL, init?: RequestInit) => {
      requests.push({ url: input instanceof Request ? input.url : input.toString(), init });
      return Promise.resolve(json({ access_token: access, id_token: jwt({ aud: 'waddleperf-web', nonce: 'the-nonce' }), expires_in: 600 }));
    });

    const tokens = await completeSsoSignIn('?code=the-code&state=the-state', { fetch: fetchImpl, storage: storageWith(PENDING) });

    expect(tokens.token).toBe(access);
    expect(tokens.expiresIn).toBeGreaterThan(590);
    expect(tokens.renew).toBeNull();
    expect(tokens.next).toBe('/tests');
    expect(requests).toHaveLength(1);
    const [exchange] = requests;
    expect(exchange?.url).toBe(PENDING.tokenEndpoint);
    expect(exchange?.init?.method).toBe('POST');
    expect((exchange?.init?.headers as Record<string, string>)['Content-Type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(exchange?.init?.body as string))).toEqual({
      grant_type: 'authorization_code',
      code: 'the-code',
      redirect_uri: PENDING.redirectUri,
      client_id: 'waddleperf-web',
      code_verifier: PENDING.verifier,
    });
  });

  it('uses the refresh token at the token endpoint when the provider gives one', async () => {
    const fetchImpl = vi
      .fn<(input: RequestInfo | URL, init?: RequestInit) => Promise<Response>>()
      .mockResolvedValueOnce(json({ access_token: jwt({ aud: 'waddleperf' }), refresh_token: 'rt-1' }))
      .mockResolvedValueOnce(json({ access_token: jwt({ aud: 'waddleperf', n: 2 }) }));

    const tokens = await completeSsoSignIn('?code=c&state=the-state', { fetch: fetchImpl, storage: storageWith(PENDING) });
    expect(tokens.renew).not.toBeNull();
    await tokens.renew?.();

    expect(Object.fromEntries(new URLSearchParams(fetchImpl.mock.calls[1]?.[1]?.body as string))).toEqual({
      grant_type: 'refresh_token',
      refresh_token: 'rt-1',
      client_id: 'waddleperf-web',
    });
  });

  it('reports a token endpoint failure with the provider’s reason', async () => {
    const fetchImpl = vi.fn(() => Promise.resolve(json({ error: 'invalid_grant', error_description: 'Code expired' }, 400)));

    await expect(completeSsoSignIn('?code=c&state=the-state', { fetch: fetchImpl, storage: storageWith(PENDING) })).rejects.toThrow(
      'token endpoint refused: Code expired',
    );
  });

  it('refuses an ID token minted for another sign-in (nonce)', async () => {
    const fetchImpl = vi.fn(() =>
      Promise.resolve(json({ access_token: jwt({ aud: 'waddleperf' }), id_token: jwt({ aud: 'waddleperf-web', nonce: 'other' }) })),
    );

    await expect(completeSsoSignIn('?code=c&state=the-state', { fetch: fetchImpl, storage: storageWith(PENDING) })).rejects.toThrow(
      'nonce mismatch',
    );
  });
});

describe('apiToken', () => {
  it('takes the ID token when the access token is opaque and the ID token is for the audience', () => {
    const id = jwt({ aud: 'waddleperf' });
    expect(apiToken({ access_token: 'opaque-token', id_token: id }, 'waddleperf')).toBe(id);
  });

  it('falls back to the access token so the API can say why it refuses it', () => {
    expect(apiToken({ access_token: 'opaque-token', id_token: jwt({ aud: 'other' }) }, 'waddleperf')).toBe('opaque-token');
  });
});
