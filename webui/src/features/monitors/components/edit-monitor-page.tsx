import { Link, useNavigate } from 'react-router';

import { ErrorAlert } from '@/components/alert';
import { PageHeader } from '@/components/page-header';
import { Loading } from '@/components/states';

import { useMonitor } from '../api/monitors';

import { isUnlicensed, MonitorForm, UnlicensedNote, type NodeOption } from './monitor-form';

export function EditMonitorPage({ orgId, monitorId, nodes }: { orgId: string; monitorId: string; nodes: readonly NodeOption[] }) {
  const monitor = useMonitor(orgId, monitorId);
  const navigate = useNavigate();
  return (
    <>
      <PageHeader title={monitor.data ? `Edit “${monitor.data.name}”` : 'Edit monitor'} />
      <div className="card">
        {monitor.isPending ? <Loading label="Loading the monitor…" /> : null}
        {isUnlicensed(monitor.error) ? <UnlicensedNote /> : null}
        {monitor.isError && !isUnlicensed(monitor.error) ? <ErrorAlert title="Could not load the monitor" error={monitor.error} /> : null}
        {monitor.data ? (
          <MonitorForm orgId={orgId} nodes={nodes} monitor={monitor.data} onSaved={() => void navigate('/monitors')} />
        ) : null}
        <p>
          <Link to="/monitors">Back to the monitors</Link>
        </p>
      </div>
    </>
  );
}
