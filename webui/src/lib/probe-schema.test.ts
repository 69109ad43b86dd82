import { describe, expect, it } from 'vitest';

import { probeType, PROBE_TYPES } from '@/testing/probe-types';

import { paramInputs, paramLabel, validateParams, validateTarget } from './probe-schema';
import type { ProbeTypeInfo } from './probe-types';

describe('the probe-types fixture', () => {
  it('lists the six probe types in the API’s order, each property with a title, unit and message', () => {
    expect(PROBE_TYPES.map((t) => t.type)).toEqual(['tcp_connect', 'udp_echo', 'http', 'dns', 'ssh', 'throughput']);
    for (const entry of PROBE_TYPES) {
      for (const property of Object.values(entry.params.properties)) {
        expect(property.title).not.toBe('');
        expect(typeof property['x-unit']).toBe('string');
        expect(property['x-message']).toMatch(/^must /);
      }
    }
  });
});

describe('validateTarget, by the type’s target format', () => {
  it.each([
    ['tcp_connect', 'example.com:443', undefined],
    ['tcp_connect', '127.0.0.1', 'must include a port (host:port)'],
    ['tcp_connect', '[::1]:22', undefined],
    ['tcp_connect', '[::1', 'must be host:port with IPv6 addresses in brackets'],
    ['tcp_connect', '::1:22', 'must be host:port with IPv6 addresses in brackets'],
    ['tcp_connect', 'host:70000', 'port must be 1-65535'],
    ['udp_echo', 'echo.example.com', undefined],
    ['udp_echo', 'bad_host!', 'must be a host name or IP address'],
    ['throughput', 'iperf.example.com:5202', undefined],
    ['ssh', '   ', 'must not be blank'],
    ['http', 'https://example.com/health', undefined],
    ['http', 'ftp://example.com', 'must be an http:// or https:// URL'],
    ['http', 'not a url', 'must be an http:// or https:// URL'],
    ['http', 'https://user:pw@example.com', 'must name a host and carry no credentials'],
    ['http', `https://example.com/${'a'.repeat(2048)}`, 'must be at most 2048 characters'],
    ['dns', 'example.com', undefined],
    ['dns', 'example.com:53', 'must be a DNS name'],
    ['dns', 'not a name', 'must be a DNS name'],
  ] as const)('%s %j -> %s', (type, target, problem) => {
    expect(validateTarget(probeType(type), target)).toBe(problem);
  });

  it('follows the published format, not the type’s name', () => {
    const tcp = probeType('tcp_connect');
    const optionalPort: ProbeTypeInfo = { ...tcp, target: { ...tcp.target, portRequired: false, defaultPort: 443 } };
    expect(validateTarget(tcp, 'example.com')).toBe('must include a port (host:port)');
    expect(validateTarget(optionalPort, 'example.com')).toBeUndefined();
    const asUrl: ProbeTypeInfo = { ...tcp, target: { format: 'url', portRequired: false, defaultPort: null, hint: '' } };
    expect(validateTarget(asUrl, 'example.com:443')).toBe('must be an http:// or https:// URL');
  });
});

describe('validateParams', () => {
  it('converts numbers, leaves empty inputs to the node’s defaults and sends booleans that differ from theirs', () => {
    expect(
      validateParams(probeType('throughput'), { durationSeconds: '10', streams: '', protocol: 'udp', reverse: true, bidirectional: false }),
    ).toEqual({ params: { durationSeconds: 10, protocol: 'udp', reverse: true }, errors: {} });
  });

  it('reports each property’s published message under the API’s field path', () => {
    expect(validateParams(probeType('udp_echo'), { count: '0', intervalMillis: '1.5', packetSize: '9001', token: 'short' }).errors).toEqual({
      'params.count': 'must be a whole number from 1 to 10000',
      'params.intervalMillis': 'must be a whole number from 1 to 1000',
      'params.packetSize': 'must be a whole number from 64 to 9000',
      'params.token': 'must be 8-32 printable ASCII characters',
    });
  });

  it('checks integers, enums and patterns', () => {
    expect(validateParams(probeType('http'), { method: 'POST', timeoutMillis: 'ten' }).errors).toEqual({
      'params.method': 'must be one of [GET, HEAD]',
      'params.timeoutMillis': 'must be a whole number from 100 to 60000',
    });
    expect(validateParams(probeType('dns'), { resolver: '[2001:db8::53]:53', qtype: 'AAAA', tcp: true })).toEqual({
      params: { resolver: '[2001:db8::53]:53', qtype: 'AAAA', tcp: true },
      errors: {},
    });
    expect(validateParams(probeType('dns'), { resolver: 'dns server' }).errors).toEqual({ 'params.resolver': 'must be host or host:port (IPv6 in brackets)' });
  });

  it('leaves a parameter without a default out, so the node decides', () => {
    expect(validateParams(probeType('throughput'), { packetSize: '', bandwidthBitsPerSecond: '' }).params).toEqual({});
  });

  describe('max-product', () => {
    it('refuses a tcp_connect run longer than 300 s, on the count field, with the product in seconds', () => {
      expect(validateParams(probeType('tcp_connect'), { count: '1000', intervalMillis: '10000' }).errors).toEqual({
        'params.count': 'count × intervalMillis must be at most 300 s; it is 10,000 s',
      });
    });

    it('uses the default of a field left empty', () => {
      // 1000 × the default 200 ms = 200 s: allowed; 10 (default) × 10000 ms = 100 s: allowed.
      expect(validateParams(probeType('tcp_connect'), { count: '1000' }).errors).toEqual({});
      expect(validateParams(probeType('tcp_connect'), { intervalMillis: '10000' }).errors).toEqual({});
      // 10000 × the default 20 ms = 200 s; 10000 × 31 ms = 310 s.
      expect(validateParams(probeType('udp_echo'), { count: '10000' }).errors).toEqual({});
      expect(validateParams(probeType('udp_echo'), { count: '10000', intervalMillis: '31' }).errors).toEqual({
        'params.count': 'count × intervalMillis must be at most 300 s; it is 310 s',
      });
    });

    it('formats fractions of the scaled product to at most three decimals', () => {
      expect(validateParams(probeType('udp_echo'), { count: '9999', intervalMillis: '31' }).errors['params.count']).toBe(
        'count × intervalMillis must be at most 300 s; it is 309.969 s',
      );
    });

    it('stays quiet while a field it multiplies is itself wrong', () => {
      expect(validateParams(probeType('tcp_connect'), { count: '5000', intervalMillis: '10000' }).errors).toEqual({
        'params.count': 'must be a whole number from 1 to 1000',
      });
    });
  });

  describe('not-both', () => {
    it('refuses reverse with bidirectional, on the bidirectional field', () => {
      expect(validateParams(probeType('throughput'), { reverse: true, bidirectional: true }).errors).toEqual({
        'params.bidirectional': 'cannot be combined with reverse',
      });
      expect(validateParams(probeType('throughput'), { reverse: true }).errors).toEqual({});
    });

    it('counts a default of true as set', () => {
      const base = probeType('throughput');
      const reverseByDefault: ProbeTypeInfo = {
        ...base,
        params: {
          ...base.params,
          properties: { ...base.params.properties, reverse: { type: 'boolean', default: true, title: 'Reverse', 'x-unit': '', 'x-message': 'must be true or false' } },
        },
      };
      expect(validateParams(reverseByDefault, { bidirectional: true })).toEqual({
        params: { bidirectional: true },
        errors: { 'params.bidirectional': 'cannot be combined with reverse' },
      });
      expect(validateParams(reverseByDefault, { reverse: false, bidirectional: true })).toEqual({
        params: { reverse: false, bidirectional: true },
        errors: {},
      });
    });
  });

  it('leaves a rule kind it does not know to the server', () => {
    const base = probeType('ssh');
    const future = {
      ...base,
      params: { ...base.params, 'x-rules': [{ kind: 'one-of', fields: ['timeoutMillis'], field: 'params.timeoutMillis', message: 'no' }] },
    } as unknown as ProbeTypeInfo;
    expect(validateParams(future, { timeoutMillis: '500' })).toEqual({ params: { timeoutMillis: 500 }, errors: {} });
  });
});

describe('form helpers', () => {
  it('labels a parameter with its title and unit', () => {
    const { properties } = probeType('tcp_connect').params;
    expect(paramLabel(properties.intervalMillis!)).toBe('Interval (ms)');
    expect(paramLabel(properties.count!)).toBe('Connections');
  });

  it('turns stored params back into inputs', () => {
    expect(paramInputs({ count: 20, insecure: true, method: 'HEAD' })).toEqual({ count: '20', insecure: true, method: 'HEAD' });
  });
});
