import { render, screen, within } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';

import { jsonResponse, mockFetch } from '@/testing/test-utils';

import { AppProvider } from './provider';
import { routes } from './router';

function renderAt(path: string) {
  mockFetch({
    '/actuator/health': () =>
      jsonResponse({ status: 'UP', components: { db: { status: 'UP' }, diskSpace: { status: 'UP' } } }),
    '/actuator/info': () => jsonResponse({ build: { version: '0.1.0', time: '2026-11-22T00:00:00Z' } }),
  });
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  render(
    <AppProvider>
      <RouterProvider router={router} />
    </AppProvider>,
  );
  return router;
}

describe('router', () => {
  it('renders the overview with live system status at /', async () => {
    renderAt('/');

    expect(screen.getByRole('heading', { level: 1, name: 'Overview' })).toBeInTheDocument();
    const panel = screen.getByRole('region', { name: 'Platform status' });
    expect(await within(panel).findByText('All systems operational')).toBeInTheDocument();
    expect(await within(panel).findByRole('row', { name: 'Database Up' })).toBeInTheDocument();
    expect(within(panel).getByText('0.1.0')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Overview' })).toHaveAttribute('aria-current', 'page');
  });

  it('renders NotFound inside the app shell for an unknown path', async () => {
    renderAt('/no/such/page');

    expect(screen.getByRole('heading', { level: 1, name: 'Page not found' })).toBeInTheDocument();
    expect(screen.getByRole('main')).toHaveTextContent('There is no page at /no/such/page.');
    expect(screen.getByRole('link', { name: 'Go to the overview' })).toHaveAttribute('href', '/');
    expect(screen.queryByRole('heading', { name: 'Overview' })).not.toBeInTheDocument();
    // The shell stays: navigation, and the footer with the API's build version.
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeInTheDocument();
    expect(await within(screen.getByRole('contentinfo')).findByText('Version 0.1.0')).toBeInTheDocument();
  });

  it('names the page in the document title', async () => {
    renderAt('/missing');

    await screen.findByRole('heading', { name: 'Page not found' });
    expect(document.title).toBe('Page not found · WaddlePerf');
  });
});
