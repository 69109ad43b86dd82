import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { jsonResponse, mockFetch, renderWithQueryClient } from '@/testing/test-utils';

import { StatusBanner } from './status-banner';

const ACTUATOR_JSON = 'application/vnd.spring-boot.actuator.v3+json';

describe('StatusBanner', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('says all systems are operational when the API reports UP', async () => {
    mockFetch({ '/actuator/health': () => jsonResponse({ status: 'UP' }, { contentType: ACTUATOR_JSON }) });

    renderWithQueryClient(<StatusBanner />);

    await screen.findByText('All systems operational');
    expect(screen.getByRole('status')).toHaveTextContent('All systems operational');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('warns and names the failing check when actuator answers 503 DOWN', async () => {
    mockFetch({
      '/actuator/health': () =>
        jsonResponse(
          { status: 'DOWN', components: { db: { status: 'DOWN' }, diskSpace: { status: 'UP' }, ping: { status: 'UP' } } },
          { status: 503, contentType: ACTUATOR_JSON },
        ),
    });

    renderWithQueryClient(<StatusBanner />);

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Service degraded');
    expect(alert).toHaveTextContent('Database is down.');
    expect(alert).not.toHaveTextContent('Disk space');
  });

  it('warns with the reported status when components are hidden', async () => {
    mockFetch({
      '/actuator/health': () => jsonResponse({ status: 'OUT_OF_SERVICE' }, { status: 503, contentType: ACTUATOR_JSON }),
    });

    renderWithQueryClient(<StatusBanner />);

    expect(await screen.findByRole('alert')).toHaveTextContent('The API reports status out of service.');
  });

  it('warns that the API is unreachable when health requests fail, after one retry', async () => {
    const fetchMock = vi.fn(() => Promise.reject(new TypeError('Failed to fetch')));
    vi.stubGlobal('fetch', fetchMock);

    renderWithQueryClient(<StatusBanner />);

    // The query retries once after 1 s before giving up, hence the longer wait.
    const alert = await screen.findByRole('alert', {}, { timeout: 3_000 });
    expect(alert).toHaveTextContent('WaddlePerf API unreachable');
    expect(alert).toHaveTextContent('Could not reach the server for GET /actuator/health');
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it('shows the checking state until the first answer arrives', () => {
    vi.stubGlobal('fetch', vi.fn(() => new Promise<Response>(() => undefined)));

    renderWithQueryClient(<StatusBanner />);

    expect(screen.getByRole('status')).toHaveTextContent('Checking system status…');
  });

  it('polls every 15 s and switches to a warning when the status changes', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let status = 'UP';
    const fetchMock = mockFetch({
      '/actuator/health': () => jsonResponse({ status }, { status: status === 'UP' ? 200 : 503 }),
    });

    renderWithQueryClient(<StatusBanner />);
    await screen.findByText('All systems operational');
    expect(screen.getByRole('status')).toHaveTextContent('All systems operational');
    expect(fetchMock).toHaveBeenCalledTimes(1);

    status = 'DOWN';
    await vi.advanceTimersByTimeAsync(14_000);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1_000);

    expect(await screen.findByRole('alert')).toHaveTextContent('The API reports status down.');
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });
});
