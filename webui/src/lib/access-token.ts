/**
 * Holds the short-lived access JWT in memory only: unlike localStorage it does not
 * survive a reload and cannot be read by a script injected into another tab. The
 * sign-in feature sets it; the API client reads it for every request.
 */
let current: string | null = null;

export const accessToken = {
  get(): string | null {
    return current;
  },
  set(token: string | null): void {
    current = token;
  },
};
