import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useParams } from 'react-router';

import { AlertPage } from '@/features/alerts/components/alert-page';
import { AlertRulesPage } from '@/features/alerts/components/alert-rules-page';
import { AlertsPage } from '@/features/alerts/components/alerts-page';
import { MaintenanceWindowsPage } from '@/features/alerts/components/maintenance-windows-page';
import { MonitorAlertsBadge } from '@/features/alerts/components/monitor-alerts-badge';
import { RunArtefacts } from '@/features/archive/components/run-artefacts';
import { RequireRole } from '@/features/auth/components/require-role';
import { HeatmapPage } from '@/features/geo/components/heatmap-page';
import { LicensePage } from '@/features/license/components/license-page';
import { useMonitors } from '@/features/monitors/api/monitors';
import { BoardPage } from '@/features/monitors/components/board-page';
import { EditMonitorPage } from '@/features/monitors/components/edit-monitor-page';
import { MonitorPage } from '@/features/monitors/components/monitor-page';
import { MonitorsPage } from '@/features/monitors/components/monitors-page';
import { useNodes } from '@/features/nodes/api/get-nodes';
import { NodePage } from '@/features/nodes/components/node-page';
import { NodeSessionsPage } from '@/features/nodes/components/node-sessions-page';
import { NodesPage } from '@/features/nodes/components/nodes-page';
import { channelsQueryOptions } from '@/features/notifications/api/channels';
import { ResultsPage } from '@/features/results/components/results-page';
import { useRun } from '@/features/runs/api/runs';
import { RunNowButton } from '@/features/runs/components/run-now-button';
import { RunPage } from '@/features/runs/components/run-page';
import { TierRunForm } from '@/features/runs/components/tier-run-form';
import { SpeedTestPage } from '@/features/speedtest/components/speed-test-page';
import { useTests } from '@/features/tests/api/get-tests';
import { EditTestPage } from '@/features/tests/components/edit-test-page';
import { TestsPage } from '@/features/tests/components/tests-page';
import { TiersPage } from '@/features/tests/components/tiers-page';
import { hasRole } from '@/lib/roles';
import { useSignedInSession } from '@/lib/session';

/**
 * A page of the current organisation. Keyed by organisation so switching resets its state (a
 * half-filled form, a shown token) instead of carrying it into another organisation.
 */
function OrgPage({ render }: { render: (orgId: string, roles: readonly string[]) => ReactNode }) {
  const { orgId, roles } = useSignedInSession();
  if (!orgId) {
    return (
      <div className="card">
        <p>This page belongs to an organisation, and you are not signed in to one.</p>
      </div>
    );
  }
  return <div key={orgId}>{render(orgId, roles)}</div>;
}

function useNodeOptions(orgId: string) {
  return useNodes(orgId).data ?? [];
}

function NodeSessionsOf({ orgId }: { orgId: string }) {
  const { nodeId = '' } = useParams();
  return <NodeSessionsPage orgId={orgId} nodeId={nodeId} />;
}

export function NodeSessionsRoute() {
  return <OrgPage render={(orgId) => <NodeSessionsOf orgId={orgId} />} />;
}

export function NodesRoute() {
  return (
    <OrgPage
      render={(orgId, roles) => (
        // The origin the browser loaded the UI from is the API's (it serves the UI).
        <NodesPage orgId={orgId} canAdminister={hasRole(roles, 'ADMIN')} apiOrigin={window.location.origin} />
      )}
    />
  );
}

function NodeDetails({ orgId, roles }: { orgId: string; roles: readonly string[] }) {
  const { nodeId = '' } = useParams();
  return <NodePage orgId={orgId} nodeId={nodeId} canEditSettings={hasRole(roles, 'MAINTAINER')} />;
}

export function NodeRoute() {
  return <OrgPage render={(orgId, roles) => <NodeDetails orgId={orgId} roles={roles} />} />;
}

function TestsWithNodes({ orgId, roles }: { orgId: string; roles: readonly string[] }) {
  const nodes = useNodeOptions(orgId);
  return (
    <TestsPage
      orgId={orgId}
      canEdit={hasRole(roles, 'MAINTAINER')}
      canDelete={hasRole(roles, 'ADMIN')}
      nodes={nodes.filter((n) => n.status !== 'REVOKED')}
      runAction={(test) => <RunNowButton orgId={orgId} testId={test.id} testName={test.name} />}
    />
  );
}

export function TestsRoute() {
  return <OrgPage render={(orgId, roles) => <TestsWithNodes orgId={orgId} roles={roles} />} />;
}

function EditTest({ orgId }: { orgId: string }) {
  const { testId = '' } = useParams();
  const nodes = useNodeOptions(orgId);
  return <EditTestPage orgId={orgId} testId={testId} nodes={nodes.filter((n) => n.status !== 'REVOKED')} />;
}

export function EditTestRoute() {
  return (
    <RequireRole role="MAINTAINER">
      <OrgPage render={(orgId) => <EditTest orgId={orgId} />} />
    </RequireRole>
  );
}

function Monitors({ orgId, roles }: { orgId: string; roles: readonly string[] }) {
  const nodes = useNodeOptions(orgId);
  return (
    <MonitorsPage
      orgId={orgId}
      canEdit={hasRole(roles, 'MAINTAINER')}
      canDelete={hasRole(roles, 'ADMIN')}
      nodes={nodes}
      selectableNodes={nodes.filter((n) => n.status !== 'REVOKED')}
    />
  );
}

export function MonitorsRoute() {
  return <OrgPage render={(orgId, roles) => <Monitors orgId={orgId} roles={roles} />} />;
}

function MonitorTrends({ orgId, roles }: { orgId: string; roles: readonly string[] }) {
  const { monitorId = '' } = useParams();
  const nodes = useNodeOptions(orgId);
  return (
    <MonitorPage
      key={monitorId}
      orgId={orgId}
      monitorId={monitorId}
      canEdit={hasRole(roles, 'MAINTAINER')}
      nodes={nodes}
      extra={<MonitorAlertsBadge orgId={orgId} monitorId={monitorId} />}
    />
  );
}

export function MonitorRoute() {
  return <OrgPage render={(orgId, roles) => <MonitorTrends orgId={orgId} roles={roles} />} />;
}

function EditMonitor({ orgId }: { orgId: string }) {
  const { monitorId = '' } = useParams();
  const nodes = useNodeOptions(orgId);
  return <EditMonitorPage orgId={orgId} monitorId={monitorId} nodes={nodes.filter((n) => n.status !== 'REVOKED')} />;
}

export function EditMonitorRoute() {
  return (
    <RequireRole role="MAINTAINER">
      <OrgPage render={(orgId) => <EditMonitor orgId={orgId} />} />
    </RequireRole>
  );
}

export function BoardRoute() {
  return (
    <OrgPage
      render={(orgId) => <BoardPage orgId={orgId} monitorExtra={(monitorId) => <MonitorAlertsBadge orgId={orgId} monitorId={monitorId} />} />}
    />
  );
}

function Tiers({ orgId, roles }: { orgId: string; roles: readonly string[] }) {
  const nodes = useNodeOptions(orgId).filter((n) => n.status !== 'REVOKED');
  const canRun = hasRole(roles, 'MAINTAINER');
  return (
    <>
      <TiersPage orgId={orgId} canEdit={canRun} />
      {canRun ? <TierRunForm orgId={orgId} nodes={nodes} /> : null}
    </>
  );
}

export function TiersRoute() {
  return <OrgPage render={(orgId, roles) => <Tiers orgId={orgId} roles={roles} />} />;
}

function Run({ orgId, roles }: { orgId: string; roles: readonly string[] }) {
  const { runId = '' } = useParams();
  // The run page's own query (one cache entry): it reads the run again when the run ends.
  const finishedAt = useRun(orgId, runId).data?.finishedAt ?? null;
  return (
    <>
      <RunPage key={runId} orgId={orgId} runId={runId} canCancel={hasRole(roles, 'MAINTAINER')} />
      <RunArtefacts key={`${runId}-artefacts`} orgId={orgId} runId={runId} finishedAt={finishedAt} />
    </>
  );
}

export function RunRoute() {
  return <OrgPage render={(orgId, roles) => <Run orgId={orgId} roles={roles} />} />;
}

function Results({ orgId }: { orgId: string }) {
  const nodes = useNodeOptions(orgId);
  const tests = useTests(orgId).data ?? [];
  return (
    <ResultsPage
      orgId={orgId}
      tests={tests.map((t) => ({ value: t.id, label: t.name }))}
      nodes={nodes.map((n) => ({ value: n.id, label: n.name }))}
    />
  );
}

export function MapRoute() {
  return <OrgPage render={(orgId) => <HeatmapPage orgId={orgId} />} />;
}

export function ResultsRoute() {
  return <OrgPage render={(orgId) => <Results orgId={orgId} />} />;
}

function SpeedTest({ orgId, roles }: { orgId: string; roles: readonly string[] }) {
  const nodes = useNodeOptions(orgId);
  return (
    <SpeedTestPage
      orgId={orgId}
      canRun={hasRole(roles, 'MAINTAINER')}
      nodes={nodes.map((n) => ({
        id: n.id,
        name: n.name,
        region: n.region,
        advertisedUrl: n.advertisedUrl,
        online: n.status === 'ONLINE',
      }))}
    />
  );
}

export function SpeedTestRoute() {
  return <OrgPage render={(orgId, roles) => <SpeedTest orgId={orgId} roles={roles} />} />;
}

export function LicenseRoute() {
  return (
    <RequireRole role="ADMIN">
      <OrgPage render={(orgId) => <LicensePage orgId={orgId} />} />
    </RequireRole>
  );
}

export function AlertsRoute() {
  return <OrgPage render={(orgId, roles) => <AlertsPage orgId={orgId} canAct={hasRole(roles, 'MAINTAINER')} />} />;
}

function OneAlert({ orgId, roles }: { orgId: string; roles: readonly string[] }) {
  const { alertId = '' } = useParams();
  return <AlertPage key={alertId} orgId={orgId} alertId={alertId} canAct={hasRole(roles, 'MAINTAINER')} />;
}

export function AlertRoute() {
  return <OrgPage render={(orgId, roles) => <OneAlert orgId={orgId} roles={roles} />} />;
}

function AlertRules({ orgId, roles }: { orgId: string; roles: readonly string[] }) {
  // The monitors feature names the monitors a rule watches and the notifications feature lists
  // the channels it routes to; alerts import neither. VIEWERs may not read channels.
  const monitors = useMonitors(orgId).data ?? [];
  const canEdit = hasRole(roles, 'MAINTAINER');
  const channels = useQuery({ ...channelsQueryOptions(orgId), enabled: canEdit });
  return (
    <AlertRulesPage
      orgId={orgId}
      canEdit={canEdit}
      canDelete={hasRole(roles, 'ADMIN')}
      monitorNames={new Map(monitors.map((m) => [m.id, m.name]))}
      channels={canEdit ? channels.data : undefined}
    />
  );
}

export function AlertRulesRoute() {
  return <OrgPage render={(orgId, roles) => <AlertRules orgId={orgId} roles={roles} />} />;
}

function MaintenanceWindows({ orgId, roles }: { orgId: string; roles: readonly string[] }) {
  const monitors = useMonitors(orgId).data ?? [];
  return (
    <MaintenanceWindowsPage
      orgId={orgId}
      canEdit={hasRole(roles, 'MAINTAINER')}
      canDelete={hasRole(roles, 'ADMIN')}
      monitorNames={new Map(monitors.map((m) => [m.id, m.name]))}
    />
  );
}

export function MaintenanceWindowsRoute() {
  return <OrgPage render={(orgId, roles) => <MaintenanceWindows orgId={orgId} roles={roles} />} />;
}
