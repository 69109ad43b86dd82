import { useState } from 'react';
import type { RouteObject } from 'react-router';
import { createBrowserRouter } from 'react-router';
import { RouterProvider } from 'react-router/dom';

import { RequireAuth } from '@/features/auth/components/require-auth';
import { SignInPage } from '@/features/auth/components/sign-in-page';
import { SsoCallbackPage } from '@/features/auth/components/sso-callback-page';

import { AppShell } from './layout/app-shell';
import { AuthLayout } from './layout/auth-layout';
import { ApiKeysRoute, AuditRoute, MembersRoute, NotificationChannelsRoute, SsoRoute } from './routes/admin';
import { DashboardRoute } from './routes/dashboard';
import {
  AlertRoute,
  AlertRulesRoute,
  AlertsRoute,
  BoardRoute,
  EditMonitorRoute,
  EditTestRoute,
  LicenseRoute,
  MaintenanceWindowsRoute,
  MapRoute,
  MonitorRoute,
  MonitorsRoute,
  NodeSessionsRoute,
  NodeRoute,
  NodesRoute,
  ResultsRoute,
  RunRoute,
  SpeedTestRoute,
  TestsRoute,
  TiersRoute,
} from './routes/monitoring';
import { NotFoundRoute } from './routes/not-found';
import { RouteError } from './routes/route-error';

export const routes: RouteObject[] = [
  {
    path: '/sign-in',
    element: <AuthLayout />,
    errorElement: <RouteError />,
    children: [{ index: true, element: <SignInPage /> }],
  },
  {
    path: '/auth/sso/callback',
    element: <AuthLayout />,
    errorElement: <RouteError />,
    children: [{ index: true, element: <SsoCallbackPage /> }],
  },
  {
    element: (
      <RequireAuth>
        <AppShell />
      </RequireAuth>
    ),
    children: [
      {
        // A pathless child carries the error element so a failing page keeps the
        // header, navigation and status banner around its error message.
        errorElement: <RouteError />,
        children: [
          { index: true, element: <DashboardRoute /> },
          { path: 'nodes', element: <NodesRoute /> },
          { path: 'nodes/:nodeId/sessions', element: <NodeSessionsRoute /> },
          { path: 'nodes/:nodeId', element: <NodeRoute /> },
          { path: 'tests', element: <TestsRoute /> },
          { path: 'tests/:testId/edit', element: <EditTestRoute /> },
          { path: 'monitors', element: <MonitorsRoute /> },
          { path: 'monitors/:monitorId', element: <MonitorRoute /> },
          { path: 'monitors/:monitorId/edit', element: <EditMonitorRoute /> },
          { path: 'board', element: <BoardRoute /> },
          { path: 'alerts', element: <AlertsRoute /> },
          { path: 'alerts/:alertId', element: <AlertRoute /> },
          { path: 'alert-rules', element: <AlertRulesRoute /> },
          { path: 'maintenance-windows', element: <MaintenanceWindowsRoute /> },
          { path: 'tiers', element: <TiersRoute /> },
          { path: 'runs/:runId', element: <RunRoute /> },
          { path: 'results', element: <ResultsRoute /> },
          { path: 'map', element: <MapRoute /> },
          { path: 'speed-test', element: <SpeedTestRoute /> },
          { path: 'license', element: <LicenseRoute /> },
          { path: 'members', element: <MembersRoute /> },
          { path: 'api-keys', element: <ApiKeysRoute /> },
          { path: 'audit', element: <AuditRoute /> },
          { path: 'sso', element: <SsoRoute /> },
          { path: 'notification-channels', element: <NotificationChannelsRoute /> },
          { path: '*', element: <NotFoundRoute /> },
        ],
      },
    ],
  },
];

export function AppRouter() {
  const [router] = useState(() => createBrowserRouter(routes));
  return <RouterProvider router={router} />;
}
