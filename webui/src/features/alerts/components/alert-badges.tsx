import { Badge } from '@/components/badge';

import type { AlertState, Severity } from '../api/alerts';

const SEVERITY_TONE = { INFO: 'neutral', WARNING: 'accent', CRITICAL: 'danger' } as const;

export function SeverityBadge({ severity }: { severity: Severity }) {
  return <Badge tone={SEVERITY_TONE[severity]}>{severity.charAt(0) + severity.slice(1).toLowerCase()}</Badge>;
}

const STATE_LABEL = { OPEN: 'Open', ACKNOWLEDGED: 'Acknowledged', RESOLVED: 'Resolved' } as const;
const STATE_TONE = { OPEN: 'danger', ACKNOWLEDGED: 'accent', RESOLVED: 'ok' } as const;

export function StateBadge({ state }: { state: AlertState }) {
  return <Badge tone={STATE_TONE[state]}>{STATE_LABEL[state]}</Badge>;
}
