// Shared pieces of the browser tests (e2e/app.js, e2e/replicas.js):
// steps that print their timing, free loopback ports, a headless Chromium, the UI's landmarks,
// and a test-server node started with an enrolment token.
import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';
import { chromium } from 'playwright-core';

export const launchArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Runs named steps, printing "ok name (ms)" or "FAIL name"; `lines` keeps what was printed. */
export function stepper() {
  const lines = [];
  async function step(name, body) {
    const started = performance.now();
    try {
      await body();
      lines.push(`ok   ${name} (${Math.round(performance.now() - started)} ms)`);
      console.log(lines.at(-1));
    } catch (error) {
      console.log(`FAIL ${name}`);
      throw error;
    }
  }
  return { step, lines };
}

export async function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

export async function freeUdpPort() {
  return new Promise((resolvePort, reject) => {
    const socket = createSocket('udp4');
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => {
      const { port } = socket.address();
      socket.close(() => resolvePort(port));
    });
  });
}

/** A persistent headless Chromium context in `dir`, with console errors collected. */
export async function openBrowser(executablePath, dir) {
  const context = await chromium.launchPersistentContext(dir, {
    executablePath,
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: launchArgs,
  });
  context.setDefaultTimeout(20_000);
  const page = context.pages()[0] ?? (await context.newPage());
  const consoleErrors = [];
  page.on('pageerror', (error) => consoleErrors.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // Chromium logs every non-2xx response (and every broken connection) as "Failed to load
    // resource"; those are checked through the UI instead.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      consoleErrors.push(message.text());
    }
  });
  return { context, page, consoleErrors };
}

/** The app shell's landmarks and the sign-in flow on `page`, against `baseUrl`. */
export function ui(page, baseUrl) {
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
  return { main, nav, go, signIn };
}

/**
 * A test-server node (`java -jar nodeJar`) that enrols itself at `apiUrl` with `token`; its
 * output is kept (the last 20 kB) for failure messages.
 */
export function startNode({ java, nodeJar, apiUrl, token, port, stateDir, name, region, echoPort, iperfPort }) {
  let log = '';
  const child = spawn(java, ['-jar', nodeJar], {
    env: {
      ...process.env,
      PORT: String(port),
      WADDLEPERF_API_URL: apiUrl,
      WADDLEPERF_ENROLLMENT_TOKEN: token,
      WADDLEPERF_STATE_DIR: stateDir,
      WADDLEPERF_NODE_NAME: name,
      WADDLEPERF_NODE_REGION: region,
      WADDLEPERF_NODE_ADVERTISEDURL: `http://127.0.0.1:${port}`,
      // Without the API's key set the node accepts no probe runs (as ./run configures it).
      WADDLEPERF_CONTROL_JWKSURI: `${apiUrl}/.well-known/jwks.json`,
      // Tests probe the node's own loopback endpoints.
      WADDLEPERF_PROBES_ALLOWLOOPBACK: 'true',
      WADDLEPERF_SPEEDTEST_ALLOWEDORIGINS: apiUrl,
      WADDLEPERF_ECHO_PORT: String(echoPort),
      WADDLEPERF_IPERF_PORT: String(iperfPort),
      WADDLEPERF_LOG_FORMAT: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  return {
    log: () => log,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
