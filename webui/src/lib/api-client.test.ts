import { afterEach, describe, expect, it, vi } from 'vitest';

import { jsonResponse, mockFetch } from '@/testing/test-utils';

import { accessToken } from './access-token';
import { api, ApiError } from './api-client';

async function failureOf(promise: Promise<unknown>): Promise<ApiError> {
  const error: unknown = await promise.then(
    () => {
      throw new Error('expected the request to fail');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('api client', () => {
  afterEach(() => {
    accessToken.set(null);
  });

  it('turns a ProblemDetail with field errors into a readable ApiError', async () => {
    mockFetch({
      '/api/v1/orgs': () =>
        jsonResponse(
          {
            type: 'https://waddleperf.io/problems/validation',
            title: 'Validation failed',
            status: 400,
            detail: 'The request has 2 invalid fields',
            errors: [
              { field: 'name', message: 'must not be blank' },
              { field: 'contactEmail', message: 'must be a well-formed email address' },
            ],
          },
          { status: 400, contentType: 'application/problem+json' },
        ),
    });

    const error = await failureOf(api.post('/api/v1/orgs', { name: '' }));

    expect(error.message).toBe(
      'Validation failed: The request has 2 invalid fields. name: must not be blank; contactEmail: must be a well-formed email address',
    );
    expect(error.kind).toBe('http');
    expect(error.status).toBe(400);
    expect(error.type).toBe('https://waddleperf.io/problems/validation');
    expect(error.fieldErrors).toEqual([
      { field: 'name', message: 'must not be blank' },
      { field: 'contactEmail', message: 'must be a well-formed email address' },
    ]);
  });

  it('reads RFC 9457 style pointer errors as dotted field paths', async () => {
    mockFetch({
      '/api/v1/tests': () =>
        jsonResponse(
          {
            title: 'Bad Request',
            errors: [{ pointer: '#/targets/0/port', detail: 'must be between 1 and 65535' }],
          },
          { status: 400, contentType: 'application/problem+json' },
        ),
    });

    const error = await failureOf(api.post('/api/v1/tests', {}));

    expect(error.message).toBe('Bad Request. targets.0.port: must be between 1 and 65535');
    expect(error.fieldErrors).toEqual([{ field: 'targets.0.port', message: 'must be between 1 and 65535' }]);
  });

  it('shows title and detail of a ProblemDetail without field errors', async () => {
    mockFetch({
      '/api/v1/orgs/42': () =>
        jsonResponse(
          { title: 'Not Found', status: 404, detail: 'No organisation 42.' },
          { status: 404, contentType: 'application/problem+json' },
        ),
    });

    const error = await failureOf(api.get('/api/v1/orgs/42'));

    expect(error.message).toBe('Not Found: No organisation 42.');
    expect(error.fieldErrors).toEqual([]);
  });

  it('describes a non-JSON error by request, status and a short text body', async () => {
    mockFetch({
      '/api/v1/me': () =>
        new Response('upstream connect error', { status: 502, headers: { 'Content-Type': 'text/plain' } }),
    });

    const error = await failureOf(api.get('/api/v1/me'));

    // Response has no reason phrase here (as over HTTP/2), so the client supplies it.
    expect(error.message).toBe('GET /api/v1/me failed: 502 Bad Gateway: upstream connect error');
    expect(error.status).toBe(502);
  });

  it('leaves an HTML error page out of the message', async () => {
    mockFetch({
      '/api/v1/me': () =>
        new Response('<html><body><h1>Bad gateway</h1></body></html>', {
          status: 502,
          headers: { 'Content-Type': 'text/html' },
        }),
    });

    const error = await failureOf(api.get('/api/v1/me'));

    expect(error.message).toBe('GET /api/v1/me failed: 502 Bad Gateway');
  });

  it('reports a network failure as a readable ApiError with status 0', async () => {
    vi.stubGlobal('fetch', vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))));

    const error = await failureOf(api.get('/api/v1/me'));

    expect(error.kind).toBe('network');
    expect(error.status).toBe(0);
    expect(error.message).toBe('Could not reach the server for GET /api/v1/me; check the network connection.');
  });

  it('reports a request that outlives its time limit as a timeout', async () => {
    // A fetch that only ends when its signal aborts, as a hung server behaves.
    vi.stubGlobal(
      'fetch',
      vi.fn(
        (_input: RequestInfo | URL, init?: RequestInit) =>
          new Promise<Response>((_resolve, reject) => {
            init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
          }),
      ),
    );

    const error = await failureOf(api.get('/api/v1/me', { timeoutMs: 20 }));

    expect(error.kind).toBe('timeout');
    expect(error.message).toBe('The server did not answer GET /api/v1/me within 20 ms.');
  });

  it('rejects a 2xx answer that is not JSON', async () => {
    mockFetch({
      '/api/v1/me': () => new Response('<!doctype html><title>WaddlePerf</title>', { headers: { 'Content-Type': 'text/html' } }),
    });

    const error = await failureOf(api.get('/api/v1/me'));

    expect(error.kind).toBe('invalid-response');
    expect(error.message).toBe('GET /api/v1/me answered with text/html instead of JSON.');
  });

  it('sends JSON with the bearer token and returns the parsed body', async () => {
    const fetchMock = mockFetch({
      '/api/v1/orgs': () => jsonResponse({ id: 'o-1', name: 'Acme' }, { status: 201 }),
    });
    accessToken.set('jwt-123');

    const created = await api.post<{ id: string; name: string }>('/api/v1/orgs', { name: 'Acme' });

    expect(created).toEqual({ id: 'o-1', name: 'Acme' });
    const init = fetchMock.mock.calls[0]?.[1];
    expect(init?.method).toBe('POST');
    expect(init?.body).toBe('{"name":"Acme"}');
    expect(init?.headers).toMatchObject({
      Authorization: 'Bearer jwt-123',
      'Content-Type': 'application/json',
    });
  });

  it('sends no Authorization header before anyone signed in', async () => {
    const fetchMock = mockFetch({ '/actuator/health': () => jsonResponse({ status: 'UP' }) });

    await api.get('/actuator/health');

    expect(fetchMock.mock.calls[0]?.[1]?.headers).not.toHaveProperty('Authorization');
  });

  it('resolves to undefined for 204 No Content', async () => {
    mockFetch({ '/api/v1/orgs/o-1': () => new Response(null, { status: 204 }) });

    await expect(api.delete('/api/v1/orgs/o-1')).resolves.toBeUndefined();
  });

  it('reads how long to wait from Retry-After', async () => {
    mockFetch({
      '/api/v1/auth/login': () =>
        new Response(JSON.stringify({ title: 'Too many attempts', detail: 'Too many failed sign-ins from your address' }), {
          status: 429,
          headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '42' },
        }),
    });

    const error = await failureOf(api.post('/api/v1/auth/login', {}));

    expect(error.retryAfterSeconds).toBe(42);
    expect(error.message).toBe('Too many attempts: Too many failed sign-ins from your address');
  });
});
