/** A member's role in one organisation; each includes what the ones before it may do. */
export const ROLES = ['VIEWER', 'MAINTAINER', 'ADMIN'] as const;

export type Role = (typeof ROLES)[number];

/** Not a role in an organisation: a platform operator creates organisations and sees usage. */
export const OPERATOR = 'OPERATOR';

const LABELS: Record<Role, string> = { VIEWER: 'Viewer', MAINTAINER: 'Maintainer', ADMIN: 'Admin' };

const DESCRIPTIONS: Record<Role, string> = {
  VIEWER: 'reads results, dashboards and reports',
  MAINTAINER: 'also runs tests and monitors and manages nodes',
  ADMIN: 'also manages members, API keys, SSO and the license',
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function roleLabel(role: string): string {
  return isRole(role) ? LABELS[role] : role.charAt(0) + role.slice(1).toLowerCase();
}

export function roleDescription(role: Role): string {
  return DESCRIPTIONS[role];
}

/** The organisation role among a token's roles (the others, like OPERATOR, are platform-wide). */
export function orgRole(roles: readonly string[]): Role | undefined {
  return roles.filter(isRole).sort((a, b) => ROLES.indexOf(b) - ROLES.indexOf(a))[0];
}

/** Whether `roles` include `required` or a role above it. */
export function hasRole(roles: readonly string[], required: Role): boolean {
  const role = orgRole(roles);
  return role !== undefined && ROLES.indexOf(role) >= ROLES.indexOf(required);
}

/** Options for a role picker, highest last so the least privilege reads first. */
export const ROLE_OPTIONS: readonly { value: Role; label: string }[] = ROLES.map((role) => ({
  value: role,
  label: LABELS[role],
}));
