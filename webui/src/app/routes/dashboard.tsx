import { Dashboard } from '@/features/dashboard/components/dashboard';
import { NodeHealthPanel } from '@/features/nodes/components/node-health-panel';
import { RecentResultsPanel } from '@/features/results/components/recent-results-panel';
import { LiveRunPanel, RecentRunsPanel } from '@/features/runs/components/recent-runs-panel';
import { SystemHealthPanel } from '@/features/system/components/system-health-panel';
import { useSignedInSession } from '@/lib/session';

export function DashboardRoute() {
  const { orgId } = useSignedInSession();
  if (!orgId) {
    // An operator without an organisation sees only the platform's health.
    return (
      <Dashboard nodesPanel={null} liveRunPanel={null} recentRunsPanel={null} recentResultsPanel={null} statusPanel={<SystemHealthPanel />} />
    );
  }
  return (
    <Dashboard
      key={orgId}
      nodesPanel={<NodeHealthPanel orgId={orgId} />}
      liveRunPanel={<LiveRunPanel orgId={orgId} />}
      recentRunsPanel={<RecentRunsPanel orgId={orgId} />}
      recentResultsPanel={<RecentResultsPanel orgId={orgId} />}
      statusPanel={<SystemHealthPanel />}
    />
  );
}
