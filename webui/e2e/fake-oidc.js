// A tiny OpenID Connect provider for the end-to-end test of "Sign in with SSO" (e2e/app.js):
// discovery, JWKS (an RSA key made at start), /authorize that signs the user in at once and
// redirects back with a code, and /token that swaps the code (PKCE S256 checked) for an RS256
// access token and ID token. CORS is open, as the browser calls discovery and /token itself.
import { createHash, createSign, generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';

const b64url = (buffer) => Buffer.from(buffer).toString('base64url');

/**
 * Starts the provider on a free loopback port. `claims` go into every token (sub, email,
 * the role claim); `audience` is the access token's aud.
 */
export async function startFakeOidc({ audience, claims }) {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = b64url(randomBytes(8));
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256' };
  const codes = new Map();
  const requests = [];
  let issuer;

  function sign(payload) {
    const header = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }));
    const body = b64url(JSON.stringify(payload));
    const signature = createSign('RSA-SHA256').update(`${header}.${body}`).sign(privateKey);
    return `${header}.${body}.${b64url(signature)}`;
  }

  function send(response, status, body, headers = {}) {
    response.writeHead(status, {
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Headers': 'Content-Type, Accept',
      'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
      'Cache-Control': 'no-store',
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...headers,
    });
    response.end(body === undefined ? undefined : JSON.stringify(body));
  }

  const server = createServer((request, response) => {
    const url = new URL(request.url, issuer);
    requests.push(`${request.method} ${url.pathname}`);
    if (request.method === 'OPTIONS') {
      send(response, 204);
    } else if (url.pathname === '/.well-known/openid-configuration') {
      send(response, 200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
      });
    } else if (url.pathname === '/jwks') {
      send(response, 200, { keys: [jwk] });
    } else if (url.pathname === '/authorize') {
      const q = url.searchParams;
      if (q.get('response_type') !== 'code' || q.get('code_challenge_method') !== 'S256' || !q.get('code_challenge')) {
        send(response, 400, { error: 'invalid_request' });
        return;
      }
      const code = b64url(randomBytes(16));
      codes.set(code, {
        clientId: q.get('client_id'),
        redirectUri: q.get('redirect_uri'),
        challenge: q.get('code_challenge'),
        nonce: q.get('nonce'),
      });
      const back = new URL(q.get('redirect_uri'));
      back.searchParams.set('code', code);
      back.searchParams.set('state', q.get('state') ?? '');
      send(response, 302, undefined, { Location: back.toString() });
    } else if (url.pathname === '/token' && request.method === 'POST') {
      let raw = '';
      request.on('data', (chunk) => (raw += chunk));
      request.on('end', () => {
        const form = new URLSearchParams(raw);
        const grant = codes.get(form.get('code'));
        codes.delete(form.get('code'));
        const verifier = form.get('code_verifier') ?? '';
        if (
          form.get('grant_type') !== 'authorization_code' ||
          !grant ||
          grant.clientId !== form.get('client_id') ||
          grant.redirectUri !== form.get('redirect_uri') ||
          b64url(createHash('sha256').update(verifier).digest()) !== grant.challenge
        ) {
          send(response, 400, { error: 'invalid_grant' });
          return;
        }
        const now = Math.floor(Date.now() / 1000);
        const common = { iss: issuer, iat: now, exp: now + 600, ...claims };
        send(response, 200, {
          token_type: 'Bearer',
          expires_in: 600,
          access_token: sign({ ...common, aud: audience, jti: b64url(randomBytes(8)) }),
          id_token: sign({ ...common, aud: grant.clientId, nonce: grant.nonce }),
        });
      });
    } else {
      send(response, 404, { error: 'not_found' });
    }
  });

  await new Promise((listening) => server.listen(0, '127.0.0.1', listening));
  issuer = `http://127.0.0.1:${server.address().port}`;
  return {
    issuer,
    requests,
    close: () =>
      new Promise((closed) => {
        server.close(closed);
        server.closeAllConnections();
      }),
  };
}
