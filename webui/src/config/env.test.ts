import { describe, expect, it } from 'vitest';

import { createEnv, InvalidEnvError } from './env';

describe('createEnv', () => {
  it('defaults to the same origin when no API URL is set', () => {
    expect(createEnv({})).toEqual({ apiUrl: '' });
    expect(createEnv({ VITE_APP_API_URL: '' })).toEqual({ apiUrl: '' });
  });

  it('accepts an absolute URL and drops trailing slashes', () => {
    expect(createEnv({ VITE_APP_API_URL: 'https://perf.example.com/' })).toEqual({
      apiUrl: 'https://perf.example.com',
    });
  });

  it('rejects anything but an http(s) URL, naming the variable', () => {
    expect(() => createEnv({ VITE_APP_API_URL: 'perf.example.com' })).toThrow(InvalidEnvError);
    expect(() => createEnv({ VITE_APP_API_URL: 'ftp://perf.example.com' })).toThrow(
      'Invalid web UI configuration: VITE_APP_API_URL must be an absolute http(s) URL or empty, got "ftp://perf.example.com"',
    );
  });
});
