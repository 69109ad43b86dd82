const LABELS: Record<string, string> = {
  'auth.login': 'Signed in',
  'auth.logout': 'Signed out',
  'auth.token_family_revoked': 'Session revoked after a reused refresh token',
  'member.invited': 'Invited a member',
  'member.role_changed': 'Changed a role',
  'member.removed': 'Removed a member',
  'api_key.created': 'Created an API key',
  'api_key.revoked': 'Revoked an API key',
  'sso.configured': 'Configured SSO',
  'sso.removed': 'Removed SSO',
  'org.created': 'Created the organisation',
};

/** A sentence for a known action code; an unknown one (a newer API) shows as its code. */
export function actionLabel(action: string): string {
  return LABELS[action] ?? action;
}
