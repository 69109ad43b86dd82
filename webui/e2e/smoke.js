// Browser smoke test of the web UI against a running WaddlePerf API (the real jar, real
// database): sign-in, members, API keys, audit log, SSO, reload and sign-out, at desktop
// and phone widths, with screenshots. Not part of `npm test`, so the Maven build needs no
// running API; `npm run test:e2e` starts one (e2e/run.sh).
//
// Environment:
//   WADDLEPERF_E2E_URL          the API serving the UI (default http://localhost:18080)
//   WADDLEPERF_E2E_EMAIL        an ADMIN's e-mail (default admin@waddleperf.local)
//   WADDLEPERF_E2E_PASSWORD     its password (required)
//   WADDLEPERF_E2E_SCREENSHOTS  where to write PNGs (default target/e2e-screenshots)
//   CHROMIUM_PATH               the browser (default /usr/bin/chromium, Debian's package)
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { chromium } from 'playwright-core';

const baseUrl = (process.env.WADDLEPERF_E2E_URL ?? 'http://localhost:18080').replace(/\/+$/, '');
const email = process.env.WADDLEPERF_E2E_EMAIL ?? 'admin@waddleperf.local';
const password = process.env.WADDLEPERF_E2E_PASSWORD;
const screenshots = resolve(process.env.WADDLEPERF_E2E_SCREENSHOTS ?? 'target/e2e-screenshots');
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

if (!password) {
  console.error('Set WADDLEPERF_E2E_PASSWORD to the password of ' + email);
  process.exit(2);
}

// A unique suffix keeps reruns against the same database from colliding with earlier data.
const run = Date.now().toString(36);
const invitee = `e2e-${run}@example.com`;
const keyName = `Smoke key ${run}`;

const steps = [];
async function step(name, body) {
  const started = performance.now();
  try {
    await body();
    steps.push(`ok   ${name} (${Math.round(performance.now() - started)} ms)`);
    console.log(steps.at(-1));
  } catch (error) {
    console.log(`FAIL ${name}`);
    throw error;
  }
}

async function api(path, { method = 'GET', token, apiKey, body } = {}) {
  const headers = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (apiKey) headers.Authorization = `ApiKey ${apiKey}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(baseUrl + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

mkdirSync(screenshots, { recursive: true });
const userDataDir = mkdtempSync(join(tmpdir(), 'waddleperf-e2e-chromium-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath,
  headless: true,
  viewport: { width: 1280, height: 800 },
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
context.setDefaultTimeout(15_000);

// Uncaught exceptions and console errors fail the run. Chromium also logs every non-2xx
// response as a console error; those are expected here (wrong password, 409, 404 for an
// unconfigured SSO) and are checked through the UI instead.
const consoleErrors = [];
const page = context.pages()[0] ?? (await context.newPage());
page.on('pageerror', (error) => consoleErrors.push(`page error: ${error.message}`));
page.on('console', (message) => {
  if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
    consoleErrors.push(message.text());
  }
});

const shot = (name) => page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
const main = page.getByRole('main');

try {
  await step('a protected page sends a signed-out visitor to sign-in', async () => {
    await page.goto(`${baseUrl}/members`);
    await page.getByRole('heading', { name: 'Sign in', exact: true }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/sign-in');
    assert.equal(new URL(page.url()).searchParams.get('next'), '/members');
    await shot('sign-in');
  });

  await step('a wrong password shows the server’s reason', async () => {
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /Sign-in failed: E-mail or password is wrong/);
    await shot('sign-in-failed');
  });

  await step('signing in returns to the page asked for', async () => {
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Members' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/members');
    const header = page.getByRole('banner');
    await header.getByText('Admin', { exact: true }).waitFor();
    await header.getByRole('button', { name: 'Sign out' }).waitFor();
    for (const link of ['Members', 'API keys', 'Single sign-on', 'Audit log']) {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link }).waitFor();
    }
    const stored = await page.evaluate(() => Object.keys(sessionStorage));
    assert.deepEqual(stored, ['waddleperf.refreshToken']);
  });

  let initialPassword;
  await step('inviting a new person shows a working one-time password', async () => {
    const form = page.getByRole('form', { name: 'Invite a member' });
    await form.getByLabel('E-mail').fill(invitee);
    await form.getByLabel('Name (optional)').fill('Eve Example');
    await form.getByLabel('Role').selectOption('MAINTAINER');
    await form.getByRole('button', { name: 'Invite' }).click();
    const secret = page.getByRole('region', { name: `Initial password for ${invitee}` });
    await secret.waitFor();
    initialPassword = await secret.getByLabel('Initial password').inputValue();
    assert.ok(initialPassword.length >= 12, 'initial password looks too short');
    await main.getByRole('row', { name: new RegExp(invitee.replace('.', '\\.')) }).waitFor();
    await shot('members');
    const login = await api('/api/v1/auth/login', { method: 'POST', body: { email: invitee, password: initialPassword } });
    assert.equal(login.status, 200, 'the invitee cannot sign in with the shown password');
    assert.deepEqual(login.body.roles, ['MAINTAINER']);
    await secret.getByRole('button', { name: 'Done, I have saved it' }).click();
    assert.equal(await page.getByText(initialPassword).count(), 0);
    assert.equal(await page.getByLabel('Initial password', { exact: true }).count(), 0);
  });

  await step('changing a role, and the refused demotion of the last admin', async () => {
    await main.getByLabel(`Role of ${invitee}`).selectOption('VIEWER');
    await page.getByText(`${invitee} is now a Viewer.`).waitFor();
    await main.getByLabel(`Role of ${email}`).selectOption('VIEWER');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /An organisation needs at least one ADMIN; promote someone else first/);
    // The select falls back to what the server holds.
    await page.waitForFunction((label) => document.querySelector(`select[aria-label="${label}"]`)?.value === 'ADMIN', `Role of ${email}`);
    await shot('members-last-admin');
  });

  await step('removing a member asks first', async () => {
    await main.getByRole('button', { name: `Remove ${invitee}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Remove member?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Remove' }).click();
    await page.getByText(`${invitee} was removed from the organisation.`).waitFor();
    await main.getByRole('row', { name: new RegExp(invitee.replace('.', '\\.')) }).waitFor({ state: 'detached' });
  });

  let secret;
  await step('creating an API key shows its secret once, and the key works', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'API keys' }).click();
    await page.getByRole('heading', { level: 1, name: 'API keys' }).waitFor();
    const form = page.getByRole('form', { name: 'Create an API key' });
    await form.getByLabel('Name').fill(keyName);
    await form.getByLabel('Role').selectOption('VIEWER');
    await form.getByRole('button', { name: 'Create key' }).click();
    const panel = page.getByRole('region', { name: `Key “${keyName}” created` });
    await panel.waitFor();
    secret = await panel.getByLabel('API key').inputValue();
    assert.match(secret, /^wpk_/);
    await main.getByRole('row', { name: new RegExp(keyName) }).waitFor();
    await shot('api-keys');
    const me = await api('/api/v1/me', { apiKey: secret });
    assert.equal(me.status, 200);
    assert.equal(me.body.kind, 'api_key');
    await panel.getByRole('button', { name: 'Done, I have saved it' }).click();
    assert.equal(await page.getByText(secret).count(), 0);
    assert.equal(await page.getByLabel('API key', { exact: true }).count(), 0);
  });

  await step('revoking the key stops it working', async () => {
    await main.getByRole('button', { name: `Revoke ${keyName}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Revoke API key?' });
    await dialog.getByRole('button', { name: 'Revoke' }).click();
    await page.getByText(`The key “${keyName}” was revoked; requests with it now fail.`).waitFor();
    assert.equal((await api('/api/v1/me', { apiKey: secret })).status, 401);
  });

  await step('SSO shows the server’s field errors next to the fields', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Single sign-on' }).click();
    await page.getByRole('heading', { level: 1, name: 'Single sign-on' }).waitFor();
    await page.getByText('Not configured').waitFor();
    // Accepted by the browser's URL check, refused by the API's http(s) rule.
    await page.getByLabel('Issuer URI').fill('ftp://login.example.com');
    await page.getByLabel('Audience').fill('waddleperf');
    await page.getByLabel('Claim value 1', { exact: true }).fill('wp-admins');
    await page.getByLabel('Role for claim value 1').selectOption('ADMIN');
    await page.getByRole('button', { name: 'Enable SSO' }).click();
    await page.getByText('must be an http(s) URL').waitFor();
    const issuer = page.getByLabel('Issuer URI');
    assert.equal(await issuer.getAttribute('aria-invalid'), 'true');
    const describedBy = await issuer.getAttribute('aria-describedby');
    assert.match(await page.locator(`[id="${describedBy.split(' ').at(-1)}"]`).innerText(), /must be an http\(s\) URL/);
    await shot('sso-field-errors');
  });

  await step('SSO saves and can be removed', async () => {
    await page.getByLabel('Issuer URI').fill('https://login.example.com/realms/acme');
    await page.getByRole('button', { name: 'Enable SSO' }).click();
    await page.getByText('SSO settings saved.').waitFor();
    await page.getByText('Enabled', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Remove SSO' }).click();
    await page.getByRole('dialog', { name: 'Remove SSO?' }).getByRole('button', { name: 'Remove SSO' }).click();
    await page.getByText('SSO was removed.').waitFor();
  });

  await step('the audit log lists what just happened, newest first', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    const rows = main.getByRole('row');
    await rows.nth(1).waitFor();
    assert.match(await rows.nth(1).innerText(), /Removed SSO/);
    await main.getByText('Invited a member').first().waitFor();
    await shot('audit-log');
  });

  await step('a reload keeps the session', async () => {
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/audit');
  });

  await step('narrow screens keep every control reachable', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    const nav = page.getByRole('navigation', { name: 'Main' });
    for (const [link, heading, loaded] of [
      ['Members', 'Members', main.getByRole('row', { name: new RegExp(email.replace('.', '\\.')) })],
      ['API keys', 'API keys', main.getByRole('row', { name: new RegExp(keyName) })],
      ['Audit log', 'Audit log', main.getByRole('row').nth(1)],
      ['Single sign-on', 'Single sign-on', page.getByLabel('Issuer URI')],
    ]) {
      await nav.getByRole('link', { name: link }).click();
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await loaded.waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${heading} scrolls sideways by ${overflow}px at 390px`);
      if (link === 'Members') await shot('members-narrow');
    }
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  await step('signing out ends the session here and on the server', async () => {
    const refreshToken = await page.evaluate(() => sessionStorage.getItem('waddleperf.refreshToken'));
    // The page forgets the session at once and revokes it in the background; wait for that.
    const logout = page.waitForResponse((response) => response.url().endsWith('/api/v1/auth/logout'));
    await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('You have signed out.').waitFor();
    assert.equal((await logout).status(), 204);
    assert.equal(await page.evaluate(() => sessionStorage.length), 0);
    const reuse = await api('/api/v1/auth/refresh', { method: 'POST', body: { refreshToken } });
    assert.equal(reuse.status, 401, 'the refresh token still works after sign-out');
  });

  assert.deepEqual(consoleErrors, [], 'the browser reported errors');
  console.log(`\n${steps.length} passed, 0 failed; screenshots in ${screenshots}`);
} catch (error) {
  await shot('failure').catch(() => undefined);
  if (consoleErrors.length > 0) console.error('Browser errors:', consoleErrors);
  console.error(error);
  process.exitCode = 1;
} finally {
  await context.close();
  rmSync(userDataDir, { recursive: true, force: true });
}
