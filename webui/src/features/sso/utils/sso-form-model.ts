import type { Role } from '@/lib/roles';

import type { SsoConfig } from '../api/get-sso';
import type { SsoInput } from '../api/save-sso';

export interface MappingRow {
  /** Stable React key; claim values change while typing. */
  readonly key: number;
  readonly claimValue: string;
  readonly role: Role;
}

export interface SsoFormValues {
  readonly issuerUri: string;
  readonly audience: string;
  /** '' for none: users then cannot sign in with SSO from the web UI. */
  readonly clientId: string;
  readonly roleClaim: string;
  readonly rows: readonly MappingRow[];
  /** '' for "no default role". */
  readonly defaultRole: Role | '';
}

/** The form's fields as the API names them; mapping rows are "roleMapping.<row key>". */
export const SIMPLE_FIELDS = ['issuerUri', 'audience', 'clientId', 'roleClaim', 'defaultRole'] as const;

export function initialValues(config: SsoConfig | null): SsoFormValues {
  if (!config) {
    // Most identity providers put group membership in "groups"; one empty row invites the first mapping.
    return { issuerUri: '', audience: '', clientId: '', roleClaim: 'groups', rows: [{ key: 0, claimValue: '', role: 'VIEWER' }], defaultRole: '' };
  }
  return {
    issuerUri: config.issuerUri,
    audience: config.audience,
    clientId: config.clientId ?? '',
    roleClaim: config.roleClaim,
    rows: Object.entries(config.roleMapping).map(([claimValue, role], key) => ({ key, claimValue, role })),
    defaultRole: config.defaultRole ?? '',
  };
}

export function toInput(values: SsoFormValues): SsoInput {
  return {
    issuerUri: values.issuerUri.trim(),
    audience: values.audience.trim(),
    clientId: values.clientId.trim() === '' ? null : values.clientId.trim(),
    roleClaim: values.roleClaim.trim(),
    roleMapping: Object.fromEntries(values.rows.map((row) => [row.claimValue.trim(), row.role])),
    defaultRole: values.defaultRole === '' ? null : values.defaultRole,
  };
}

/**
 * Rows whose claim value repeats an earlier row's: a JSON object keeps only the last,
 * so one mapping would silently vanish on save.
 */
export function duplicateRows(rows: readonly MappingRow[]): Set<number> {
  const seen = new Set<string>();
  const duplicates = new Set<number>();
  for (const row of rows) {
    const value = row.claimValue.trim();
    if (value !== '' && seen.has(value)) {
      duplicates.add(row.key);
    }
    seen.add(value);
  }
  return duplicates;
}

/**
 * The form field a server error path belongs to. Bean Validation names a map entry
 * "roleMapping[admins]", Jackson (an unknown role) "roleMapping.admins"; either lands on
 * the row with that claim value, anything else about the mapping on the mapping as a whole.
 * Rows are matched by their trimmed value, which is what the form sends.
 */
export function fieldForPath(path: string, rows: readonly MappingRow[]): string | undefined {
  if ((SIMPLE_FIELDS as readonly string[]).includes(path)) {
    return path;
  }
  if (!path.startsWith('roleMapping')) {
    return undefined;
  }
  const entry = /^roleMapping(?:\[(.*)\]|\.(.+))$/.exec(path);
  const key = entry ? (entry[1] ?? entry[2]) : undefined;
  const row = key === undefined ? undefined : rows.find((candidate) => candidate.claimValue.trim() === key);
  return row ? `roleMapping.${row.key}` : 'roleMapping';
}
