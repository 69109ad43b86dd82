import type { NodeSettingsRequest, NodeSettingsStatus } from '../api/node-settings';

/** The settings form's text, one string per field; an empty field leaves the node's own configuration. */
export interface NodeSettingsForm {
  allowlist: string;
  idleTimeoutSeconds: string;
  capacity: string;
  region: string;
  labels: string;
}

export const EMPTY_FORM: NodeSettingsForm = { allowlist: '', idleTimeoutSeconds: '', capacity: '', region: '', labels: '' };

export function formFromSettings(settings: NodeSettingsStatus): NodeSettingsForm {
  return {
    allowlist: settings.allowlist?.join('\n') ?? '',
    idleTimeoutSeconds: settings.idleTimeoutSeconds?.toString() ?? '',
    capacity: settings.capacity?.toString() ?? '',
    region: settings.region ?? '',
    labels: settings.labels?.join(', ') ?? '',
  };
}

function list(text: string, separator: RegExp): string[] | null {
  const items = text
    .split(separator)
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
  return items.length > 0 ? items : null;
}

function integer(text: string): number | null {
  const trimmed = text.trim();
  return trimmed === '' ? null : Number(trimmed);
}

/** The request the form's text stands for; the server checks the values and names each bad one. */
export function requestFromForm(form: NodeSettingsForm): NodeSettingsRequest {
  return {
    allowlist: list(form.allowlist, /[\n,]/),
    idleTimeoutSeconds: integer(form.idleTimeoutSeconds),
    capacity: integer(form.capacity),
    region: form.region.trim() === '' ? null : form.region.trim(),
    labels: list(form.labels, /[\n,]/),
  };
}

const FIELDS = new Set<string>(['allowlist', 'idleTimeoutSeconds', 'capacity', 'region', 'labels']);

/** The form field a server error path belongs to: "allowlist[2]" → "allowlist". */
export function settingsFieldOf(path: string): keyof NodeSettingsForm | undefined {
  const field = path.replace(/\[\d+\]$/, '');
  return FIELDS.has(field) ? (field as keyof NodeSettingsForm) : undefined;
}
