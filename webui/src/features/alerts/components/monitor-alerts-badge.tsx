import { Link } from 'react-router';

import { Badge } from '@/components/badge';

import { useAlertsByMonitor } from '../api/alerts';

const TONE = { INFO: 'neutral', WARNING: 'accent', CRITICAL: 'danger' } as const;

/**
 * A monitor's unresolved alerts as a badge linking to them, for the live board and the monitor
 * page; nothing when it has none. Every badge shares one query of GET /alerts/by-monitor.
 */
export function MonitorAlertsBadge({ orgId, monitorId }: { orgId: string; monitorId: string }) {
  const summary = useAlertsByMonitor(orgId).data?.find((s) => s.monitorId === monitorId);
  if (!summary) {
    return null;
  }
  const count = summary.open + summary.acknowledged;
  const label = `${count} ${count === 1 ? 'alert' : 'alerts'}${summary.open === 0 ? ' (acknowledged)' : ''}`;
  return (
    <Link to="/alerts" aria-label={`${label}, highest ${summary.highestSeverity.toLowerCase()}`}>
      <Badge tone={TONE[summary.highestSeverity]}>{label}</Badge>
    </Link>
  );
}
