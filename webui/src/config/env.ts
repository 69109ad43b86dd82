export interface Env {
  /** Origin (and optional path prefix) of the WaddlePerf API, without a trailing slash; '' means same origin. */
  readonly apiUrl: string;
}

export class InvalidEnvError extends Error {
  override readonly name = 'InvalidEnvError';
}

/**
 * Checks the build-time VITE_APP_* variables once, at start-up, so a bad deployment
 * fails with a message naming the variable instead of with odd requests later.
 */
export function createEnv(raw: Record<string, unknown>): Env {
  const problems: string[] = [];

  const apiUrlRaw = raw.VITE_APP_API_URL;
  let apiUrl = '';
  if (apiUrlRaw !== undefined && apiUrlRaw !== '') {
    if (typeof apiUrlRaw !== 'string' || !isHttpUrl(apiUrlRaw)) {
      problems.push(`VITE_APP_API_URL must be an absolute http(s) URL or empty, got ${JSON.stringify(apiUrlRaw)}`);
    } else {
      apiUrl = apiUrlRaw.replace(/\/+$/, '');
    }
  }

  if (problems.length > 0) {
    throw new InvalidEnvError(`Invalid web UI configuration: ${problems.join('; ')}`);
  }
  return { apiUrl };
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

export const env: Env = createEnv(import.meta.env);
