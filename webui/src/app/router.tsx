import { useState } from 'react';
import type { RouteObject } from 'react-router';
import { createBrowserRouter } from 'react-router';
import { RouterProvider } from 'react-router/dom';

import { AppShell } from './layout/app-shell';
import { DashboardRoute } from './routes/dashboard';
import { NotFoundRoute } from './routes/not-found';
import { RouteError } from './routes/route-error';

export const routes: RouteObject[] = [
  {
    element: <AppShell />,
    children: [
      {
        // A pathless child carries the error element so a failing page keeps the
        // header, navigation and status banner around its error message.
        errorElement: <RouteError />,
        children: [
          { index: true, element: <DashboardRoute /> },
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
