// End-to-end test of the web UI in headless Chromium against the real API jar (embedded
// MariaDB) and a real test-server node that this script starts with the enrolment token the
// ADMIN creates in the UI. api/src/test/java/io/waddleperf/api/WebUiE2eIT.java runs it in
// `./mvnw verify`; e2e/run.sh runs it by hand (`npm run test:e2e -- app`).
//
// Parts:
//   1. today's API: sign-in, enrolment token -> node online, test form (field error, create),
//      tiers, license, a VIEWER without edit controls;
//   2. runs and results (run now -> live chart while running -> summary and verdict -> the run's
//      row in the CSV export -> its verdict on the overview) and the recorded browser speed test.
//      They run when the API's OpenAPI document has those endpoints, and the output says clearly
//      when they were skipped;
//   2b. the map: results with public target addresses shade their countries; a tooltip shows the
//      sample count (when the API has the heatmap endpoint);
//   3. sign-in with SSO: a fake OIDC provider (e2e/fake-oidc.js) on a free loopback port, the
//      organisation's SSO pointed at it, and a fresh browser that signs in through it as a VIEWER.
//
// Environment:
//   WADDLEPERF_E2E_URL              the API serving the UI (required)
//   WADDLEPERF_E2E_PASSWORD         the bootstrap ADMIN's password (required)
//   WADDLEPERF_E2E_EMAIL            its e-mail (default admin@waddleperf.local)
//   WADDLEPERF_E2E_TESTSERVER_JAR   the node jar (default ../testserver/target/waddleperf-testserver.jar)
//   WADDLEPERF_E2E_JAVA             java executable for the node (default: $JAVA_HOME/bin/java, else java)
//   WADDLEPERF_E2E_SCREENSHOTS      where to write PNGs (default target/e2e)
//   CHROMIUM_PATH                   the browser (default /usr/bin/chromium)
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { chromium } from 'playwright-core';

import { startFakeOidc } from './fake-oidc.js';
import { freePort, freeUdpPort, launchArgs } from './harness.js';

const baseUrl = (process.env.WADDLEPERF_E2E_URL ?? '').replace(/\/+$/, '');
const email = process.env.WADDLEPERF_E2E_EMAIL ?? 'admin@waddleperf.local';
const password = process.env.WADDLEPERF_E2E_PASSWORD;
const nodeJar = resolve(process.env.WADDLEPERF_E2E_TESTSERVER_JAR ?? '../testserver/target/waddleperf-testserver.jar');
const java = process.env.WADDLEPERF_E2E_JAVA ?? (process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java');
const screenshots = resolve(process.env.WADDLEPERF_E2E_SCREENSHOTS ?? 'target/e2e');
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

if (!baseUrl || !password) {
  console.error('Set WADDLEPERF_E2E_URL and WADDLEPERF_E2E_PASSWORD (the bootstrap admin of that API).');
  process.exit(2);
}

const run = Date.now().toString(36);
const nodeName = `e2e-node-${run}`;
const testName = `Node self-check ${run}`;
const viewerEmail = `viewer-${run}@example.com`;

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
function skip(name, reason) {
  steps.push(`SKIP ${name}: ${reason}`);
  console.log(steps.at(-1));
}

mkdirSync(screenshots, { recursive: true });
const scratch = mkdtempSync(join(tmpdir(), 'waddleperf-e2e-'));
let node;
let nodeLog = '';

// The node's iperf3 and UDP echo ports, free ones chosen here (other builds on this machine may
// hold 5201 and 2000) so that a tier run can name them.
let iperfPort;
let echoPort;

function startNode(token, port) {
  node = spawn(java, ['-jar', nodeJar], {
    env: {
      ...process.env,
      PORT: String(port),
      WADDLEPERF_API_URL: baseUrl,
      WADDLEPERF_ENROLLMENT_TOKEN: token,
      WADDLEPERF_STATE_DIR: join(scratch, 'node-state'),
      WADDLEPERF_NODE_NAME: nodeName,
      WADDLEPERF_NODE_REGION: 'e2e-loopback',
      WADDLEPERF_NODE_ADVERTISEDURL: `http://127.0.0.1:${port}`,
      // Without the API's key set the node accepts no probe runs (as ./run configures it).
      WADDLEPERF_CONTROL_JWKSURI: `${baseUrl}/.well-known/jwks.json`,
      // The test probes the node's own loopback endpoints; the speed test runs from the UI's origin.
      WADDLEPERF_PROBES_ALLOWLOOPBACK: 'true',
      WADDLEPERF_SPEEDTEST_ALLOWEDORIGINS: baseUrl,
      WADDLEPERF_ECHO_PORT: String(echoPort),
      WADDLEPERF_IPERF_PORT: String(iperfPort),
      // A tier-3 capture at loopback speed: the first 2,000 packets (at most 288 KB) are plenty.
      WADDLEPERF_CAPTURE_MAXPACKETS: '2000',
      WADDLEPERF_LOG_FORMAT: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk) => {
    nodeLog = (nodeLog + chunk.toString()).slice(-20_000);
  };
  node.stdout.on('data', keep);
  node.stderr.on('data', keep);
}

async function stopNode() {
  if (!node || node.exitCode !== null) return;
  const exited = new Promise((done) => node.once('exit', done));
  node.kill('SIGTERM');
  const timer = setTimeout(() => node.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

async function apiDocsPaths() {
  const response = await fetch(`${baseUrl}/v3/api-docs`);
  return Object.keys((await response.json()).paths ?? {});
}

const context = await chromium.launchPersistentContext(join(scratch, 'chromium'), {
  executablePath,
  headless: true,
  viewport: { width: 1280, height: 800 },
  acceptDownloads: true,
  args: launchArgs,
});
context.setDefaultTimeout(20_000);

const consoleErrors = [];
const page = context.pages()[0] ?? (await context.newPage());
page.on('pageerror', (error) => consoleErrors.push(`page error: ${error.message}`));
page.on('console', (message) => {
  // Chromium logs every non-2xx response as "Failed to load resource"; those are checked
  // through the UI instead.
  if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
    consoleErrors.push(message.text());
  }
});

const shot = (name) => page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
const main = page.getByRole('main');
const nav = page.getByRole('navigation', { name: 'Main' });
async function go(link, heading = link) {
  await nav.getByRole('link', { name: link, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

async function signIn(who, secret) {
  await page.goto(`${baseUrl}/`);
  await page.getByRole('heading', { name: 'Sign in', exact: true }).waitFor();
  await page.getByLabel('E-mail').fill(who);
  await page.getByLabel('Password').fill(secret);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
}

async function signOut() {
  await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
  await page.getByText('You have signed out.').waitFor();
}

let nodePort;
let runsAvailable;
let speedTestsAvailable;
try {
  const paths = await apiDocsPaths();
  runsAvailable = paths.includes('/api/v1/orgs/{orgId}/runs') && paths.includes('/api/v1/orgs/{orgId}/results/export');
  speedTestsAvailable = paths.includes('/api/v1/orgs/{orgId}/speedtests');

  // ---- Part 1: what today's API supports ----

  await step('the ADMIN signs in', async () => {
    await signIn(email, password);
    await page.getByRole('banner').getByText('Admin', { exact: true }).waitFor();
  });

  let token;
  await step('an enrolment token comes with the exact start command', async () => {
    await go('Nodes');
    await main.getByText('No nodes yet').waitFor();
    await main.getByRole('button', { name: 'Create enrolment token' }).click();
    const panel = page.getByRole('region', { name: 'Enrolment token created' });
    await panel.waitFor();
    const command = await panel.getByLabel('Start command').inputValue();
    const match = /^WADDLEPERF_API_URL=(\S+) WADDLEPERF_ENROLLMENT_TOKEN=(\S+) java -jar waddleperf-testserver\.jar$/.exec(command);
    assert.ok(match, `unexpected command: ${command}`);
    assert.equal(match[1], baseUrl);
    token = match[2];
    await shot('nodes-enrolment-token');
  });

  await step('a node started with that token enrols and shows as online', async () => {
    nodePort = await freePort();
    iperfPort = await freePort();
    echoPort = await freeUdpPort();
    startNode(token, nodePort);
    await page.getByRole('region', { name: 'Enrolment token created' }).getByRole('button', { name: 'Done, I have saved it' }).click();
    const row = main.getByRole('row', { name: new RegExp(nodeName) });
    // JVM start plus the first heartbeat; the page polls every 5 s.
    await row.getByText('Online', { exact: true }).waitFor({ timeout: 90_000 });
    assert.match(await row.innerText(), /e2e-loopback/);
    await shot('nodes');
  });

  await step('the test form shows a field error next to the field', async () => {
    await go('Tests');
    await main.getByRole('button', { name: 'New test' }).click();
    const form = page.getByRole('form', { name: 'Create a test' });
    await form.getByLabel('Name').fill(testName);
    await form.getByLabel('Probe type').selectOption('tcp_connect');
    // TCP connect needs a port: the same rule the API applies.
    await form.getByLabel('Target').fill('127.0.0.1');
    await form.getByLabel('Connections').fill('5000');
    await form.getByRole('button', { name: 'Create test' }).click();
    const target = form.getByLabel('Target');
    await form.getByText('must include a port (host:port)').waitFor();
    assert.equal(await target.getAttribute('aria-invalid'), 'true');
    const describedBy = (await target.getAttribute('aria-describedby')).split(' ');
    assert.match(await page.locator(`[id="${describedBy.at(-1)}"]`).innerText(), /must include a port/);
    await form.getByText('must be a whole number from 1 to 1000').waitFor();
    await shot('test-form-field-errors');
  });

  await step('a test longer than a run may last is refused next to the field before it is sent', async () => {
    const form = page.getByRole('form', { name: 'Create a test' });
    const posted = [];
    const onRequest = (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/tests')) posted.push(request.url());
    };
    page.on('request', onRequest);
    await form.getByLabel('Target').fill(`127.0.0.1:${nodePort}`);
    await form.getByLabel('Connections').fill('1000');
    await form.getByLabel('Interval (ms)').fill('10000');
    await form.getByRole('button', { name: 'Create test' }).click();
    // The rule and its message come from GET /api/v1/probe-types: the words the API would answer with.
    const message = 'count × intervalMillis must be at most 300 s; it is 10,000 s';
    await form.getByText(message).waitFor();
    const connections = form.getByLabel('Connections');
    assert.equal(await connections.getAttribute('aria-invalid'), 'true');
    const describedBy = (await connections.getAttribute('aria-describedby')).split(' ');
    assert.equal(await page.locator(`[id="${describedBy.at(-1)}"]`).innerText(), message);
    page.off('request', onRequest);
    assert.deepEqual(posted, [], 'the form sent a test the API would refuse');
  });

  await step('a valid test is created against the node’s own loopback port', async () => {
    const form = page.getByRole('form', { name: 'Create a test' });
    await form.getByLabel('Target').fill(`127.0.0.1:${nodePort}`);
    await form.getByLabel('Connections').fill('20');
    await form.getByLabel('Interval (ms)').fill('200');
    await form.getByLabel('Tier').selectOption('1');
    await form.getByLabel('Node', { exact: true }).selectOption({ label: nodeName });
    await form.getByRole('button', { name: 'Create test' }).click();
    await page.getByText(`Test “${testName}” saved.`).waitFor();
    const row = main.getByRole('row', { name: new RegExp(testName) });
    await row.waitFor();
    assert.match(await row.innerText(), new RegExp(nodeName));
    await shot('tests');
  });

  await step('editing the test keeps its settings and saves the change', async () => {
    await main.getByRole('button', { name: `Edit ${testName}` }).click();
    const form = page.getByRole('form', { name: 'Edit test' });
    assert.equal(await form.getByLabel('Target').inputValue(), `127.0.0.1:${nodePort}`);
    assert.equal(await form.getByLabel('Connections').inputValue(), '20');
    // 40 connections 200 ms apart: about 8 s, long enough to watch live samples arrive.
    await form.getByLabel('Connections').fill('40');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tests' }).waitFor();
    await main.getByRole('row', { name: new RegExp(testName) }).waitFor();
  });

  await step('tier profiles show the SPEC defaults and save an edit', async () => {
    await go('Tiers');
    const tier1 = page.getByRole('form', { name: 'Tier 1 settings' });
    assert.equal(await tier1.getByLabel('Latency above (ms)').inputValue(), '100');
    await tier1.getByLabel('Loss above (%)').fill('150');
    await tier1.getByRole('button', { name: 'Save tier 1' }).click();
    await tier1.getByText('must be a number from 0 to 100').waitFor();
    await tier1.getByLabel('Loss above (%)').fill('4');
    await tier1.getByRole('button', { name: 'Save tier 1' }).click();
    await tier1.getByText('Tier 1 saved.').waitFor();
    await page.getByText('customised').waitFor();
    await shot('tiers');
  });

  await step('the license page shows the development licence', async () => {
    await go('License');
    await main.getByText('Development mode: no license checks, every feature on').waitFor();
    await main.getByRole('row', { name: /audit_log/ }).waitFor();
    await shot('license');
  });

  // ---- Part 2: runs, results and recorded speed tests ----

  if (runsAvailable) {
    let runId;
    await step('“Run now” opens the run page with a live chart, then the summary and verdict', async () => {
      await go('Tests');
      await main.getByRole('button', { name: `Run ${testName} now` }).click();
      await page.waitForURL(/\/runs\/[^/]+$/);
      runId = new URL(page.url()).pathname.split('/').at(-1);
      // The "Live" card (its heading says "Per-second samples" once the run has ended) gets its
      // chart from a sample event while the run is still going.
      const live = main.getByRole('region', { name: 'Live', exact: true });
      const chart = live.getByRole('figure', { name: 'Round-trip time' });
      // Stop waiting as soon as the run has ended without one (with the reason in the message).
      const ended = main.getByText(/^(Failed|Timed out|Canceled|Succeeded)$/);
      await chart.or(ended).first().waitFor({ timeout: 60_000 });
      assert.ok(await chart.isVisible(), `no live sample before the run ended: ${await main.locator('section').first().innerText()}`);
      assert.equal(await main.getByRole('region', { name: 'Summary' }).count(), 0, 'the summary showed before the run ended');
      // A few seconds of samples, still live, for a chart worth a screenshot.
      // The x axis's last tick: the latest second.
      await chart.locator('[data-axis="x"] text').filter({ hasText: /^3$/ }).waitFor({ timeout: 30_000 });
      await live.getByText(/^Last RTT: [\d.]+ ms$/).waitFor();
      await main.getByRole('button', { name: 'Cancel run' }).waitFor();
      await shot('run-live');
      // The run's status badge in its heading; the summary below also has a "Succeeded" count.
      await main.locator('#run-heading').getByText('Succeeded', { exact: true }).waitFor({ timeout: 60_000 });
      const summary = main.getByRole('region', { name: 'Summary' });
      await summary.waitFor();
      // Named and with units from GET /api/v1/probe-types, not raw keys.
      assert.match(await summary.innerText(), /RTT p50\s+[\d.]+ ms/);
      // The verdict comes from the stored result: tier 1 thresholds on a loopback connect.
      await main.getByText('Within thresholds', { exact: true }).waitFor();
      await summary.getByText('Every threshold of the tier was met.').waitFor();
      await main.getByRole('region', { name: 'Per-second samples' }).getByRole('figure', { name: 'Round-trip time' }).waitFor();
      await shot('run');
    });

    await step('results list the run and export it as CSV', async () => {
      await go('Results');
      const row = main.getByRole('row', { name: new RegExp(testName) }).first();
      await row.waitFor();
      assert.match(await row.innerText(), new RegExp(`127\\.0\\.0\\.1:${nodePort}`));
      const downloading = page.waitForEvent('download');
      await main.getByRole('button', { name: 'Export CSV' }).click();
      const download = await downloading;
      assert.match(download.suggestedFilename(), /^results-\d{8}T\d{6}Z\.csv$/);
      const file = join(scratch, download.suggestedFilename());
      await download.saveAs(file);
      const csv = readFileSync(file, 'utf8');
      const [header, ...rows] = csv.trim().split(/\r?\n/);
      const columns = header.split(',');
      const runColumn = columns.indexOf('runId');
      assert.ok(runColumn >= 0, `no runId column in ${header}`);
      const mine = rows.find((line) => line.split(',')[runColumn] === runId);
      assert.ok(mine, `the CSV has no row for run ${runId}:\n${csv}`);
      assert.ok(mine.includes(`127.0.0.1:${nodePort}`), `the run's row lacks its target: ${mine}`);
      assert.ok(mine.split(',').includes('ok'), `the run's row has no ok verdict: ${mine}`);
      await main.getByText(/^Downloaded /).waitFor();
      await shot('results');
    });

    // tcpdump needs root (or CAP_NET_RAW); the node runs as this script's user.
    const canCapture =
      process.getuid?.() === 0 && ['/usr/bin/tcpdump', '/usr/sbin/tcpdump'].some((path) => existsSync(path));
    if (canCapture) {
      await step('a tier-3 run started on the Tiers page archives its packet capture, which downloads', async () => {
        await go('Tiers');
        const form = page.getByRole('form', { name: 'Run a tier' });
        await form.getByLabel('Tier').selectOption('3');
        await form.getByLabel('Target').fill('127.0.0.1');
        await form.getByLabel('Run on').selectOption({ label: nodeName });
        await form.getByLabel('iperf3 port').fill(String(iperfPort));
        await form.getByLabel('UDP echo port').fill(String(echoPort));
        await form.getByRole('button', { name: 'Run tier' }).click();
        await page.waitForURL(/\/runs\/[^/]+$/);
        // WebUiE2eIT shortens tier 3's transfer to 3 s; the status badge in the run's heading.
        await main.locator('#run-heading').getByText('Succeeded', { exact: true }).waitFor({ timeout: 90_000 });
        const archive = main.getByRole('region', { name: 'Archived artefacts' });
        const row = archive.getByRole('row', { name: /capture\.pcap/ });
        // Listed when the run ends, downloadable once the uploader has it in S3 (the card polls).
        await row.getByText('archived', { exact: true }).waitFor({ timeout: 30_000 });
        await shot('run-tier3-capture');
        const downloading = page.waitForEvent('download');
        await row.getByRole('button', { name: /^Download capture\.pcap/ }).click();
        const download = await downloading;
        const file = join(scratch, 'capture.pcap');
        await download.saveAs(file);
        const pcap = readFileSync(file);
        // A pcap file header (tcpdump writes little-endian, microseconds) with snap length 128.
        assert.equal(pcap.readUInt32LE(0), 0xa1b2c3d4, 'not a pcap file');
        assert.equal(pcap.readUInt32LE(16), 128, 'snap length');
        assert.ok(pcap.length > 24 + 16, `the capture holds no packet (${pcap.length} bytes)`);
        const sha = (await row.locator('code').getAttribute('title')) ?? '';
        assert.equal(createHash('sha256').update(pcap).digest('hex'), sha, 'the download matches the listed SHA-256');
      });
    } else {
      skip('a tier-3 run archives its packet capture', 'tcpdump needs root and tcpdump installed');
    }

    await step('a MAINTAINER-level user creates a monitor; its round runs on the node', async () => {
      // Tier 1 breached by any latency at all, so the monitor's first round escalates (restored below).
      await go('Tiers');
      const tier1 = page.getByRole('form', { name: 'Tier 1 settings' });
      await tier1.getByLabel('Latency above (ms)').fill('0');
      await tier1.getByRole('button', { name: 'Save tier 1' }).click();
      await tier1.getByText('Tier 1 saved.').waitFor();
      await go('Monitors');
      await main.getByText('No monitors yet').waitFor();
      await main.getByRole('button', { name: 'Create monitor' }).click();
      const form = page.getByRole('form', { name: 'Create a monitor' });
      await form.getByLabel('Name').fill(`Self ${run}`);
      await form.getByLabel('Target').fill(`127.0.0.1:${nodePort}`);
      for (const probe of ['DNS', 'HTTP', 'UDP echo']) {
        await form.getByLabel(probe, { exact: true }).uncheck();
      }
      await form.getByLabel('Node 1').selectOption({ label: nodeName });
      await form.getByLabel('UDP echo port').fill(String(echoPort));
      await form.getByLabel('iperf3 port').fill(String(iperfPort));
      await form.getByLabel('Interval (seconds)').fill('10');
      await form.getByRole('button', { name: 'Create monitor' }).click();
      // Checked before it is sent, with the API's own bounds.
      await form.getByText('must be 30-86400 seconds', { exact: false }).waitFor();
      await form.getByLabel('Interval (seconds)').fill('30');
      await form.getByRole('button', { name: 'Create monitor' }).click();
      await main.getByText(`Monitor “Self ${run}” saved.`).waitFor();
      const row = main.getByRole('row', { name: new RegExp(`Self ${run}`) });
      await row.getByText('Enabled', { exact: true }).waitFor();
      assert.match(await row.innerText(), /every 30 s/);
      assert.match(await row.innerText(), new RegExp(nodeName));
      // The first slot comes within the monitor's interval (plus its jitter); the list polls.
      await row.getByText('never').waitFor({ state: 'detached', timeout: 60_000 });
      await shot('monitors');
    });

    await step('the live board shows the monitor’s row and updates it when the next round ends', async () => {
      await go('Live board');
      const row = main.getByRole('row').filter({ hasText: `Self ${run}` }).filter({ hasText: 'TCP connect' });
      await row.getByText('0/1', { exact: true }).waitFor({ timeout: 30_000 });
      await main.getByText('Live', { exact: true }).first().waitFor();
      // The snapshot is not read again: the next round (30 s on) comes through the event stream.
      await row.getByText('0/2', { exact: true }).waitFor({ timeout: 90_000 });
      assert.match(await row.innerText(), /ms/);
      // The breach escalated: tier 2's probes have rows of their own.
      await main.getByRole('row').filter({ hasText: `Self ${run}` }).filter({ hasText: /UDP echo/ }).first().waitFor({ timeout: 60_000 });
      await shot('live-board');
    });

    await step('the monitor’s page draws its trend and lists the escalation', async () => {
      await go('Monitors');
      await main.getByRole('link', { name: `Self ${run}` }).click();
      await page.waitForURL(/\/monitors\/[^/]+$/);
      const trends = main.getByRole('region', { name: 'Trends', exact: true });
      // uPlot's canvas, drawn from the series of the node's rounds.
      await trends.locator('canvas').first().waitFor();
      await trends.getByRole('row', { name: new RegExp(`${nodeName} p50`) }).waitFor();
      const escalations = main.getByRole('region', { name: 'Escalations', exact: true });
      const tier2 = escalations.getByRole('row').filter({ hasText: nodeName }).first();
      await tier2.waitFor({ timeout: 30_000 });
      assert.match(await escalations.innerText(), /latencyMs/);
      await shot('monitor-trends');
      // Back to the SPEC threshold, and the monitor paused, for the steps after this one.
      await go('Tiers');
      const tier1 = page.getByRole('form', { name: 'Tier 1 settings' });
      await tier1.getByLabel('Latency above (ms)').fill('100');
      await tier1.getByRole('button', { name: 'Save tier 1' }).click();
      await tier1.getByText('Tier 1 saved.').waitFor();
      await go('Monitors');
      const row = main.getByRole('row', { name: new RegExp(`Self ${run}`) });
      await main.getByRole('button', { name: `Pause Self ${run}` }).click();
      await row.getByText('Paused', { exact: true }).waitFor();
    });

    await step('the dashboard lists the run with its verdict', async () => {
      await go('Overview');
      const runs = main.getByRole('region', { name: 'Recent runs' });
      const row = runs.getByRole('row', { name: new RegExp(testName) });
      await row.getByText('OK', { exact: true }).waitFor();
      assert.match(await row.innerText(), /Succeeded/);
    });
  } else {
    skip('run now, live chart, summary, results and CSV export', 'the API has no runs/results endpoints yet');
  }

  await step('the browser speed test measures against the node', async () => {
    await go('Speed test');
    await main.getByLabel('Test against').selectOption({ label: `${nodeName} (e2e-loopback)` });
    await main.getByRole('button', { name: 'Start speed test' }).click();
    await main.getByRole('heading', { name: 'Result' }).waitFor({ timeout: 60_000 });
    const download = await main.getByLabel(/^Download [\d.]+ Mbit\/s$/).innerText();
    assert.ok(Number.parseFloat(download) > 0, `download was ${download}`);
    if (speedTestsAvailable) {
      await main.getByText('Result recorded.').waitFor();
    }
    await shot('speed-test');
    if (speedTestsAvailable) {
      await main.getByRole('link', { name: 'See speed-test results' }).click();
      await page.getByRole('heading', { level: 1, name: 'Results' }).waitFor();
      const row = main.getByRole('row', { name: new RegExp(`speedtest.*${nodeName}`) }).first();
      await row.waitFor();
      assert.match(await row.innerText(), /↓ [\d.]+ Mbit\/s/);
    }
  });
  if (!speedTestsAvailable) {
    skip('recording the speed test', 'the API has no speedtests endpoint yet');
  }

  await step('the dashboard shows node health', async () => {
    await go('Overview');
    const nodes = main.getByRole('region', { name: 'Nodes' });
    await nodes.getByText('Online').waitFor();
    assert.match(await nodes.innerText(), /Online\s*1/);
    await shot('dashboard');
  });

  await step('narrow windows keep every page usable', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const link of ['Tests', 'Nodes', 'Tiers', 'Speed test']) {
      await go(link);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${link} scrolls sideways by ${overflow}px at 390px`);
    }
    await shot('tests-narrow');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  let viewerPassword;
  await step('the ADMIN invites a VIEWER', async () => {
    await go('Members');
    const form = page.getByRole('form', { name: 'Invite a member' });
    await form.getByLabel('E-mail').fill(viewerEmail);
    await form.getByLabel('Role').selectOption('VIEWER');
    await form.getByRole('button', { name: 'Invite' }).click();
    const secret = page.getByRole('region', { name: `Initial password for ${viewerEmail}` });
    viewerPassword = await secret.getByLabel('Initial password').inputValue();
    await secret.getByRole('button', { name: 'Done, I have saved it' }).click();
    await signOut();
  });

  await step('a VIEWER sees no create, edit, run or admin controls', async () => {
    await signIn(viewerEmail, viewerPassword);
    await page.getByRole('banner').getByText('Viewer', { exact: true }).waitFor();
    for (const admin of ['Members', 'API keys', 'License']) {
      assert.equal(await nav.getByRole('link', { name: admin, exact: true }).count(), 0, `${admin} is in a viewer's navigation`);
    }
    await go('Tests');
    await main.getByRole('row', { name: new RegExp(testName) }).waitFor();
    for (const control of ['New test', `Run ${testName} now`, `Edit ${testName}`, `Delete ${testName}`]) {
      assert.equal(await main.getByRole('button', { name: control }).count(), 0, `a viewer sees "${control}"`);
    }
    await shot('viewer-tests');
    await go('Nodes');
    await main.getByRole('row', { name: new RegExp(nodeName) }).waitFor();
    assert.equal(await main.getByRole('button', { name: 'Create enrolment token' }).count(), 0);
    assert.equal(await main.getByRole('button', { name: `Revoke ${nodeName}` }).count(), 0);
    await go('Tiers');
    assert.equal(await main.getByRole('button', { name: /^Save tier/ }).count(), 0);
    assert.ok(await page.getByRole('form', { name: 'Tier 1 settings' }).getByLabel('Latency above (ms)').isDisabled());
    await go('Speed test');
    assert.equal(await main.getByRole('button', { name: 'Start speed test' }).count(), 0);
    await page.goto(`${baseUrl}/members`);
    await page.getByRole('heading', { level: 1, name: 'Not allowed' }).waitFor();
  });

  // ---- Part 2b: the geographic heatmap (when the API has it) ----

  if ((await apiDocsPaths()).includes('/api/v1/orgs/{orgId}/heatmap')) {
    await step('the map shades countries from real results and a tooltip shows a count', async () => {
      const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
      const { accessToken, orgId } = await login.json();
      // Results whose targets are public addresses, so the bundled GeoIP database places them:
      // six (above the minimum of five samples) each in the United States and Australia.
      for (const [target, latency] of [
        ['8.8.8.8:53', 20],
        ['1.1.1.1:443', 140],
      ]) {
        for (let i = 0; i < 6; i++) {
          const stored = await fetch(`${baseUrl}/api/v1/orgs/${orgId}/results`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${accessToken}`, 'Idempotency-Key': `map-${run}-${target}-${i}` },
            body: JSON.stringify({
              type: 'tcp_connect',
              target,
              status: 'succeeded',
              finishedAt: new Date().toISOString(),
              summary: { rtt: { samples: 5, avg: latency + i, p50: latency + i, p95: latency + i, p99: latency + i } },
            }),
          });
          assert.equal(stored.status, 201, await stored.text());
        }
      }
      await go('Map');
      const map = main.getByTestId('heatmap-map');
      await main.locator('[data-testid="heatmap-map"][data-ready="true"]').waitFor({ timeout: 60_000 });
      await main.getByRole('row', { name: /AU/ }).first().waitFor();
      assert.match(await main.getByRole('link', { name: 'IP Geolocation by DB-IP' }).getAttribute('href'), /db-ip\.com/);
      // Where Australia is on the first view (centre 10°E 25°N, zoom 1, 512-pixel world tiles).
      const box = await map.boundingBox();
      const scale = (512 * 2) / (2 * Math.PI);
      const mercator = (lat) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
      const x = box.width / 2 + scale * (((134 - 10) * Math.PI) / 180);
      const y = box.height / 2 - scale * (mercator(-25) - mercator(25));
      let tooltip = '';
      for (let attempt = 0; attempt < 20 && !/6 samples/.test(tooltip); attempt++) {
        // The shaded layer appears once its data is on the GPU; move until the tooltip answers.
        await page.mouse.move(box.x + x + (attempt % 2), box.y + y);
        tooltip = (await page.getByRole('tooltip').count()) > 0 ? await page.getByRole('tooltip').innerText() : '';
        if (!/6 samples/.test(tooltip)) {
          await page.waitForTimeout(250);
        }
      }
      assert.match(tooltip, /6 samples/);
      assert.match(tooltip, /p95 \d+(\.\d+)? ms/);
      await shot('map');
    });
  } else {
    skip('the geographic heatmap', 'the API has no heatmap endpoint yet');
  }

  // ---- Part 3: sign-in with SSO ----

  const idp = await startFakeOidc({
    audience: 'waddleperf',
    claims: { sub: `sso-${run}`, email: `sso-${run}@corp.test`, groups: ['staff'] },
  });
  try {
    let slug;
    await step('the ADMIN configures SSO with a client id; the settings show the redirect URI', async () => {
      const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
      assert.equal(login.status, 200, await login.clone().text());
      const { accessToken: adminToken, orgId } = await login.json();
      const auth = { Authorization: `Bearer ${adminToken}` };
      const configured = await fetch(`${baseUrl}/api/v1/orgs/${orgId}/sso`, {
        method: 'PUT',
        headers: { ...auth, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          issuerUri: idp.issuer,
          audience: 'waddleperf',
          clientId: 'waddleperf-web',
          roleClaim: 'groups',
          roleMapping: { 'net-admins': 'ADMIN' },
          defaultRole: 'VIEWER',
        }),
      });
      assert.equal(configured.status, 200, await configured.clone().text());
      slug = (await (await fetch(`${baseUrl}/api/v1/orgs/${orgId}`, { headers: auth })).json()).slug;
      assert.ok(slug, 'the organisation has no slug');
      // The viewer is still signed in in the main window; the ADMIN's view of the settings comes
      // from a fresh sign-in there.
      await signOut();
      await signIn(email, password);
      await go('Single sign-on');
      const form = page.getByRole('form', { name: 'SSO settings' });
      assert.equal(await form.getByLabel('Client ID (optional)').inputValue(), 'waddleperf-web');
      await form.getByText(`${baseUrl}/auth/sso/callback`).waitFor();
      await shot('sso-settings');
    });

    await step('a fresh browser signs in with SSO and gets the mapped VIEWER role', async () => {
      const browser = await chromium.launch({ executablePath, headless: true, args: launchArgs });
      try {
        const fresh = await browser.newPage({ viewport: { width: 1280, height: 800 } });
        fresh.setDefaultTimeout(20_000);
        const freshErrors = [];
        fresh.on('pageerror', (error) => freshErrors.push(`page error: ${error.message}`));
        await fresh.goto(`${baseUrl}/sign-in?org=${encodeURIComponent(slug)}`);
        const sso = fresh.getByRole('form', { name: 'Sign in with SSO' });
        assert.equal(await sso.getByLabel('Organisation short name').inputValue(), slug);
        await sso.getByRole('button', { name: 'Continue with SSO' }).click();
        await fresh.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
        await fresh.getByRole('banner').getByText('Viewer', { exact: true }).waitFor();
        await fresh.getByRole('banner').getByText(`sso-${run}@corp.test`).waitFor();
        const freshNav = fresh.getByRole('navigation', { name: 'Main' });
        await freshNav.getByRole('link', { name: 'Tests', exact: true }).click();
        await fresh.getByRole('main').getByRole('row', { name: new RegExp(testName) }).waitFor();
        assert.equal(await fresh.getByRole('main').getByRole('button', { name: 'New test' }).count(), 0, 'an SSO viewer sees "New test"');
        assert.equal(await freshNav.getByRole('link', { name: 'Members', exact: true }).count(), 0);
        assert.ok(idp.requests.includes('POST /token'), `the provider saw no token request: ${idp.requests.join(', ')}`);
        await fresh.screenshot({ path: join(screenshots, 'sso-viewer.png'), fullPage: true });
        assert.deepEqual(freshErrors, [], 'the SSO browser reported errors');
      } finally {
        await browser.close();
      }
    });

    await step('an unknown organisation is refused readably on the sign-in page', async () => {
      await signOut();
      await page.goto(`${baseUrl}/sign-in?org=no-such-org-${run}`);
      await page.getByRole('form', { name: 'Sign in with SSO' }).getByRole('button', { name: 'Continue with SSO' }).click();
      await page.getByText(`“no-such-org-${run}” does not offer sign-in with SSO`, { exact: false }).waitFor();
    });
  } finally {
    await idp.close();
  }

  assert.deepEqual(consoleErrors, [], 'the browser reported errors');
  const skipped = steps.filter((line) => line.startsWith('SKIP')).length;
  console.log(`\n${steps.length - skipped} passed, ${skipped} skipped, 0 failed; screenshots in ${screenshots}`);
} catch (error) {
  await shot('failure').catch(() => undefined);
  if (consoleErrors.length > 0) console.error('Browser errors:', consoleErrors);
  if (nodeLog) console.error('--- last lines of the node log ---\n' + nodeLog.split('\n').slice(-30).join('\n'));
  console.error(error);
  process.exitCode = 1;
} finally {
  await context.close();
  await stopNode();
  rmSync(scratch, { recursive: true, force: true });
}
