import { afterEach, describe, expect, it, vi } from 'vitest';

import { jsonResponse, mockFetch, problemResponse, signInAs, tokenPair, type MockRequest } from '@/testing/test-utils';

import { accessToken } from './access-token';
import { api, ApiError } from './api-client';
import { createSession, session } from './session';

const UNAUTHENTICATED = { type: 'unauthenticated', title: 'Authentication required', detail: 'Sign in, or send a valid bearer token or API key' };
const SPENT = { type: 'invalid-refresh-token', title: 'Session expired', detail: 'The refresh token is invalid, expired or revoked; sign in again' };

/** A refresh endpoint that hands out access-2/refresh-2, access-3/refresh-3, ... and counts its calls. */
function rotatingRefresh() {
  const seen: unknown[] = [];
  const handler = async ({ body }: MockRequest) => {
    seen.push(body);
    const n = seen.length + 1;
    // Answer a little later, as a real server does, so parallel callers overlap with it.
    await new Promise((resolve) => setTimeout(resolve, 10));
    return jsonResponse(tokenPair({ accessToken: `access-${n}`, refreshToken: `refresh-${n}` }));
  };
  return { handler, seen };
}

/** A protected endpoint that accepts only `valid` and records the token of every call. */
function protectedEndpoint(valid: () => string) {
  const tokens: (string | undefined)[] = [];
  const handler = ({ headers }: MockRequest) => {
    const token = headers.Authorization?.replace('Bearer ', '');
    tokens.push(token);
    return token === valid() ? jsonResponse({ ok: true }) : problemResponse(401, UNAUTHENTICATED);
  };
  return { handler, tokens };
}

describe('session and API client', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('refreshes once for parallel requests refused with 401 and retries each with the new token', async () => {
    signInAs(['ADMIN']);
    const refresh = rotatingRefresh();
    const members = protectedEndpoint(() => 'access-2');
    const keys = protectedEndpoint(() => 'access-2');
    mockFetch({
      'POST /api/v1/auth/refresh': refresh.handler,
      '/api/v1/members': members.handler,
      '/api/v1/keys': keys.handler,
    });

    const results = await Promise.all([api.get('/api/v1/members'), api.get('/api/v1/keys'), api.get('/api/v1/members')]);

    expect(results).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    // The rotating refresh token went to the server exactly once.
    expect(refresh.seen).toEqual([{ refreshToken: 'refresh-1' }]);
    expect(members.tokens).toEqual(['access-1', 'access-1', 'access-2', 'access-2']);
    expect(keys.tokens).toEqual(['access-1', 'access-2']);
    expect(sessionStorage.getItem('waddleperf.refreshToken')).toBe('refresh-2');
  });

  it('uses a token another request already renewed instead of refreshing again', async () => {
    signInAs(['ADMIN']);
    const refresh = rotatingRefresh();
    let releaseSlow: () => void = () => undefined;
    const slowGate = new Promise<void>((resolve) => {
      releaseSlow = resolve;
    });
    mockFetch({
      'POST /api/v1/auth/refresh': refresh.handler,
      '/api/v1/fast': protectedEndpoint(() => 'access-2').handler,
      // Sent with access-1, answers 401 only after the other request has renewed it.
      '/api/v1/slow': async ({ headers }) => {
        if (headers.Authorization === 'Bearer access-1') {
          await slowGate;
          return problemResponse(401, UNAUTHENTICATED);
        }
        return jsonResponse({ ok: 'slow' });
      },
    });

    const slow = api.get('/api/v1/slow');
    await api.get('/api/v1/fast');
    releaseSlow();

    await expect(slow).resolves.toEqual({ ok: 'slow' });
    expect(refresh.seen).toHaveLength(1);
  });

  it('retries a refused request only once', async () => {
    signInAs(['ADMIN']);
    const refresh = rotatingRefresh();
    const endpoint = protectedEndpoint(() => 'never valid');
    mockFetch({ 'POST /api/v1/auth/refresh': refresh.handler, '/api/v1/me': endpoint.handler });

    const error: unknown = await api.get('/api/v1/me').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toBe('Authentication required: Sign in, or send a valid bearer token or API key');
    expect(endpoint.tokens).toEqual(['access-1', 'access-2']);
    expect(refresh.seen).toHaveLength(1);
  });

  it('ends the session when the server refuses the refresh token', async () => {
    signInAs(['ADMIN']);
    mockFetch({
      'POST /api/v1/auth/refresh': () => problemResponse(401, SPENT),
      '/api/v1/me': protectedEndpoint(() => 'never valid').handler,
    });

    await expect(api.get('/api/v1/me')).rejects.toThrow('Authentication required');

    expect(session.getState()).toEqual({ status: 'signed-out', reason: 'expired' });
    expect(accessToken.get()).toBeNull();
    expect(sessionStorage.getItem('waddleperf.refreshToken')).toBeNull();
  });

  it('does not renew for the sign-in endpoints, whose 401 is an answer', async () => {
    const fetchMock = mockFetch({
      'POST /api/v1/auth/login': () =>
        problemResponse(401, { type: 'invalid-credentials', title: 'Sign-in failed', detail: 'E-mail or password is wrong' }),
    });
    signInAs(['ADMIN']);

    await expect(api.post('/api/v1/auth/login', {}, { authenticate: false })).rejects.toThrow('Sign-in failed');

    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(fetchMock.mock.calls[0]?.[1]?.headers).not.toHaveProperty('Authorization');
  });

  it('refreshes a minute before the access token expires', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const refresh = rotatingRefresh();
    mockFetch({ 'POST /api/v1/auth/refresh': refresh.handler });
    const start = Date.now();
    signInAs(['ADMIN'], { expiresIn: 900 });

    await vi.advanceTimersByTimeAsync(838_000);
    expect(refresh.seen).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(3_000);
    await vi.waitFor(() => expect(accessToken.get()).toBe('access-2'));

    expect(refresh.seen).toEqual([{ refreshToken: 'refresh-1' }]);
    // The new token's lifetime counts from the refresh, 840 s in.
    const state = session.getState();
    expect(state.status === 'signed-in' && state.expiresAt - start).toBeGreaterThanOrEqual(840_000 + 900_000);
  });

  it('lets an organisation switch wait for a refresh already under way, then use its token', async () => {
    signInAs(['ADMIN']);
    const refresh = rotatingRefresh();
    mockFetch({ 'POST /api/v1/auth/refresh': refresh.handler });

    await Promise.all([session.refresh(), session.refresh('org-2')]);

    expect(refresh.seen).toEqual([{ refreshToken: 'refresh-1' }, { refreshToken: 'refresh-2', orgId: 'org-2' }]);
    expect(accessToken.get()).toBe('access-3');
  });

  it('keeps only the refresh token in storage, never the access token', () => {
    signInAs(['ADMIN']);

    expect(Object.keys(sessionStorage)).toEqual(['waddleperf.refreshToken']);
    expect(sessionStorage.getItem('waddleperf.refreshToken')).toBe('refresh-1');
    expect(JSON.stringify(sessionStorage)).not.toContain('access-1');
  });
});

describe('restoring a session after a reload', () => {
  function storageWith(token: string | null) {
    const values = new Map<string, string>(token ? [['waddleperf.refreshToken', token]] : []);
    return {
      getItem: (key: string) => values.get(key) ?? null,
      setItem: (key: string, value: string) => void values.set(key, value),
      removeItem: (key: string) => void values.delete(key),
      values,
    };
  }

  it('starts signed out when nothing is stored', async () => {
    const restored = createSession(storageWith(null));

    expect(restored.getState()).toEqual({ status: 'signed-out', reason: 'initial' });
    await restored.restore();
    expect(restored.getState().status).toBe('signed-out');
  });

  it('exchanges the stored refresh token for a new session', async () => {
    const storage = storageWith('kept');
    const bodies: unknown[] = [];
    mockFetch({
      'POST /api/v1/auth/refresh': ({ body }) => {
        bodies.push(body);
        return jsonResponse(tokenPair({ accessToken: 'fresh', refreshToken: 'rotated', roles: ['VIEWER'] }));
      },
    });
    const restored = createSession(storage);
    expect(restored.getState()).toEqual({ status: 'restoring' });

    await restored.restore();

    expect(bodies).toEqual([{ refreshToken: 'kept' }]);
    expect(restored.getState()).toMatchObject({ status: 'signed-in', roles: ['VIEWER'] });
    expect(storage.values.get('waddleperf.refreshToken')).toBe('rotated');
    restored.end('initial');
  });

  it('reports an unreachable API as unavailable and can try again', async () => {
    vi.stubGlobal('fetch', vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))));
    const restored = createSession(storageWith('kept'));

    await restored.restore();

    const state = restored.getState();
    expect(state.status).toBe('unavailable');
    expect(state.status === 'unavailable' && state.error.message).toBe(
      'Could not reach the server for POST /api/v1/auth/refresh; check the network connection.',
    );

    mockFetch({ 'POST /api/v1/auth/refresh': () => jsonResponse(tokenPair()) });
    await restored.restore();
    expect(restored.getState().status).toBe('signed-in');
    restored.end('initial');
  });
});
