import { Dashboard } from '@/features/dashboard/components/dashboard';
import { SystemHealthPanel } from '@/features/system/components/system-health-panel';

export function DashboardRoute() {
  return <Dashboard statusPanel={<SystemHealthPanel />} />;
}
