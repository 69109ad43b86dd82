import { afterEach, describe, expect, it, vi } from 'vitest';

import { apiToken, completeSsoSignIn, SsoError, startSsoSignIn } from './oidc';

const DISCOVERY = {
  orgId: '0190a7e2-0000-7000-8000-000000000001',
  orgName: 'Acme',
  issuerUri: 'https://idp.example.test/realms/acme',
  clientId: 'waddleperf-web',
  audience: 'waddleperf',
};
const TOKEN_ENDPOINT = 'https://idp.example.test/realms/acme/token';
const REDIRECT_URI = 'https://wp.example.test/auth/sso/callback';

function jwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => btoa(JSON.stringify(value)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
  return `${part({ alg: 'RS256' })}.${part(claims)}.c2ln`;
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

/** A sessionStorage stand-in that oidc-client-ts's state store can enumerate. */
function memoryStorage() {
  const items = new Map<string, string>();
  return {
    items,
    get length() {
      return items.size;
    },
    key: (index: number) => [...items.keys()][index] ?? null,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

interface Call {
  readonly url: string;
  readonly init?: RequestInit;
}

/** Answers the API's discovery, the issuer's metadata, and the token endpoint with `tokens`. */
function stubProvider(tokens: (call: Call) => Response = () => json({ access_token: jwt({ aud: 'waddleperf', sub: 'u' }) })) {
  const calls: Call[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn((input: RequestInfo | URL, init?: RequestInit) => {
      const url = input instanceof Request ? input.url : input.toString();
      const call = { url, init };
      calls.push(call);
      if (url === '/api/v1/auth/sso?org=acme') return Promise.resolve(json(DISCOVERY));
      if (url === 'https://idp.example.test/realms/acme/.well-known/openid-configuration') {
        return Promise.resolve(
          json({ issuer: DISCOVERY.issuerUri, authorization_endpoint: 'https://idp.example.test/auth', token_endpoint: TOKEN_ENDPOINT }),
        );
      }
      if (url === TOKEN_ENDPOINT) return Promise.resolve(tokens(call));
      return Promise.reject(new Error(`unexpected ${url}`));
    }),
  );
  return calls;
}

function form(call: Call | undefined): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(call?.init?.body as string));
}

/** Starts a sign-in as the page does; returns the storage and the authorization request's parameters. */
async function begin() {
  const storage = memoryStorage();
  const target = new URL(await startSsoSignIn(' acme ', '/tests', { storage, origin: 'https://wp.example.test' }));
  return { storage, target, state: target.searchParams.get('state') ?? '', nonce: target.searchParams.get('nonce') ?? '' };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('startSsoSignIn', () => {
  it('discovers the issuer and sends the browser to its authorization endpoint with PKCE, state and nonce', async () => {
    stubProvider();

    const { target, state, nonce, storage } = await begin();

    expect(target.origin + target.pathname).toBe('https://idp.example.test/auth');
    const q = target.searchParams;
    expect(q.get('response_type')).toBe('code');
    expect(q.get('client_id')).toBe('waddleperf-web');
    expect(q.get('redirect_uri')).toBe(REDIRECT_URI);
    expect(q.get('scope')).toBe('openid profile email');
    expect(state).toMatch(/.{16,}/);
    expect(nonce).toMatch(/.{16,}/);
    expect(q.get('code_challenge_method')).toBe('S256');
    expect(q.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // The verifier stays in this tab's storage; only its challenge leaves.
    const stored = [...storage.items.values()].join(' ');
    expect(stored).toContain('code_verifier');
    expect(stored).not.toContain(q.get('code_challenge') ?? 'none');
  });

  it('says readably when the organisation offers no SSO', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.resolve(json({ title: 'SSO not available', detail: 'No organisation with that short name offers sign-in with SSO' }, 404))),
    );

    await expect(startSsoSignIn('nope', '/', { storage: memoryStorage() })).rejects.toThrow('“nope” does not offer sign-in with SSO');
  });

  it('passes on the API’s reason for other refusals, such as too many unknown organisations', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.resolve(json({ title: 'Too many attempts', detail: 'Too many unknown organisations asked for from your address' }, 429))),
    );

    await expect(startSsoSignIn('nope', '/', { storage: memoryStorage() })).rejects.toThrow(
      'WaddlePerf refused: Too many unknown organisations asked for from your address',
    );
  });
});

describe('completeSsoSignIn', () => {
  it('refuses a callback whose state does not match, and exchanges nothing', async () => {
    const calls = stubProvider();
    const { storage } = await begin();

    await expect(completeSsoSignIn('?code=c&state=forged', { storage })).rejects.toThrow('state mismatch');
    expect(calls.filter((call) => call.url === TOKEN_ENDPOINT)).toHaveLength(0);
    expect(storage.items.has('waddleperf.sso.pending')).toBe(false);
  });

  it('shows the identity provider’s error', async () => {
    stubProvider();
    const { storage, state } = await begin();

    await expect(completeSsoSignIn(`?error=access_denied&error_description=User+cancelled&state=${state}`, { storage })).rejects.toThrow(
      'Your identity provider refused the sign-in: User cancelled (access_denied).',
    );
  });

  it('refuses a callback with no sign-in started in this tab', async () => {
    await expect(completeSsoSignIn('?code=c&state=s', { storage: memoryStorage() })).rejects.toBeInstanceOf(SsoError);
  });

  it('exchanges the code with the verifier as a public client and keeps the access token meant for the API', async () => {
    const access = jwt({ aud: ['waddleperf'], sub: 'u', exp: Math.floor(Date.now() / 1000) + 600 });
    let nonce = '';
    const calls = stubProvider(() => json({ access_token: access, id_token: jwt({ aud: 'waddleperf-web', sub: 'u', nonce }), expires_in: 600 }));
    const started = await begin();
    nonce = started.nonce;

    const tokens = await completeSsoSignIn(`?code=the-code&state=${started.state}`, { storage: started.storage });

    expect(tokens.token).toBe(access);
    expect(tokens.expiresIn).toBeGreaterThan(590);
    expect(tokens.renew).toBeNull();
    expect(tokens.next).toBe('/tests');
    const exchanges = calls.filter((call) => call.url === TOKEN_ENDPOINT);
    expect(exchanges).toHaveLength(1);
    expect(exchanges[0]?.init?.method).toBe('POST');
    const body = form(exchanges[0]);
    expect(body).toMatchObject({ grant_type: 'authorization_code', code: 'the-code', redirect_uri: REDIRECT_URI, client_id: 'waddleperf-web' });
    expect(body.code_verifier).toMatch(/^[A-Za-z0-9._~-]{43,128}$/);
    expect(body.client_secret).toBeUndefined();
    // Single use: the same callback again is refused.
    await expect(completeSsoSignIn(`?code=the-code&state=${started.state}`, { storage: started.storage })).rejects.toBeInstanceOf(SsoError);
  });

  it('uses the refresh token at the token endpoint when the provider gives one', async () => {
    let exchanges = 0;
    let nonce = '';
    const calls = stubProvider(() => {
      exchanges += 1;
      return json(
        exchanges === 1
          ? { access_token: jwt({ aud: 'waddleperf', sub: 'u' }), id_token: jwt({ aud: 'waddleperf-web', sub: 'u', nonce }), refresh_token: 'rt-1' }
          : { access_token: jwt({ aud: 'waddleperf', sub: 'u', n: 2 }) },
      );
    });
    const started = await begin();
    const { storage, state } = started;
    nonce = started.nonce;

    const tokens = await completeSsoSignIn(`?code=c&state=${state}`, { storage });
    expect(tokens.renew).not.toBeNull();
    const renewed = await tokens.renew?.();

    expect(renewed?.token).toBe(jwt({ aud: 'waddleperf', sub: 'u', n: 2 }));
    const refresh = calls.filter((call) => call.url === TOKEN_ENDPOINT)[1];
    expect(form(refresh)).toMatchObject({ grant_type: 'refresh_token', refresh_token: 'rt-1', client_id: 'waddleperf-web' });
  });

  it('reports a token endpoint failure with the provider’s reason', async () => {
    stubProvider(() => json({ error: 'invalid_grant', error_description: 'Code expired' }, 400));
    const { storage, state } = await begin();

    await expect(completeSsoSignIn(`?code=c&state=${state}`, { storage })).rejects.toThrow('token endpoint refused: Code expired');
  });

  it('refuses an ID token minted for another sign-in (nonce)', async () => {
    stubProvider(() => json({ access_token: jwt({ aud: 'waddleperf', sub: 'u' }), id_token: jwt({ aud: 'waddleperf-web', sub: 'u', nonce: 'other' }) }));
    const { storage, state } = await begin();

    await expect(completeSsoSignIn(`?code=c&state=${state}`, { storage })).rejects.toThrow('nonce mismatch');
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
