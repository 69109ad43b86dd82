import { QueryClientProvider } from '@tanstack/react-query';
import { render, type RenderOptions } from '@testing-library/react';
import type { ReactElement, ReactNode } from 'react';
import { MemoryRouter } from 'react-router';
import { vi } from 'vitest';

import { createQueryClient } from '@/lib/query-client';
import { session, type TokenPair } from '@/lib/session';

/** A fresh cache per test so no test sees another's responses; the app's retry rules. */
export function renderWithQueryClient(ui: ReactElement, options?: RenderOptions & { route?: string }) {
  const queryClient = createQueryClient();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>
      <MemoryRouter initialEntries={[options?.route ?? '/']}>{children}</MemoryRouter>
    </QueryClientProvider>
  );
  return { queryClient, ...render(ui, { wrapper, ...options }) };
}

export function jsonResponse(
  body: unknown,
  init: { status?: number; contentType?: string; headers?: Record<string, string> } = {},
): Response {
  return new Response(JSON.stringify(body), {
    status: init.status ?? 200,
    headers: { 'Content-Type': init.contentType ?? 'application/json', ...init.headers },
  });
}

/** A ProblemDetail as the API sends it. */
export function problemResponse(
  status: number,
  problem: { type: string; title: string; detail?: string; errors?: { field: string; message: string }[] },
  headers: Record<string, string> = {},
): Response {
  return jsonResponse(
    { ...problem, type: `https://waddleperf.io/problems/${problem.type}`, status, requestId: 'req-test-1' },
    { status, contentType: 'application/problem+json', headers },
  );
}

export interface MockRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: Record<string, string>;
  /** The parsed JSON body, if any. */
  readonly body: unknown;
}

type Handler = (request: MockRequest) => Response | Promise<Response>;

/**
 * Replaces `fetch` with a router over request paths. Keys are "METHOD /path" or, for any
 * method, "/path". A request nobody expected rejects with an error naming it, so it
 * surfaces in the failure output instead of hanging.
 */
export function mockFetch(handlers: Record<string, Handler>) {
  const fetchMock = vi.fn((input: RequestInfo | URL, init?: RequestInit) => {
    const href = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const url = new URL(href, 'http://localhost');
    const method = init?.method ?? 'GET';
    const handler = handlers[`${method} ${url.pathname}`] ?? handlers[url.pathname];
    if (!handler) {
      return Promise.reject(new Error(`Unexpected request in test: ${method} ${href}`));
    }
    const headers = (init?.headers ?? {}) as Record<string, string>;
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    return Promise.resolve(handler({ method, url, headers, body }));
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

export const ORG_ID = '0190a7e2-0000-7000-8000-000000000001';
export const OTHER_ORG_ID = '0190a7e2-0000-7000-8000-000000000002';

export function tokenPair(overrides: Partial<TokenPair> = {}): TokenPair {
  return {
    accessToken: 'access-1',
    expiresIn: 900,
    refreshToken: 'refresh-1',
    refreshExpiresIn: 1_209_600,
    orgId: ORG_ID,
    roles: ['ADMIN'],
    ...overrides,
  };
}

/** Starts the app's session as if sign-in had just succeeded. */
export function signInAs(roles: readonly string[], overrides: Partial<TokenPair> = {}) {
  session.establish(tokenPair({ roles, ...overrides }));
}
