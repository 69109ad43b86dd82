/**
 * "Sign in with SSO": OpenID Connect authorization code flow with PKCE (RFC 7636, S256) as a
 * public client, run entirely in the browser against the organisation's own issuer.
 *
 * 1. GET /api/v1/auth/sso?org=<slug> (public) names the issuer, client id and audience.
 * 2. The issuer's /.well-known/openid-configuration names its endpoints.
 * 3. The browser goes to the authorization endpoint; verifier, state and nonce wait in
 *    sessionStorage (this tab only) for the way back to /auth/sso/callback.
 * 4. The callback checks state, exchanges the code at the token endpoint (form POST, no
 *    secret) and hands the API token to the session.
 *
 * Which token the API gets: the access token when it is a JWT whose `aud` includes the
 * configured audience (the normal case when the IdP issues JWT access tokens for an API),
 * otherwise the ID token when its `aud` includes the audience (providers with opaque access
 * tokens, where the client id is the audience), otherwise the access token anyway, so the
 * API's refusal (401) explains the mismatch.
 */

export const SSO_CALLBACK_PATH = '/auth/sso/callback';
const PENDING_KEY = 'waddleperf.sso.pending';

/** The redirect URI to register at the identity provider for this web UI. */
export function ssoRedirectUri(origin: string = typeof location === 'undefined' ? '' : location.origin): string {
  return origin + SSO_CALLBACK_PATH;
}

export interface SsoDiscovery {
  readonly orgId: string;
  readonly orgName: string;
  readonly issuerUri: string;
  readonly clientId: string;
  readonly audience: string;
}

export interface ProviderMetadata {
  readonly authorization_endpoint: string;
  readonly token_endpoint: string;
}

/** What the sign-in keeps in sessionStorage between leaving for the IdP and coming back. */
export interface PendingSignIn {
  readonly state: string;
  readonly nonce: string;
  readonly verifier: string;
  readonly discovery: SsoDiscovery;
  readonly tokenEndpoint: string;
  readonly redirectUri: string;
  readonly next: string;
}

export interface TokenResponse {
  readonly access_token: string;
  readonly id_token?: string;
  readonly refresh_token?: string;
  readonly expires_in?: number;
  readonly token_type?: string;
}

/** A readable SSO failure; `message` is shown to the user as is. */
export class SsoError extends Error {
  override readonly name = 'SsoError';

  /** The HTTP status behind the failure, when there was one. */
  readonly status: number | undefined;

  constructor(message: string, status?: number) {
    super(message);
    this.status = status;
  }
}

function base64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) {
    binary += String.fromCharCode(byte);
  }
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** A random URL-safe string of `bytes` random bytes (32 → 43 characters). */
export function randomToken(bytes = 32): string {
  const buffer = new Uint8Array(bytes);
  crypto.getRandomValues(buffer);
  return base64Url(buffer);
}

/** code_challenge = BASE64URL(SHA-256(ASCII(code_verifier))) (RFC 7636 §4.2, S256). */
export async function pkceChallenge(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64Url(new Uint8Array(digest));
}

type Fetch = typeof fetch;

async function fetchJson<T>(fetchImpl: Fetch, url: string, what: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetchImpl(url, init);
  } catch {
    throw new SsoError(`Could not reach ${what} (${url}).`);
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const problem = body as { detail?: string; error?: string; error_description?: string } | null;
    const reason = problem?.detail ?? problem?.error_description ?? problem?.error ?? `HTTP ${response.status}`;
    throw new SsoError(`${what} refused: ${reason}`, response.status);
  }
  if (body === null || typeof body !== 'object') {
    throw new SsoError(`${what} answered something that is not JSON.`);
  }
  return body as T;
}

/** Steps 1–3: discovers the organisation's issuer and returns the authorization URL to go to. */
export async function startSsoSignIn(
  orgSlug: string,
  next: string,
  options: { fetch?: Fetch; storage?: Pick<Storage, 'setItem'>; origin?: string } = {},
): Promise<string> {
  const fetchImpl = options.fetch ?? fetch.bind(globalThis);
  const storage = options.storage ?? sessionStorage;
  const slug = orgSlug.trim();
  if (slug === '') {
    throw new SsoError('Enter your organisation’s short name.');
  }
  let discovery: SsoDiscovery;
  try {
    discovery = await fetchJson<SsoDiscovery>(
      fetchImpl,
      `/api/v1/auth/sso?org=${encodeURIComponent(slug)}`,
      'WaddlePerf',
    );
  } catch (error) {
    throw new SsoError(
      error instanceof SsoError && error.status === 404
        ? `“${slug}” does not offer sign-in with SSO. Check the organisation’s short name, or sign in with your e-mail and password.`
        : (error as Error).message,
    );
  }
  const metadata = await fetchJson<ProviderMetadata>(
    fetchImpl,
    `${discovery.issuerUri.replace(/\/+$/, '')}/.well-known/openid-configuration`,
    'Your identity provider',
  );
  if (!metadata.authorization_endpoint || !metadata.token_endpoint) {
    throw new SsoError('Your identity provider’s configuration names no authorization or token endpoint.');
  }
  const pending: PendingSignIn = {
    state: randomToken(),
    nonce: randomToken(),
    verifier: randomToken(),
    discovery,
    tokenEndpoint: metadata.token_endpoint,
    redirectUri: ssoRedirectUri(options.origin),
    next,
  };
  storage.setItem(PENDING_KEY, JSON.stringify(pending));
  const url = new URL(metadata.authorization_endpoint);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', discovery.clientId);
  url.searchParams.set('redirect_uri', pending.redirectUri);
  url.searchParams.set('scope', 'openid profile email');
  url.searchParams.set('state', pending.state);
  url.searchParams.set('nonce', pending.nonce);
  url.searchParams.set('code_challenge', await pkceChallenge(pending.verifier));
  url.searchParams.set('code_challenge_method', 'S256');
  return url.toString();
}

/** The claims of a JWT, or null when `token` is not one. Not verified: the API verifies. */
export function jwtClaims(token: string): Record<string, unknown> | null {
  const [, payload, , ...rest] = token.split('.');
  if (payload === undefined || rest.length > 0 || token.split('.').length !== 3) {
    return null;
  }
  try {
    const json = atob(payload.replaceAll('-', '+').replaceAll('_', '/'));
    const claims: unknown = JSON.parse(json);
    return claims !== null && typeof claims === 'object' ? (claims as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function isFor(token: string | undefined, audience: string): boolean {
  const claims = token ? jwtClaims(token) : null;
  const aud = claims?.aud;
  return Array.isArray(aud) ? aud.includes(audience) : aud === audience;
}

/** The token to send to the API (see the module comment). */
export function apiToken(tokens: TokenResponse, audience: string): string {
  if (isFor(tokens.access_token, audience)) {
    return tokens.access_token;
  }
  if (tokens.id_token && isFor(tokens.id_token, audience)) {
    return tokens.id_token;
  }
  return tokens.access_token;
}

/** Seconds the API token stays valid: its `exp`, else the token endpoint's expires_in, else five minutes. */
export function lifetimeSeconds(token: string, tokens: TokenResponse, now = Date.now()): number {
  const exp = jwtClaims(token)?.exp;
  if (typeof exp === 'number') {
    return Math.max(0, Math.floor(exp - now / 1_000));
  }
  return tokens.expires_in ?? 300;
}

export interface SsoTokens {
  readonly token: string;
  readonly expiresIn: number;
  readonly discovery: SsoDiscovery;
  /** Renews at the IdP with its refresh token; null when the IdP gave none. */
  readonly renew: (() => Promise<SsoTokens>) | null;
  readonly next: string;
}

async function exchange(fetchImpl: Fetch, tokenEndpoint: string, form: Record<string, string>): Promise<TokenResponse> {
  const tokens = await fetchJson<TokenResponse>(fetchImpl, tokenEndpoint, 'Your identity provider’s token endpoint', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams(form).toString(),
  });
  if (typeof tokens.access_token !== 'string') {
    throw new SsoError('Your identity provider’s token endpoint returned no access token.');
  }
  return tokens;
}

function toSsoTokens(
  fetchImpl: Fetch,
  pending: Pick<PendingSignIn, 'discovery' | 'tokenEndpoint' | 'next'>,
  tokens: TokenResponse,
): SsoTokens {
  const token = apiToken(tokens, pending.discovery.audience);
  const refreshToken = tokens.refresh_token;
  return {
    token,
    expiresIn: lifetimeSeconds(token, tokens),
    discovery: pending.discovery,
    next: pending.next,
    renew: refreshToken
      ? async () =>
          toSsoTokens(
            fetchImpl,
            pending,
            await exchange(fetchImpl, pending.tokenEndpoint, {
              grant_type: 'refresh_token',
              refresh_token: refreshToken,
              client_id: pending.discovery.clientId,
            }),
          )
      : null,
  };
}

/** Step 4: checks the callback's parameters against the pending sign-in and exchanges the code. */
export async function completeSsoSignIn(
  search: string,
  options: { fetch?: Fetch; storage?: Pick<Storage, 'getItem' | 'removeItem'> } = {},
): Promise<SsoTokens> {
  const fetchImpl = options.fetch ?? fetch.bind(globalThis);
  const storage = options.storage ?? sessionStorage;
  const params = new URLSearchParams(search);
  const raw = storage.getItem(PENDING_KEY);
  // One use only: a reload of the callback page must not replay the code.
  storage.removeItem(PENDING_KEY);
  const error = params.get('error');
  if (error) {
    const description = params.get('error_description');
    throw new SsoError(`Your identity provider refused the sign-in: ${description ? `${description} (${error})` : error}.`);
  }
  let pending: PendingSignIn | null;
  try {
    pending = raw ? (JSON.parse(raw) as PendingSignIn) : null;
  } catch {
    pending = null;
  }
  if (!pending) {
    throw new SsoError('No SSO sign-in was started in this tab, or it was already completed. Start again.');
  }
  if (params.get('state') !== pending.state) {
    throw new SsoError('The answer from your identity provider does not belong to this sign-in (state mismatch). Start again.');
  }
  const code = params.get('code');
  if (!code) {
    throw new SsoError('Your identity provider sent no authorization code.');
  }
  const tokens = await exchange(fetchImpl, pending.tokenEndpoint, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: pending.redirectUri,
    client_id: pending.discovery.clientId,
    code_verifier: pending.verifier,
  });
  if (tokens.id_token) {
    const nonce = jwtClaims(tokens.id_token)?.nonce;
    if (nonce !== undefined && nonce !== pending.nonce) {
      throw new SsoError('The ID token from your identity provider does not belong to this sign-in (nonce mismatch).');
    }
  }
  return toSsoTokens(fetchImpl, pending, tokens);
}
