import { env } from '@/config/env';

import { accessToken } from './access-token';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface FieldError {
  /** Dotted path of the offending input ("email", "nodes.0.name"); empty when the server named none. */
  readonly field: string;
  readonly message: string;
}

/**
 * Why a request failed: the server answered with a non-2xx status (`http`), answered
 * 2xx with something that is not JSON (`invalid-response`), never answered (`network`),
 * or took longer than the request's time limit (`timeout`).
 */
export type ApiErrorKind = 'http' | 'invalid-response' | 'network' | 'timeout';

interface ApiErrorInit {
  kind: ApiErrorKind;
  method: HttpMethod;
  path: string;
  status?: number;
  title?: string;
  detail?: string;
  type?: string;
  fieldErrors?: readonly FieldError[];
  retryAfterSeconds?: number;
  body?: unknown;
  message: string;
  cause?: unknown;
}

/** The one error type the UI shows; `message` is always a sentence a user can act on. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly kind: ApiErrorKind;
  readonly method: HttpMethod;
  readonly path: string;
  /** HTTP status, or 0 when no response arrived. */
  readonly status: number;
  readonly title: string | undefined;
  readonly detail: string | undefined;
  /** The ProblemDetail `type` URI; stable per error cause, so code may branch on it. */
  readonly type: string | undefined;
  readonly fieldErrors: readonly FieldError[];
  /** From a 429's or 503's Retry-After header (or its problem body): seconds to wait before trying again. */
  readonly retryAfterSeconds: number | undefined;
  /** Parsed response body (JSON value or text), for callers that understand more of it. */
  readonly body: unknown;

  constructor(init: ApiErrorInit) {
    super(init.message, { cause: init.cause });
    this.kind = init.kind;
    this.method = init.method;
    this.path = init.path;
    this.status = init.status ?? 0;
    this.title = init.title;
    this.detail = init.detail;
    this.type = init.type;
    this.fieldErrors = init.fieldErrors ?? [];
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.body = init.body;
  }
}

export interface RequestOptions {
  /** Serialised as JSON. */
  body?: unknown;
  signal?: AbortSignal;
  /** Give up after this long; a hung server must not leave a spinner forever. */
  timeoutMs?: number;
  headers?: Record<string, string>;
  /**
   * false for the sign-in endpoints: they send no bearer token, and their 401 is an
   * answer (wrong password, spent refresh token), not a stale token to renew.
   */
  authenticate?: boolean;
}

const DEFAULT_TIMEOUT_MS = 15_000;

export async function request<T>(method: HttpMethod, path: string, options: RequestOptions = {}): Promise<T> {
  const token = options.authenticate === false ? null : accessToken.get();
  try {
    return await send<T>(method, path, options, token);
  } catch (error) {
    // The API answers 401 only when it refuses the token, before any handler runs, so
    // repeating the request (even a POST) cannot do anything twice. One retry only: a
    // second 401 with a freshly issued token is the server's real answer.
    if (token !== null && error instanceof ApiError && error.status === 401) {
      const renewed = await accessToken.renew(token);
      if (renewed !== null) {
        return send<T>(method, path, options, renewed);
      }
    }
    throw error;
  }
}

async function send<T>(method: HttpMethod, path: string, options: RequestOptions, token: string | null): Promise<T> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;

  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    ...options.headers,
  };
  if (token) {
    headers.Authorization = `Bearer ${token}`;
  }
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }

  let response: Response;
  let payload: unknown;
  try {
    response = await fetch(`${env.apiUrl}${path}`, { method, headers, body, signal });
    payload = await readBody(response);
  } catch (error) {
    // A caller's own cancellation (e.g. React Query dropping a stale request) is not a
    // failure to report, so it propagates unchanged.
    if (options.signal?.aborted) {
      throw error;
    }
    if (timeout.aborted) {
      throw new ApiError({
        kind: 'timeout',
        method,
        path,
        message: `The server did not answer ${method} ${path} within ${formatDuration(timeoutMs)}.`,
        cause: error,
      });
    }
    throw new ApiError({
      kind: 'network',
      method,
      path,
      message: `Could not reach the server for ${method} ${path}; check the network connection.`,
      cause: error,
    });
  }

  if (!response.ok) {
    throw httpError(method, path, response, payload);
  }
  if (payload !== undefined && !isJson(response)) {
    // Typically the SPA's index.html answering a path the API does not know.
    throw new ApiError({
      kind: 'invalid-response',
      method,
      path,
      status: response.status,
      body: payload,
      message: `${method} ${path} answered with ${contentType(response) || 'an unknown content type'} instead of JSON.`,
    });
  }
  return payload as T;
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('POST', path, { ...options, body }),
  put: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PUT', path, { ...options, body }),
  patch: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('PATCH', path, { ...options, body }),
  delete: <T>(path: string, options?: RequestOptions) => request<T>('DELETE', path, options),
};

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') {
    return undefined;
  }
  if (isJson(response)) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

function contentType(response: Response): string {
  return response.headers.get('Content-Type') ?? '';
}

// application/json, application/problem+json, application/vnd.spring-boot.actuator.v3+json, ...
function isJson(response: Response): boolean {
  return /^application\/(?:[\w.-]+\+)?json\b/i.test(contentType(response));
}

function httpError(method: HttpMethod, path: string, response: Response, body: unknown): ApiError {
  const status = response.status;
  const retryAfterSeconds = parseRetryAfter(response.headers.get('Retry-After')) ?? retryAfterFromBody(body);
  const common = { kind: 'http' as const, method, path, status, body, retryAfterSeconds };

  if (isRecord(body)) {
    // RFC 9457 fields first; Spring's legacy error JSON ({error, message}) as a fallback.
    const title = nonBlank(body.title) ?? nonBlank(body.error);
    const detail = nonBlank(body.detail) ?? nonBlank(body.message);
    const fieldErrors = parseFieldErrors(body.errors);
    if (title !== undefined || detail !== undefined || fieldErrors.length > 0) {
      return new ApiError({
        ...common,
        title,
        detail,
        type: nonBlank(body.type),
        fieldErrors,
        message: problemMessage(title ?? statusLine(response), detail, fieldErrors),
      });
    }
  }

  // Plain-text bodies are often the only explanation a proxy gives; HTML error pages
  // are noise in a one-line message.
  const text = typeof body === 'string' ? body.trim() : '';
  const detail = text !== '' && text.length <= 300 && !text.startsWith('<') ? text : undefined;
  const base = `${method} ${path} failed: ${statusLine(response)}`;
  return new ApiError({ ...common, detail, message: detail ? `${base}: ${detail}` : base });
}

function problemMessage(title: string, detail: string | undefined, fieldErrors: readonly FieldError[]): string {
  const headline = detail && detail !== title ? `${title}: ${detail}` : title;
  if (fieldErrors.length === 0) {
    return headline;
  }
  const fields = fieldErrors.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message)).join('; ');
  return `${/[.!?]$/.test(headline) ? headline : `${headline}.`} ${fields}`;
}

/**
 * Accepts both shapes in use: `{field, message}` (WaddlePerf's validation handler) and
 * RFC 9457's example `{pointer: "#/age", detail}`.
 */
function parseFieldErrors(errors: unknown): FieldError[] {
  if (!Array.isArray(errors)) {
    return [];
  }
  return errors.flatMap((entry: unknown): FieldError[] => {
    if (typeof entry === 'string') {
      return nonBlank(entry) ? [{ field: '', message: entry }] : [];
    }
    if (!isRecord(entry)) {
      return [];
    }
    const pointer = nonBlank(entry.pointer);
    const field = nonBlank(entry.field) ?? (pointer ? pointerToPath(pointer) : undefined) ?? nonBlank(entry.parameter) ?? '';
    const message = nonBlank(entry.message) ?? nonBlank(entry.detail) ?? 'is invalid';
    return [{ field, message }];
  });
}

// "#/nodes/0/name" -> "nodes.0.name" (RFC 6901 escapes: ~1 is "/", ~0 is "~").
function pointerToPath(pointer: string): string {
  return pointer
    .replace(/^#?\/?/, '')
    .split('/')
    .map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'))
    .join('.');
}

// HTTP/2 responses carry no reason phrase, so the common ones are spelled out here.
const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

function statusLine(response: Response): string {
  const reason = nonBlank(response.statusText) ?? REASONS[response.status];
  return reason ? `${response.status} ${reason}` : `HTTP ${response.status}`;
}

/** Retry-After is either delay-seconds or an HTTP date (RFC 9110 section 10.2.3). */
function parseRetryAfter(value: string | null): number | undefined {
  if (value === null || value.trim() === '') {
    return undefined;
  }
  if (/^\d+$/.test(value.trim())) {
    return Number(value.trim());
  }
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1_000));
}

// WaddlePerf repeats the delay in the problem as retryAfterSeconds, which survives proxies
// that drop unfamiliar headers.
function retryAfterFromBody(body: unknown): number | undefined {
  const value = isRecord(body) ? body.retryAfterSeconds : undefined;
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

function formatDuration(ms: number): string {
  return ms < 1_000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonBlank(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
