/**
 * Holds the short-lived access JWT in memory only: unlike localStorage it does not
 * survive a reload and cannot be read by a script injected into another tab. The
 * session (src/lib/session.ts) sets it; the API client reads it for every request.
 *
 * The session also installs the renewal the API client calls after a 401. It is a
 * hook rather than an import because the session itself talks to the API through the
 * client, and the two modules must not import each other.
 */
type Renewal = (rejected: string) => Promise<string | null>;

let current: string | null = null;
let renewal: Renewal | null = null;

export const accessToken = {
  get(): string | null {
    return current;
  },
  set(token: string | null): void {
    current = token;
  },
  /** Installs the function that replaces a refused token; the last call wins. */
  setRenewal(renew: Renewal | null): void {
    renewal = renew;
  },
  /**
   * Called by the API client when the server refused `rejected`; resolves to the token
   * to retry with, or null when there is none (nobody can renew, or renewal failed).
   */
  renew(rejected: string): Promise<string | null> {
    return renewal ? renewal(rejected) : Promise.resolve(null);
  },
};
