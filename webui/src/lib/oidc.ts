/**
 * "Sign in with SSO": OpenID Connect authorization code flow with PKCE (S256) as a public
 * client, run in the browser against the organisation's own issuer. The protocol (discovery,
 * PKCE, state and nonce, the code exchange, refresh) is oidc-client-ts's, a maintained and
 * widely used library; this module only adds WaddlePerf's parts:
 *
 * 1. GET /api/v1/auth/sso?org=<slug> (public) names the issuer, client id and audience.
 * 2. oidc-client-ts reads the issuer's /.well-known/openid-configuration and builds the
 *    authorization URL; its state (verifier, nonce) waits in sessionStorage (this tab only), and
 *    so does what this module needs to rebuild the client on the way back to /auth/sso/callback.
 * 3. The callback hands the URL to oidc-client-ts, which checks state and nonce and exchanges
 *    the code at the token endpoint (form POST, no secret); the API token goes to the session.
 *
 * Which token the API gets: the access token when it is a JWT whose `aud` includes the
 * configured audience (the normal case when the IdP issues JWT access tokens for an API),
 * otherwise the ID token when its `aud` includes the audience (providers with opaque access
 * tokens, where the client id is the audience), otherwise the access token anyway, so the
 * API's refusal (401) explains the mismatch.
 */
import { ErrorResponse, OidcClient, WebStorageStateStore, type RefreshState, type SigninResponse } from 'oidc-client-ts';

export const SSO_CALLBACK_PATH = '/auth/sso/callback';
const PENDING_KEY = 'waddleperf.sso.pending';
const STATE_PREFIX = 'waddleperf.sso.state.';
const SCOPE = 'openid profile email';

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

/**
 * What this module keeps in sessionStorage between leaving for the IdP and coming back, to
 * rebuild the client; the secrets (verifier, nonce) are in oidc-client-ts's own state entry.
 */
export interface PendingSignIn {
  readonly discovery: SsoDiscovery;
  readonly redirectUri: string;
  readonly next: string;
}

export interface TokenResponse {
  readonly access_token: string;
  readonly id_token?: string;
  readonly refresh_token?: string;
  readonly expires_in?: number;
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

type SessionStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

function client(pending: PendingSignIn, storage: SessionStore): OidcClient {
  return new OidcClient({
    authority: pending.discovery.issuerUri,
    client_id: pending.discovery.clientId,
    redirect_uri: pending.redirectUri,
    response_type: 'code',
    scope: SCOPE,
    // The API reads the role from its own /me; the IdP's userinfo adds nothing here.
    loadUserInfo: false,
    stateStore: new WebStorageStateStore({ store: storage as Storage, prefix: STATE_PREFIX }),
  });
}

async function fetchJson<T>(url: string, what: string): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch {
    throw new SsoError(`Could not reach ${what} (${url}).`);
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const problem = body as { detail?: string } | null;
    throw new SsoError(`${what} refused: ${problem?.detail ?? `HTTP ${response.status}`}`, response.status);
  }
  if (body === null || typeof body !== 'object') {
    throw new SsoError(`${what} answered something that is not JSON.`);
  }
  return body as T;
}

/** What oidc-client-ts threw, said for the user. */
function explain(error: unknown, what: string): SsoError {
  if (error instanceof SsoError) {
    return error;
  }
  if (error instanceof ErrorResponse) {
    return new SsoError(`${what} refused: ${error.error_description ?? error.error ?? 'no reason given'}`);
  }
  const message = error instanceof Error ? error.message : String(error);
  if (message.includes('No matching state')) {
    return new SsoError('The answer from your identity provider does not belong to this sign-in (state mismatch). Start again.');
  }
  if (message.includes('nonce')) {
    return new SsoError('The ID token from your identity provider does not belong to this sign-in (nonce mismatch).');
  }
  return new SsoError(`${what} failed: ${message}`);
}

/** Steps 1–2: discovers the organisation's issuer and returns the authorization URL to go to. */
export async function startSsoSignIn(
  orgSlug: string,
  next: string,
  options: { storage?: SessionStore; origin?: string } = {},
): Promise<string> {
  const storage = options.storage ?? sessionStorage;
  const slug = orgSlug.trim();
  if (slug === '') {
    throw new SsoError('Enter your organisation’s short name.');
  }
  let discovery: SsoDiscovery;
  try {
    discovery = await fetchJson<SsoDiscovery>(`/api/v1/auth/sso?org=${encodeURIComponent(slug)}`, 'WaddlePerf');
  } catch (error) {
    throw new SsoError(
      error instanceof SsoError && error.status === 404
        ? `“${slug}” does not offer sign-in with SSO. Check the organisation’s short name, or sign in with your e-mail and password.`
        : (error as Error).message,
    );
  }
  const pending: PendingSignIn = { discovery, redirectUri: ssoRedirectUri(options.origin), next };
  try {
    const request = await client(pending, storage).createSigninRequest({ nonce: crypto.randomUUID() });
    storage.setItem(PENDING_KEY, JSON.stringify(pending));
    return request.url;
  } catch (error) {
    throw explain(error, 'Your identity provider');
  }
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

function toSsoTokens(oidc: OidcClient, pending: PendingSignIn, response: SigninResponse): SsoTokens {
  const tokens: TokenResponse = {
    access_token: response.access_token,
    id_token: response.id_token,
    refresh_token: response.refresh_token,
    expires_in: response.expires_in,
  };
  const token = apiToken(tokens, pending.discovery.audience);
  const refreshToken = response.refresh_token;
  return {
    token,
    expiresIn: lifetimeSeconds(token, tokens),
    discovery: pending.discovery,
    next: pending.next,
    renew: refreshToken
      ? async () => {
          try {
            const renewed = await oidc.useRefreshToken({
              // RefreshState is a type only in the package's exports; this is its shape.
              state: {
                refresh_token: refreshToken,
                id_token: response.id_token,
                session_state: response.session_state,
                scope: response.scope,
                profile: response.profile,
              } satisfies RefreshState,
            });
            return toSsoTokens(oidc, pending, renewed);
          } catch (error) {
            throw explain(error, 'Your identity provider’s token endpoint');
          }
        }
      : null,
  };
}

/** Step 3: checks the callback against the pending sign-in and exchanges the code. */
export async function completeSsoSignIn(search: string, options: { storage?: SessionStore } = {}): Promise<SsoTokens> {
  const storage = options.storage ?? sessionStorage;
  const params = new URLSearchParams(search);
  const raw = storage.getItem(PENDING_KEY);
  // One use only: a reload of the callback page must not replay the code.
  storage.removeItem(PENDING_KEY);
  let pending: PendingSignIn | null;
  try {
    pending = raw ? (JSON.parse(raw) as PendingSignIn) : null;
  } catch {
    pending = null;
  }
  const error = params.get('error');
  if (error) {
    const description = params.get('error_description');
    if (pending) {
      // Drops oidc-client-ts's state entry of this sign-in with the rest of the stale ones.
      await client(pending, storage).clearStaleState().catch(() => undefined);
    }
    throw new SsoError(`Your identity provider refused the sign-in: ${description ? `${description} (${error})` : error}.`);
  }
  if (!pending?.discovery) {
    throw new SsoError('No SSO sign-in was started in this tab, or it was already completed. Start again.');
  }
  if (!params.get('code')) {
    throw new SsoError('Your identity provider sent no authorization code.');
  }
  const oidc = client(pending, storage);
  let response: SigninResponse;
  try {
    response = await oidc.processSigninResponse(`${pending.redirectUri}?${params.toString()}`);
  } catch (cause) {
    throw explain(cause, 'Your identity provider’s token endpoint');
  }
  return toSsoTokens(oidc, pending, response);
}
