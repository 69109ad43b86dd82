import { useSyncExternalStore } from 'react';

import { accessToken } from './access-token';
import { api, ApiError } from './api-client';

/** What POST /api/v1/auth/login and /auth/refresh answer. */
export interface TokenPair {
  readonly accessToken: string;
  /** Seconds the access token is valid for. */
  readonly expiresIn: number;
  readonly refreshToken: string;
  readonly refreshExpiresIn: number;
  /** The organisation the tokens act in; null only for an operator without memberships. */
  readonly orgId: string | null;
  /** The role in that organisation, plus "OPERATOR" for platform operators. */
  readonly roles: readonly string[];
}

export type SessionState =
  /** A refresh token from before a reload is being exchanged for an access token. */
  | { readonly status: 'restoring' }
  /** Restoring failed for a reason other than a refused token (API down, network); worth retrying. */
  | { readonly status: 'unavailable'; readonly error: Error }
  | { readonly status: 'signed-out'; readonly reason: SignedOutReason }
  | {
      readonly status: 'signed-in';
      readonly orgId: string | null;
      readonly roles: readonly string[];
      /** Epoch milliseconds when the access token runs out. */
      readonly expiresAt: number;
    };

/** `expired`: the server refused the refresh token (expired, revoked, reused), so the user must sign in again. */
export type SignedOutReason = 'initial' | 'signed-out' | 'expired' | 'sso-expired';

/**
 * A sign-in through the organisation's own identity provider (SSO): our API issues no
 * refresh token for it. `renew` asks the provider for a new token (its refresh token);
 * without one the session ends with `sso-expired` when the token runs out.
 */
export interface ExternalTokens {
  readonly accessToken: string;
  readonly expiresIn: number;
  readonly orgId: string;
  readonly roles: readonly string[];
  readonly renew: (() => Promise<ExternalTokens>) | null;
}

export type SessionStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/*
 * Where the refresh token lives, and why: sessionStorage keeps it across a reload of this
 * tab (a reload must not sign anyone out) but not across tabs or after the tab closes,
 * unlike localStorage, which would keep a 14-day credential on disk for every later visitor
 * of the browser profile. Script on our origin could read it; the API takes the token in a
 * JSON body, so an HttpOnly cookie, which script cannot read, is not an option today.
 * Rotation limits the damage: each refresh token works once, and the server revokes the
 * whole family when a spent one comes back, so a stolen copy dies at our next refresh.
 * The access token stays in memory only (access-token.ts).
 */
const STORAGE_KEY = 'waddleperf.refreshToken';

const REFRESH_PATH = '/api/v1/auth/refresh';
const LOGOUT_PATH = '/api/v1/auth/logout';

/** Refresh this long before the access token runs out, so requests never carry an expired one. */
const REFRESH_MARGIN_MS = 60_000;
/** After a failed background refresh (network, 5xx), try again after this long. */
const REFRESH_RETRY_MS = 30_000;

// Function-typed properties, not methods: components pass them around unbound
// (useSyncExternalStore(session.subscribe, session.getState)).
export interface Session {
  readonly getState: () => SessionState;
  readonly subscribe: (listener: () => void) => () => void;
  /** Starts using the tokens of a successful sign-in. */
  readonly establish: (tokens: TokenPair) => void;
  /** Starts using the token of an SSO sign-in; kept in memory only, so a reload ends it. */
  readonly establishExternal: (tokens: ExternalTokens) => void;
  /** Exchanges a refresh token kept from before a reload; does nothing unless restoring or unavailable. */
  readonly restore: () => Promise<void>;
  /**
   * Rotates the tokens, optionally into another organisation. Single-flight: callers
   * arriving while a refresh runs share it, because the rotating token works only once
   * and a second use would make the server revoke the whole session.
   */
  readonly refresh: (orgId?: string) => Promise<void>;
  /** Forgets the session here and revokes it on the server (best effort). */
  readonly signOut: () => Promise<void>;
  /** Forgets the session here without telling the server (it expired, or the server refused it). */
  readonly end: (reason: SignedOutReason) => void;
}

export function createSession(storage: SessionStorage | null): Session {
  let refreshToken = read(storage);
  // Set while the session is an SSO one: how to renew it, or null for "cannot".
  let external: { renew: ExternalTokens['renew']; orgId: string; roles: readonly string[] } | null = null;
  let state: SessionState = refreshToken ? { status: 'restoring' } : { status: 'signed-out', reason: 'initial' };
  let inflight: { orgId: string | undefined; promise: Promise<void> } | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Bumped whenever the session is forgotten, so a refresh answered afterwards cannot bring
  // a signed-out session back.
  let generation = 0;
  const listeners = new Set<() => void>();

  function setState(next: SessionState) {
    state = next;
    listeners.forEach((listener) => listener());
  }

  function schedule(delayMs: number) {
    clearTimeout(timer);
    timer = setTimeout(() => {
      refresh().catch(() => {
        if (state.status === 'signed-in') {
          schedule(REFRESH_RETRY_MS);
        }
      });
    }, delayMs);
  }

  function establishExternal(tokens: ExternalTokens) {
    refreshToken = null;
    write(storage, null);
    external = { renew: tokens.renew, orgId: tokens.orgId, roles: tokens.roles };
    accessToken.set(tokens.accessToken);
    const lifetimeMs = tokens.expiresIn * 1_000;
    // Without a way to renew, refresh() ends the session when the token runs out.
    schedule(tokens.renew ? Math.max(lifetimeMs - REFRESH_MARGIN_MS, lifetimeMs * 0.75) : lifetimeMs);
    setState({ status: 'signed-in', orgId: tokens.orgId, roles: tokens.roles, expiresAt: Date.now() + lifetimeMs });
  }

  function refreshExternal(current: NonNullable<typeof external>): Promise<void> {
    if (!current.renew) {
      end('sso-expired');
      return Promise.reject(new Error('Your SSO session has ended.'));
    }
    const started = generation;
    const promise = current
      .renew()
      .then(
        (tokens) => {
          if (generation === started) {
            // The role stays what the API said at sign-in; a changed role shows after the next sign-in.
            establishExternal({ ...tokens, orgId: current.orgId, roles: current.roles });
          }
        },
        (error: unknown) => {
          if (generation === started) {
            end('sso-expired');
          }
          throw error;
        },
      )
      .finally(() => {
        inflight = null;
      });
    inflight = { orgId: undefined, promise };
    return promise;
  }

  function establish(tokens: TokenPair) {
    external = null;
    refreshToken = tokens.refreshToken;
    write(storage, tokens.refreshToken);
    accessToken.set(tokens.accessToken);
    const lifetimeMs = tokens.expiresIn * 1_000;
    // A minute early, or at three quarters of a lifetime shorter than four minutes.
    schedule(Math.max(lifetimeMs - REFRESH_MARGIN_MS, lifetimeMs * 0.75));
    setState({ status: 'signed-in', orgId: tokens.orgId, roles: tokens.roles, expiresAt: Date.now() + lifetimeMs });
  }

  function end(reason: SignedOutReason) {
    generation += 1;
    clearTimeout(timer);
    refreshToken = null;
    external = null;
    write(storage, null);
    accessToken.set(null);
    setState({ status: 'signed-out', reason });
  }

  function refresh(orgId?: string): Promise<void> {
    if (inflight) {
      if (orgId === undefined || orgId === inflight.orgId) {
        return inflight.promise;
      }
      // Switching organisation during a routine refresh: the switch needs the token that
      // refresh is about to hand out, so it waits for it.
      return inflight.promise.catch(() => undefined).then(() => refresh(orgId));
    }
    if (external) {
      return orgId === undefined || orgId === external.orgId
        ? refreshExternal(external)
        : Promise.reject(new Error('An SSO sign-in acts in its own organisation only.'));
    }
    const token = refreshToken;
    if (!token) {
      return Promise.reject(new Error('Not signed in.'));
    }
    const started = generation;
    const promise = api
      .post<TokenPair>(REFRESH_PATH, orgId ? { refreshToken: token, orgId } : { refreshToken: token }, {
        authenticate: false,
      })
      .then(
        (tokens) => {
          if (generation === started) {
            establish(tokens);
          }
        },
        (error: unknown) => {
          if (generation !== started) {
            throw error;
          }
          // 401: expired, revoked or already used. 403: no longer a member of the organisation
          // asked for. Either way the server has spent or refused this token, so it cannot be
          // used again.
          if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
            end('expired');
          } else if (state.status === 'restoring') {
            setState({ status: 'unavailable', error: error instanceof Error ? error : new Error(String(error)) });
          }
          throw error;
        },
      )
      .finally(() => {
        inflight = null;
      });
    inflight = { orgId, promise };
    return promise;
  }

  async function restore() {
    if (state.status !== 'restoring' && state.status !== 'unavailable') {
      return;
    }
    if (state.status === 'unavailable') {
      setState({ status: 'restoring' });
    }
    // The outcome is in the state; the error has nowhere else to go.
    await refresh().catch(() => undefined);
  }

  async function signOut() {
    const token = refreshToken;
    end('signed-out');
    if (token) {
      // Best effort: locally the session is gone either way, and an unrevoked refresh
      // token that nobody holds any more only waits for its expiry.
      await api.post(LOGOUT_PATH, { refreshToken: token }, { authenticate: false }).catch(() => undefined);
    }
  }

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    establish,
    establishExternal,
    restore,
    refresh,
    signOut,
    end,
  };
}

/**
 * The renewal the API client calls after a 401: another request may already have renewed
 * the refused token, in which case its successor is used without another refresh.
 */
export function renewalFor(target: Session) {
  return async (rejected: string): Promise<string | null> => {
    const current = accessToken.get();
    if (current !== null && current !== rejected) {
      return current;
    }
    if (target.getState().status !== 'signed-in') {
      return null;
    }
    try {
      await target.refresh();
      return accessToken.get();
    } catch {
      return null;
    }
  };
}

function read(storage: SessionStorage | null): string | null {
  try {
    return storage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

function write(storage: SessionStorage | null, token: string | null) {
  // Storage can be disabled or full (private modes, quotas); the session then lasts until
  // the next reload, which is still usable.
  try {
    if (token) {
      storage?.setItem(STORAGE_KEY, token);
    } else {
      storage?.removeItem(STORAGE_KEY);
    }
  } catch {
    // Nothing better to do: see above.
  }
}

function browserStorage(): SessionStorage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    // Reading the property throws when the browser blocks storage for this origin.
    return null;
  }
}

/** The app's one session. */
export const session = createSession(browserStorage());
accessToken.setRenewal(renewalFor(session));

export function useSession(): SessionState {
  return useSyncExternalStore(session.subscribe, session.getState);
}

/** The signed-in state; for components that only render inside a signed-in area. */
export function useSignedInSession(): Extract<SessionState, { status: 'signed-in' }> {
  const state = useSession();
  if (state.status !== 'signed-in') {
    throw new Error('This part of the app needs a signed-in session.');
  }
  return state;
}
