// The web UI through one address in front of several API replicas, while replicas are stopped.
// api/src/test/java/io/waddleperf/api/ThreeReplicasGaleraIT.java runs it: three API processes on
// a 3-node Galera cluster behind a round-robin proxy (WADDLEPERF_E2E_URL), and a control address
// (WADDLEPERF_E2E_CONTROL_URL) that stops the replica which accepted the latest run.
//
// Steps: sign in through the proxy; the audit log shows the browser's address (the proxy's
// X-Forwarded-For is believed) and not one a client made up; a node enrols through the proxy;
// a run is started in the UI, its replica gets SIGTERM while the run streams samples, and the
// run page still shows the run's end; a second run's replica gets SIGKILL, and the run still ends
// (the sweeper on a survivor ends it at its deadline); the session survives both and a reload.
//
// Environment: WADDLEPERF_E2E_URL, WADDLEPERF_E2E_PASSWORD, WADDLEPERF_E2E_CONTROL_URL (required);
// WADDLEPERF_E2E_EMAIL, WADDLEPERF_E2E_TESTSERVER_JAR, WADDLEPERF_E2E_JAVA,
// WADDLEPERF_E2E_SCREENSHOTS, CHROMIUM_PATH as for e2e/app.js.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { freePort, freeUdpPort, openBrowser, startNode, stepper, ui } from './harness.js';

const baseUrl = (process.env.WADDLEPERF_E2E_URL ?? '').replace(/\/+$/, '');
const controlUrl = (process.env.WADDLEPERF_E2E_CONTROL_URL ?? '').replace(/\/+$/, '');
const email = process.env.WADDLEPERF_E2E_EMAIL ?? 'admin@waddleperf.local';
const password = process.env.WADDLEPERF_E2E_PASSWORD;
const nodeJar = resolve(process.env.WADDLEPERF_E2E_TESTSERVER_JAR ?? '../testserver/target/waddleperf-testserver.jar');
const java = process.env.WADDLEPERF_E2E_JAVA ?? (process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java');
const screenshots = resolve(process.env.WADDLEPERF_E2E_SCREENSHOTS ?? 'target/e2e');
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

if (!baseUrl || !password || !controlUrl) {
  console.error('Set WADDLEPERF_E2E_URL, WADDLEPERF_E2E_PASSWORD and WADDLEPERF_E2E_CONTROL_URL (see ThreeReplicasGaleraIT).');
  process.exit(2);
}

const run = Date.now().toString(36);
const nodeName = `replicas-node-${run}`;
const testName = `Through the proxy ${run}`;
// What a client might claim to be; the API must not believe it.
const forgedAddress = '203.0.113.9';
const terminal = /^(Succeeded|Failed|Timed out|Canceled|Skipped)$/;

mkdirSync(screenshots, { recursive: true });
const scratch = mkdtempSync(join(tmpdir(), 'waddleperf-e2e-replicas-'));
const { step, lines } = stepper();
const { context, page, consoleErrors } = await openBrowser(executablePath, join(scratch, 'chromium'));
const { main, go, signIn } = ui(page, baseUrl);
const shot = (name) => page.screenshot({ path: join(screenshots, `replicas-${name}.png`), fullPage: true });
let node;

/** Stops the replica that accepted the latest run, with `signal`; answers which one. */
async function stopRunsReplica(signal) {
  const response = await fetch(`${controlUrl}/stop-runs-replica?signal=${signal}`, { method: 'POST' });
  assert.equal(response.status, 200, await response.clone().text());
  return response.json();
}

/** "Run now" on the test; waits until its run page draws live samples; answers the run id. */
async function startRunAndWaitForSamples() {
  await go('Tests');
  await main.getByRole('button', { name: `Run ${testName} now` }).click();
  await page.waitForURL(/\/runs\/[^/]+$/);
  const live = main.getByRole('region', { name: 'Live', exact: true });
  const chart = live.getByRole('figure', { name: 'Round-trip time' });
  const ended = main.locator('#run-heading').getByText(terminal);
  await chart.or(ended).first().waitFor({ timeout: 60_000 });
  assert.ok(await chart.isVisible(), `the run ended before any live sample: ${await main.innerText()}`);
  return new URL(page.url()).pathname.split('/').at(-1);
}

/** The run page's final status, once the run has one (the page follows the stream or reloads it). */
async function finalStatus(timeout) {
  const badge = main.locator('#run-heading').getByText(terminal);
  await badge.waitFor({ timeout });
  return badge.innerText();
}

try {
  await step('the ADMIN signs in through the proxy', async () => {
    await signIn(email, password);
    await page.getByRole('banner').getByText('Admin', { exact: true }).waitFor();
  });

  await step('sign-ins are on record with the client’s address: the proxy’s X-Forwarded-For is believed, a forged one is not', async () => {
    // A client that sends its own X-Forwarded-For: the proxy appends the real address, and the API
    // (walking from the right past its trusted proxy) takes that one.
    const forged = await fetch(`${baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': forgedAddress },
      body: JSON.stringify({ email, password }),
    });
    assert.equal(forged.status, 200, await forged.clone().text());
    await go('Audit log');
    const logins = main.getByRole('row').filter({ hasText: 'auth.login' });
    await logins.nth(1).waitFor();
    const addresses = await logins.evaluateAll((rows) => rows.map((row) => row.lastElementChild?.textContent?.trim()));
    // 127.0.0.1 is the browser and the script; the proxy reaches the replicas from 127.0.0.2.
    assert.deepEqual([...new Set(addresses)], ['127.0.0.1'], `sign-ins recorded from ${addresses.join(', ')}`);
    await shot('audit-log');
  });

  let nodePort;
  await step('a node started with an enrolment token made in the UI enrols through the proxy', async () => {
    await go('Nodes');
    await main.getByRole('button', { name: 'Create enrolment token' }).click();
    const panel = page.getByRole('region', { name: 'Enrolment token created' });
    const command = await panel.getByLabel('Start command').inputValue();
    const match = /WADDLEPERF_API_URL=(\S+) WADDLEPERF_ENROLLMENT_TOKEN=(\S+) /.exec(command);
    assert.ok(match, `unexpected command: ${command}`);
    assert.equal(match[1], baseUrl, 'the start command names the one address, not a replica');
    nodePort = await freePort();
    node = startNode({
      java,
      nodeJar,
      apiUrl: baseUrl,
      token: match[2],
      port: nodePort,
      stateDir: join(scratch, 'node-state'),
      name: nodeName,
      region: 'replicas-loopback',
      echoPort: await freeUdpPort(),
      iperfPort: await freePort(),
    });
    await panel.getByRole('button', { name: 'Done, I have saved it' }).click();
    const row = main.getByRole('row', { name: new RegExp(nodeName) });
    await row.getByText('Online', { exact: true }).waitFor({ timeout: 90_000 });
  });

  await step('tier 1’s time limit is 15 s and a tier-1 test of about 8 s exists', async () => {
    // A run whose replica dies is ended by the sweeper after its time limit: 15 s instead of 30 s
    // keeps this test short, and is still well above the run's 8 s.
    await go('Tiers');
    const tier1 = page.getByRole('form', { name: 'Tier 1 settings' });
    await tier1.getByLabel('Time limit (s)').fill('15');
    await tier1.getByRole('button', { name: 'Save tier 1' }).click();
    await tier1.getByText('Tier 1 saved.').waitFor();
    await go('Tests');
    await main.getByRole('button', { name: 'New test' }).click();
    const form = page.getByRole('form', { name: 'Create a test' });
    await form.getByLabel('Name').fill(testName);
    await form.getByLabel('Probe type').selectOption('tcp_connect');
    await form.getByLabel('Target').fill(`127.0.0.1:${nodePort}`);
    // 40 connections 200 ms apart: about 8 s, time to stop a replica while it runs.
    await form.getByLabel('Connections').fill('40');
    await form.getByLabel('Interval (ms)').fill('200');
    await form.getByLabel('Tier').selectOption('1');
    await form.getByLabel('Node', { exact: true }).selectOption({ label: nodeName });
    await form.getByRole('button', { name: 'Create test' }).click();
    await page.getByText(`Test “${testName}” saved.`).waitFor();
  });

  const ends = [];
  await step('a run whose replica gets SIGTERM mid-run still ends, and the page shows it', async () => {
    const runId = await startRunAndWaitForSamples();
    const stopped = await stopRunsReplica('TERM');
    console.log(`     run ${runId} was accepted by ${stopped.replica}; sent SIGTERM to pid ${stopped.pid}`);
    // The time limit (15 s) plus the sweeper's grace and interval, with room for a busy machine.
    // Either the replica's graceful shutdown let it record the node's result (Succeeded), or it
    // left the run open and the sweeper on a survivor ended it (Timed out); both are an end.
    const status = await finalStatus(60_000);
    ends.push({ signal: 'TERM', runId, status });
    console.log(`     run ${runId} ended: ${status}`);
    assert.match(status, /^(Succeeded|Timed out)$/);
    await shot('run-after-sigterm');
  });

  await step('the session goes on after the replica stopped: other pages load through the survivors', async () => {
    await go('Results');
    await main.getByRole('row', { name: new RegExp(testName) }).first().waitFor();
    await go('Nodes');
    await main.getByRole('row', { name: new RegExp(nodeName) }).getByText('Online', { exact: true }).waitFor();
  });

  await step('a run whose replica gets SIGKILL mid-run is ended by the sweeper on a survivor', async () => {
    const runId = await startRunAndWaitForSamples();
    const stopped = await stopRunsReplica('KILL');
    console.log(`     run ${runId} was accepted by ${stopped.replica}; sent SIGKILL to pid ${stopped.pid}`);
    // Only the dispatching replica follows the node's stream, so no result can arrive: the run
    // ends at its time limit, by the sweeper (a cluster job that a survivor takes over).
    const status = await finalStatus(90_000);
    ends.push({ signal: 'KILL', runId, status });
    console.log(`     run ${runId} ended: ${status}`);
    assert.equal(status, 'Timed out');
    await main.getByText(/ended by the sweeper/).waitFor();
    await shot('run-after-sigkill');
  });

  await step('a reload restores the session from the last replica; the overview lists both runs as ended', async () => {
    await page.reload();
    await page.locator('#run-heading').getByText('Timed out', { exact: true }).waitFor();
    assert.equal(await page.getByRole('heading', { name: 'Sign in', exact: true }).count(), 0, 'the reload signed the user out');
    await go('Overview');
    const recent = main.getByRole('region', { name: 'Recent runs' });
    const rows = recent.getByRole('row', { name: new RegExp(testName) });
    await rows.nth(1).waitFor();
    for (const text of await rows.allInnerTexts()) {
      assert.doesNotMatch(text, /Pending|Dispatched|Running/, `a run is still open: ${text}`);
    }
    await shot('overview');
  });

  assert.deepEqual(consoleErrors, [], 'the browser reported errors');
  console.log(`\n${lines.length} passed, 0 failed; runs: ${JSON.stringify(ends)}; screenshots in ${screenshots}`);
} catch (error) {
  await shot('failure').catch(() => undefined);
  if (consoleErrors.length > 0) console.error('Browser errors:', consoleErrors);
  if (node) console.error('--- last lines of the node log ---\n' + node.log().split('\n').slice(-30).join('\n'));
  console.error(error);
  process.exitCode = 1;
} finally {
  await context.close();
  await node?.stop();
  rmSync(scratch, { recursive: true, force: true });
}
