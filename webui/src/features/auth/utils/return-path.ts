/**
 * Where to go after signing in. Only a path on this origin is accepted, so a crafted
 * link (/sign-in?next=https://evil.example or //evil.example) cannot send a freshly
 * signed-in user to another site.
 */
export function returnPath(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) {
    return '/';
  }
  return next.startsWith('/sign-in') ? '/' : next;
}

/** The sign-in URL that brings the user back to `path` afterwards. */
export function signInPath(path: string): string {
  return path === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(path)}`;
}
