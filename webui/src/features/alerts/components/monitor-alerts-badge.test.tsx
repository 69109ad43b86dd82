import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { jsonResponse, mockFetch, ORG_ID, renderWithQueryClient } from '@/testing/test-utils';

import { MonitorAlertsBadge } from './monitor-alerts-badge';

const PATH = `/api/v1/orgs/${ORG_ID}/alerts/by-monitor`;

describe('MonitorAlertsBadge', () => {
  it('counts a monitor’s unresolved alerts, one request for every badge', async () => {
    const fetchMock = mockFetch({
      [`GET ${PATH}`]: () =>
        jsonResponse([
          { monitorId: 'm-1', open: 1, acknowledged: 1, highestSeverity: 'CRITICAL' },
          { monitorId: 'm-2', open: 0, acknowledged: 1, highestSeverity: 'INFO' },
        ]),
    });
    renderWithQueryClient(
      <>
        <MonitorAlertsBadge orgId={ORG_ID} monitorId="m-1" />
        <MonitorAlertsBadge orgId={ORG_ID} monitorId="m-2" />
        <MonitorAlertsBadge orgId={ORG_ID} monitorId="m-3" />
      </>,
    );

    expect(await screen.findByRole('link', { name: '2 alerts, highest critical' })).toHaveAttribute('href', '/alerts');
    expect(screen.getByRole('link', { name: '1 alert (acknowledged), highest info' })).toBeInTheDocument();
    expect(screen.getAllByRole('link')).toHaveLength(2);
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });
});
