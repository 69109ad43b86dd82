import { describe, expect, it } from 'vitest';

import type { Heatmap, HeatmapFeature } from '../api/get-heatmap';

import { colours, levelForZoom, numericCode, period, shadeCells, shadeCountries, unwrapRing } from './heatmap';

function place(id: string, countryCode: string, p95: number, count = 10): HeatmapFeature {
  return {
    type: 'Feature',
    id: `client:${id}`,
    geometry: null,
    properties: {
      side: 'client',
      level: 'country',
      place: id,
      name: id,
      countryCode,
      latitude: null,
      longitude: null,
      count,
      min: 1,
      max: p95 * 2,
      mean: p95 / 2,
      p50: p95 / 2,
      p95,
    },
  };
}

function heatmap(features: HeatmapFeature[], metric = 'latency', level = 'country'): Heatmap {
  return {
    type: 'FeatureCollection',
    metric,
    unit: 'ms',
    level,
    side: null,
    from: '2026-12-01T00:00:00Z',
    to: '2026-12-08T00:00:00Z',
    minSamples: 5,
    relativeAccuracy: 0.01,
    attribution: { text: 'IP Geolocation by DB-IP (CC BY 4.0)', url: 'https://db-ip.com' },
    features,
  };
}

const square = (lon: number, lat: number) => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      [lon, lat],
      [lon + 1, lat],
      [lon + 1, lat + 1],
      [lon, lat],
    ],
  ],
});

describe('heatmap utils', () => {
  it('asks for whole UTC hours ending after the current hour', () => {
    expect(period(24, new Date('2026-12-07T10:17:05Z'))).toEqual({ from: '2026-12-06T11:00:00Z', to: '2026-12-07T11:00:00Z' });
  });

  it('shows countries at world zoom and hexagons when zoomed in', () => {
    expect(levelForZoom(1)).toBe('country');
    expect(levelForZoom(3.5)).toBe('cell3');
    expect(levelForZoom(6)).toBe('cell5');
  });

  it('colours the worst p95 red and the best green, worst meaning high latency but low throughput', () => {
    const places = [place('A', 'DE', 10), place('B', 'FR', 300)].map((f) => f.properties);
    expect(colours(places, 'latency').get('client:B')).toBe('#d73027');
    expect(colours(places, 'latency').get('client:A')).toBe('#1a9850');
    expect(colours(places, 'download').get('client:A')).toBe('#d73027');
  });

  it('joins country places to world-atlas shapes by numeric ISO code', () => {
    expect(numericCode('de')).toBe('276');
    const shapes = [
      { type: 'Feature' as const, id: '276', geometry: square(10, 50), properties: { name: 'Germany' } },
      { type: 'Feature' as const, id: '250', geometry: square(2, 46), properties: { name: 'France' } },
    ];
    const shaded = shadeCountries(heatmap([place('DE', 'DE', 42, 17)]), shapes);
    expect(shaded.features).toHaveLength(1);
    expect(shaded.features[0]?.properties).toMatchObject({ name: 'Germany', count: 17, p95: 42 });
  });

  it('draws cells from the API polygons', () => {
    const cell = { ...place('85283473fffffff', 'US', 20), geometry: square(-122, 37) };
    expect(shadeCells(heatmap([cell], 'latency', 'cell5')).features[0]?.geometry).toEqual(square(-122, 37));
  });

  it('keeps a ring that crosses the antimeridian in one piece', () => {
    expect(
      unwrapRing([
        [179, 60],
        [-179, 60],
        [-179, 61],
        [179, 61],
      ]),
    ).toEqual([
      [179, 60],
      [181, 60],
      [181, 61],
      [179, 61],
    ]);
  });
});
