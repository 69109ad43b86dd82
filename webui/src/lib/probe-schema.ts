import type { ParamProperty, ProbeTypeInfo, TargetSpec } from './probe-types';

/**
 * Checks a test's target and parameters against the rules the API publishes for its probe type
 * (`GET /api/v1/probe-types`), so a form can point at a mistake before it is sent. Problems are
 * keyed by the API's field path ("target", "params.count") and worded as the API words them, so
 * a problem found here and one the server reports look the same next to the field. The server
 * stays the authority: a rule kind this module does not know is left to it.
 */

/** A form's parameter inputs: text as typed (numbers too), booleans as checkboxes; '' means "the default". */
export type ParamInputs = Readonly<Record<string, string | boolean>>;

export interface ValidatedParams {
  /** The API's params object: numbers as numbers, unset inputs and booleans equal to their default left out. */
  readonly params: Record<string, unknown>;
  readonly errors: Record<string, string>;
}

const valueFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });

export function validateParams(probeType: ProbeTypeInfo, inputs: ParamInputs): ValidatedParams {
  const { properties } = probeType.params;
  const params: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const [name, property] of Object.entries(properties)) {
    const raw = inputs[name];
    if (property.type === 'boolean') {
      if (typeof raw === 'boolean' && raw !== (property.default ?? false)) {
        params[name] = raw;
      }
      continue;
    }
    const text = typeof raw === 'string' ? raw.trim() : '';
    if (text === '') {
      continue;
    }
    const value = parse(property, text);
    if (value === undefined) {
      errors[`params.${name}`] = property['x-message'];
    } else {
      params[name] = value;
    }
  }

  // Cross-field rules only judge values that passed their own checks.
  const effective = (name: string): unknown => (name in params ? params[name] : properties[name]?.default);
  const valid = (names: readonly string[]) => names.every((name) => errors[`params.${name}`] === undefined);
  for (const rule of probeType.params['x-rules'] ?? []) {
    if (!valid(rule.fields) || errors[rule.field] !== undefined) {
      continue;
    }
    if (rule.kind === 'max-product') {
      const values = rule.fields.map(effective);
      if (values.every((v): v is number => typeof v === 'number')) {
        const product = values.reduce((a, b) => a * b, 1);
        if (product > rule.max) {
          errors[rule.field] = rule.message.replace('{value}', valueFormat.format(product / rule.scale));
        }
      }
    } else if (rule.kind === 'not-both') {
      if (rule.fields.every((name) => effective(name) === true)) {
        errors[rule.field] = rule.message;
      }
    }
  }
  return { params, errors };
}

/** The typed text as the API's value, or undefined when the property refuses it. */
function parse(property: Exclude<ParamProperty, { type: 'boolean' }>, text: string): number | string | undefined {
  if (property.type === 'integer') {
    const value = Number(text);
    return /^-?\d+$/.test(text) && value >= property.minimum && value <= property.maximum ? value : undefined;
  }
  if ('enum' in property) {
    return property.enum.includes(text) ? text : undefined;
  }
  const pattern = compile(property.pattern);
  return pattern === undefined || pattern.test(text) ? text : undefined;
}

const compiled = new Map<string, RegExp | undefined>();

/** A pattern this browser cannot compile is left to the server. */
function compile(source: string): RegExp | undefined {
  if (!compiled.has(source)) {
    let pattern: RegExp | undefined;
    try {
      pattern = new RegExp(source, 'u');
    } catch {
      pattern = undefined;
    }
    compiled.set(source, pattern);
  }
  return compiled.get(source);
}

const HOST = /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i;
const IPV6_BRACKETED = /^\[[0-9a-fA-F:.]+]$/;

/** The API's problem with a target for this probe type's target format, or undefined when it is fine. */
export function validateTarget(probeType: ProbeTypeInfo, rawTarget: string): string | undefined {
  return targetProblem(probeType.target, rawTarget);
}

export function targetProblem(spec: TargetSpec, rawTarget: string): string | undefined {
  const target = rawTarget.trim();
  if (target === '') {
    return 'must not be blank';
  }
  if (target.length > 2048) {
    return 'must be at most 2048 characters';
  }
  switch (spec.format) {
    case 'url':
      return urlProblem(target);
    case 'dns-name':
      return HOST.test(target) && target.length <= 253 ? undefined : 'must be a DNS name';
    case 'host-port':
      return hostPortProblem(target, spec.portRequired);
    default:
      return undefined;
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

/** A parameter's form label: its title, with its unit when it has one ("Interval (ms)"). */
export function paramLabel(property: ParamProperty): string {
  return property['x-unit'] ? `${property.title} (${property['x-unit']})` : property.title;
}

/** Stored params back into form inputs. */
export function paramInputs(params: Readonly<Record<string, unknown>>): Record<string, string | boolean> {
  const inputs: Record<string, string | boolean> = {};
  for (const [name, value] of Object.entries(params)) {
    inputs[name] = typeof value === 'boolean' ? value : String(value);
  }
  return inputs;
}
