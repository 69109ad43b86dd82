import { Badge } from '@/components/badge';

import type { RunStatus } from '../api/runs';

const LABELS: Record<RunStatus, string> = {
  pending: 'Pending',
  dispatched: 'Dispatched',
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
  timed_out: 'Timed out',
  canceled: 'Canceled',
  skipped: 'Skipped',
};

export function RunStatusBadge({ status }: { status: RunStatus }) {
  const tone = status === 'succeeded' ? 'ok' : status === 'failed' || status === 'timed_out' ? 'danger' : status === 'canceled' || status === 'skipped' ? 'neutral' : 'accent';
  return <Badge tone={tone}>{LABELS[status] ?? status}</Badge>;
}
