import { accessToken } from '@/lib/access-token';
import { ApiError } from '@/lib/api-client';
import { completeSsoSignIn, SsoError, type SsoTokens } from '@/lib/oidc';
import { session, type ExternalTokens } from '@/lib/session';

import { getMe } from './get-me';

/** The role the API grants an SSO token in its organisation, read from /api/v1/me. */
async function roleFor(tokens: SsoTokens): Promise<string> {
  accessToken.set(tokens.token);
  try {
    const me = await getMe();
    const membership = me.memberships.find((candidate) => candidate.orgId === tokens.discovery.orgId);
    if (!membership) {
      throw new SsoError(`Your SSO sign-in gives you no role in ${tokens.discovery.orgName}.`);
    }
    return membership.role;
  } catch (error) {
    accessToken.set(null);
    if (error instanceof ApiError && error.status === 401) {
      throw new SsoError(
        `WaddlePerf did not accept the token from your identity provider${error.detail ? ` (${error.detail})` : ''}. ` +
          'Ask an administrator of the organisation to check the SSO audience and role mapping.',
      );
    }
    throw error;
  }
}

async function toExternal(tokens: SsoTokens): Promise<ExternalTokens> {
  const role = await roleFor(tokens);
  const renew = tokens.renew;
  return {
    accessToken: tokens.token,
    expiresIn: tokens.expiresIn,
    orgId: tokens.discovery.orgId,
    roles: [role],
    renew: renew ? async () => toExternal(await renew()) : null,
  };
}

export interface SsoSignedIn {
  readonly next: string;
}

/** Completes the callback: checks it, exchanges the code, asks the API for the role, starts the session. */
export async function finishSsoSignIn(search: string): Promise<SsoSignedIn> {
  const tokens = await completeSsoSignIn(search);
  session.establishExternal(await toExternal(tokens));
  return { next: tokens.next };
}

// React runs effects twice in development (StrictMode); the callback may run only once,
// because the pending sign-in and the code are single-use.
let running: { search: string; promise: Promise<SsoSignedIn> } | null = null;

export function finishSsoSignInOnce(search: string): Promise<SsoSignedIn> {
  if (running?.search !== search) {
    running = { search, promise: finishSsoSignIn(search) };
  }
  return running.promise;
}
