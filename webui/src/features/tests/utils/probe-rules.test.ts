import { describe, expect, it } from 'vitest';

import { buildParams, selectorProblem, targetProblem } from './probe-rules';

describe('targetProblem (the API’s ProbeParameters rules)', () => {
  it.each([
    ['tcp_connect', 'example.com:443', undefined],
    ['tcp_connect', '127.0.0.1', 'must include a port (host:port)'],
    ['tcp_connect', '[::1]:22', undefined],
    ['tcp_connect', '::1:22', 'must be host:port with IPv6 addresses in brackets'],
    ['tcp_connect', 'host:70000', 'port must be 1-65535'],
    ['udp_echo', 'echo.example.com', undefined],
    ['udp_echo', 'bad_host!', 'must be a host name or IP address'],
    ['http', 'https://example.com/health', undefined],
    ['http', 'ftp://example.com', 'must be an http:// or https:// URL'],
    ['http', 'https://user:pw@example.com', 'must name a host and carry no credentials'],
    ['dns', 'example.com', undefined],
    ['dns', 'not a name', 'must be a DNS name'],
    ['ssh', '   ', 'must not be blank'],
  ] as const)('%s %j -> %s', (type, target, problem) => {
    expect(targetProblem(type, target)).toBe(problem);
  });
});

describe('buildParams', () => {
  it('converts numbers, leaves empty fields to the node’s defaults and keeps set booleans', () => {
    expect(buildParams('throughput', { durationSeconds: '10', streams: '', protocol: 'udp', reverse: true, bidirectional: false })).toEqual({
      params: { durationSeconds: 10, protocol: 'udp', reverse: true },
      errors: {},
    });
  });

  it('reports every problem under the API’s field path with its message', () => {
    expect(buildParams('udp_echo', { count: '0', intervalMillis: '1.5', packetSize: '9001', token: 'short' }).errors).toEqual({
      'params.count': 'must be a whole number from 1 to 10000',
      'params.intervalMillis': 'must be a whole number from 1 to 1000',
      'params.packetSize': 'must be a whole number from 64 to 9000',
      'params.token': 'must be 8-32 printable ASCII characters',
    });
    expect(buildParams('throughput', { reverse: true, bidirectional: true }).errors).toEqual({
      'params.bidirectional': 'cannot be combined with reverse',
    });
  });

  it('checks region and label selectors like the API', () => {
    expect(selectorProblem('eu-west')).toBeUndefined();
    expect(selectorProblem('eu west')).toBe('must be 1-64 letters, digits or . _ = : -');
  });
});
