import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

import { jsonResponse, mockFetch, ORG_ID, renderWithQueryClient } from '@/testing/test-utils';

import { HeatmapPage } from './heatmap-page';

// jsdom has no WebGL; the map itself is exercised by the browser end-to-end test.
vi.mock('./heatmap-map', () => ({ HeatmapMap: () => <div data-testid="heatmap-map" /> }));

const PATH = `/api/v1/orgs/${ORG_ID}/heatmap`;

describe('HeatmapPage', () => {
  it('lists the worst places with counts and percentiles and credits DB-IP', async () => {
    const queries: URLSearchParams[] = [];
    mockFetch({
      [`GET ${PATH}`]: ({ url }) => {
        queries.push(url.searchParams);
        return jsonResponse({
          type: 'FeatureCollection',
          metric: 'latency',
          unit: 'ms',
          level: 'country',
          side: null,
          from: '2026-11-30T11:00:00Z',
          to: '2026-12-07T11:00:00Z',
          minSamples: 5,
          relativeAccuracy: 0.01,
          attribution: { text: 'IP Geolocation by DB-IP (CC BY 4.0)', url: 'https://db-ip.com' },
          features: [
            {
              type: 'Feature',
              id: 'client:AU',
              geometry: null,
              properties: {
                side: 'client',
                level: 'country',
                place: 'AU',
                name: 'AU',
                countryCode: 'AU',
                latitude: null,
                longitude: null,
                count: 12,
                min: 100,
                max: 400,
                mean: 200,
                p50: 180,
                p95: 390,
              },
            },
          ],
        });
      },
    });
    renderWithQueryClient(<HeatmapPage orgId={ORG_ID} />, { route: '/map' });

    const row = await screen.findByRole('row', { name: /AU/ });
    expect(within(row).getByText('12')).toBeInTheDocument();
    expect(row).toHaveTextContent('390 ms');
    expect(screen.getByRole('link', { name: 'IP Geolocation by DB-IP' })).toHaveAttribute('href', 'https://db-ip.com');
    expect(screen.getByText(/fewer than 5 samples/)).toBeInTheDocument();
    expect(queries[0]?.get('metric')).toBe('latency');
    expect(queries[0]?.get('level')).toBe('country');
  });

  it('explains a missing geo_heatmap license instead of showing an error', async () => {
    mockFetch({
      [`GET ${PATH}`]: () =>
        jsonResponse(
          { title: 'Feature not licensed', detail: 'geo_heatmap needs professional', feature: 'geo_heatmap' },
          { status: 402, contentType: 'application/problem+json' },
        ),
    });
    renderWithQueryClient(<HeatmapPage orgId={ORG_ID} />, { route: '/map' });

    expect(await screen.findByText('The geographic heatmap is not part of your license')).toBeInTheDocument();
    expect(screen.getByText('geo_heatmap')).toBeInTheDocument();
    expect(screen.queryByTestId('heatmap-map')).not.toBeInTheDocument();
  });
});
