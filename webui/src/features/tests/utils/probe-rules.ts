/**
 * The API's checks of a test definition (api/.../tests/internal/ProbeParameters.java), repeated
 * here so a form can point at a mistake before it is sent. The server stays the authority: its
 * field errors are shown the same way, so a rule that drifts costs a round trip, not a wrong
 * test. Messages match the server's word for word.
 */
export const PROBE_TYPES = ['tcp_connect', 'udp_echo', 'http', 'dns', 'ssh', 'throughput'] as const;
export type ProbeType = (typeof PROBE_TYPES)[number];

export const PROBE_LABELS: Record<ProbeType, string> = {
  tcp_connect: 'TCP connect',
  udp_echo: 'UDP echo',
  http: 'HTTP(S)',
  dns: 'DNS',
  ssh: 'SSH',
  throughput: 'Throughput (iperf3)',
};

export type ParamRule =
  | { readonly kind: 'int'; readonly name: string; readonly label: string; readonly min: number; readonly max: number }
  | { readonly kind: 'choice'; readonly name: string; readonly label: string; readonly choices: readonly string[] }
  | { readonly kind: 'bool'; readonly name: string; readonly label: string }
  | {
      readonly kind: 'pattern';
      readonly name: string;
      readonly label: string;
      readonly pattern: RegExp;
      readonly describe: string;
    };

const QTYPES = ['A', 'AAAA', 'CAA', 'CNAME', 'DNSKEY', 'DS', 'HTTPS', 'MX', 'NS', 'PTR', 'SOA', 'SRV', 'SVCB', 'TXT'];

export const PARAM_RULES: Record<ProbeType, readonly ParamRule[]> = {
  tcp_connect: [
    { kind: 'int', name: 'count', label: 'Connections', min: 1, max: 1000 },
    { kind: 'int', name: 'intervalMillis', label: 'Interval (ms)', min: 0, max: 10_000 },
    { kind: 'int', name: 'timeoutMillis', label: 'Timeout (ms)', min: 100, max: 30_000 },
  ],
  udp_echo: [
    { kind: 'int', name: 'count', label: 'Packets', min: 1, max: 10_000 },
    { kind: 'int', name: 'intervalMillis', label: 'Interval (ms)', min: 1, max: 1000 },
    { kind: 'int', name: 'packetSize', label: 'Packet size (bytes)', min: 64, max: 9000 },
    { kind: 'int', name: 'timeoutMillis', label: 'Timeout (ms)', min: 100, max: 10_000 },
    { kind: 'pattern', name: 'token', label: 'Echo token', pattern: /^[\x21-\x7e]{8,32}$/, describe: '8-32 printable ASCII characters' },
  ],
  http: [
    { kind: 'choice', name: 'method', label: 'Method', choices: ['GET', 'HEAD'] },
    { kind: 'int', name: 'timeoutMillis', label: 'Timeout (ms)', min: 100, max: 60_000 },
    { kind: 'bool', name: 'insecure', label: 'Accept invalid certificates' },
    { kind: 'int', name: 'maxBodyBytes', label: 'Max body (bytes)', min: 0, max: 100 * 1024 * 1024 },
  ],
  dns: [
    { kind: 'pattern', name: 'resolver', label: 'Resolver', pattern: /^[A-Za-z0-9.:[\]-]{1,255}$/, describe: 'host[:port]' },
    { kind: 'choice', name: 'qtype', label: 'Query type', choices: QTYPES },
    { kind: 'int', name: 'timeoutMillis', label: 'Timeout (ms)', min: 100, max: 30_000 },
    { kind: 'bool', name: 'tcp', label: 'Query over TCP' },
  ],
  ssh: [{ kind: 'int', name: 'timeoutMillis', label: 'Timeout (ms)', min: 100, max: 30_000 }],
  throughput: [
    { kind: 'choice', name: 'protocol', label: 'Protocol', choices: ['tcp', 'udp'] },
    { kind: 'int', name: 'durationSeconds', label: 'Duration (s)', min: 1, max: 300 },
    { kind: 'int', name: 'streams', label: 'Parallel streams', min: 1, max: 128 },
    { kind: 'int', name: 'packetSize', label: 'Packet size (bytes)', min: 64, max: 9000 },
    { kind: 'int', name: 'bandwidthBitsPerSecond', label: 'Bandwidth limit (bit/s)', min: 0, max: 100_000_000_000 },
    { kind: 'int', name: 'omitSeconds', label: 'Omit first (s)', min: 0, max: 10 },
    { kind: 'bool', name: 'reverse', label: 'Reverse (node receives)' },
    { kind: 'bool', name: 'bidirectional', label: 'Bidirectional' },
  ],
};

/** What the target field should hold, per type. */
export const TARGET_HINTS: Record<ProbeType, string> = {
  tcp_connect: 'host:port, e.g. example.com:443',
  udp_echo: 'host or host:port of a UDP echo (WaddlePerf nodes answer on 2000)',
  http: 'an http:// or https:// URL',
  dns: 'the name to resolve, e.g. example.com',
  ssh: 'host or host:port',
  throughput: 'host or host:port of an iperf3 server (5201 by default)',
};

const HOST = /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i;
const IPV6_BRACKETED = /^\[[0-9a-fA-F:.]+]$/;

export function targetProblem(type: ProbeType, rawTarget: string): string | undefined {
  const target = rawTarget.trim();
  if (target === '') {
    return 'must not be blank';
  }
  if (target.length > 2048) {
    return 'must be at most 2048 characters';
  }
  switch (type) {
    case 'http':
      return urlProblem(target);
    case 'dns':
      return HOST.test(target) && target.length <= 253 ? undefined : 'must be a DNS name';
    case 'tcp_connect':
      return hostPortProblem(target, true);
    default:
      return hostPortProblem(target, false);
  }
}

function urlProblem(target: string): string | undefined {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return 'must be an http:// or https:// URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return 'must be an http:// or https:// URL';
  }
  if (url.hostname === '' || url.username !== '' || url.password !== '') {
    return 'must name a host and carry no credentials';
  }
  return undefined;
}

function hostPortProblem(target: string, portRequired: boolean): string | undefined {
  let host = target;
  let port: string | undefined;
  if (target.startsWith('[')) {
    const end = target.indexOf(']');
    if (end < 0) {
      return 'must be host:port with IPv6 addresses in brackets';
    }
    host = target.slice(0, end + 1);
    if (end + 1 < target.length) {
      if (target.charAt(end + 1) !== ':') {
        return 'must be host:port with IPv6 addresses in brackets';
      }
      port = target.slice(end + 2);
    }
  } else if (target.includes(':')) {
    if (target.indexOf(':') !== target.lastIndexOf(':')) {
      return 'must be host:port with IPv6 addresses in brackets';
    }
    host = target.slice(0, target.indexOf(':'));
    port = target.slice(target.indexOf(':') + 1);
  }
  const hostOk = IPV6_BRACKETED.test(host) || (HOST.test(host) && host.length <= 253);
  if (!hostOk) {
    return 'must be a host name or IP address';
  }
  if (port === undefined) {
    return portRequired ? 'must include a port (host:port)' : undefined;
  }
  if (!/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535) {
    return 'port must be 1-65535';
  }
  return undefined;
}

/** A form's parameter inputs: text as typed (numbers too), booleans as checkboxes; '' is "use the default". */
export type ParamInputs = Readonly<Record<string, string | boolean>>;

/**
 * Turns the form's inputs into the API's params object (numbers as numbers, unset ones left
 * out) and lists every problem under the API's field path ("params.count").
 */
export function buildParams(type: ProbeType, inputs: ParamInputs): { params: Record<string, unknown>; errors: Record<string, string> } {
  const params: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const rule of PARAM_RULES[type]) {
    const raw = inputs[rule.name];
    const field = `params.${rule.name}`;
    if (rule.kind === 'bool') {
      if (raw === true) {
        params[rule.name] = true;
      }
      continue;
    }
    const text = typeof raw === 'string' ? raw.trim() : '';
    if (text === '') {
      continue;
    }
    if (rule.kind === 'int') {
      const value = Number(text);
      if (!/^-?\d+$/.test(text) || value < rule.min || value > rule.max) {
        errors[field] = `must be a whole number from ${rule.min} to ${rule.max}`;
      } else {
        params[rule.name] = value;
      }
    } else if (rule.kind === 'choice') {
      if (!rule.choices.includes(text)) {
        errors[field] = `must be one of [${[...rule.choices].sort().join(', ')}]`;
      } else {
        params[rule.name] = text;
      }
    } else if (!rule.pattern.test(text)) {
      errors[field] = `must be ${rule.describe}`;
    } else {
      params[rule.name] = text;
    }
  }
  if (type === 'throughput' && params.reverse === true && params.bidirectional === true) {
    errors['params.bidirectional'] = 'cannot be combined with reverse';
  }
  return { params, errors };
}

/** The API's rule for region and label selectors. */
export function selectorProblem(value: string): string | undefined {
  return /^[A-Za-z0-9._=:-]{1,64}$/.test(value) ? undefined : 'must be 1-64 letters, digits or . _ = : -';
}

/** Stored params back into form inputs. */
export function paramInputs(params: Readonly<Record<string, unknown>>): Record<string, string | boolean> {
  const inputs: Record<string, string | boolean> = {};
  for (const [name, value] of Object.entries(params)) {
    inputs[name] = typeof value === 'boolean' ? value : String(value);
  }
  return inputs;
}
