import { alpha2ToNumeric } from 'i18n-iso-countries';
import { feature } from 'topojson-client';

import type { Heatmap, PlaceProperties } from '../api/get-heatmap';

export const METRICS = [
  { value: 'latency', label: 'Latency (ms)' },
  { value: 'download', label: 'Download (Mbit/s)' },
  { value: 'upload', label: 'Upload (Mbit/s)' },
  { value: 'loss', label: 'Loss (%)' },
] as const;

export const PERIODS = [
  { value: '24', label: 'Last 24 hours' },
  { value: '168', label: 'Last 7 days' },
  { value: '720', label: 'Last 30 days' },
  { value: '2160', label: 'Last 90 days' },
] as const;

/** Lower is better for these; for throughput, higher is. */
const HIGHER_IS_WORSE = new Set(['latency', 'loss']);

/** Whole UTC hours, as the rollups are: the current hour is included. */
export function period(hours: number, now: Date): { from: string; to: string } {
  const to = new Date(now);
  to.setUTCMinutes(0, 0, 0);
  to.setUTCHours(to.getUTCHours() + 1);
  const from = new Date(to.getTime() - hours * 3_600_000);
  return { from: from.toISOString().replace('.000Z', 'Z'), to: to.toISOString().replace('.000Z', 'Z') };
}

/** Countries at world zoom, H3 cells (about 12,000 km², then 250 km²) when zoomed in. */
export function levelForZoom(zoom: number): 'country' | 'cell3' | 'cell5' {
  if (zoom < 3) {
    return 'country';
  }
  return zoom < 5 ? 'cell3' : 'cell5';
}

const PALETTE = ['#1a9850', '#91cf60', '#d9ef8b', '#fee08b', '#fc8d59', '#d73027'];

/**
 * A colour per place from its p95's rank among the shown places: green best, red worst, whatever
 * the metric's scale. Ranks, not values, so one extreme place does not wash out the rest.
 */
export function colours(places: readonly PlaceProperties[], metric: string): Map<string, string> {
  const worseFirst = HIGHER_IS_WORSE.has(metric);
  const sorted = [...places].sort((a, b) => (worseFirst ? a.p95 - b.p95 : b.p95 - a.p95));
  const result = new Map<string, string>();
  sorted.forEach((place, index) => {
    const share = sorted.length === 1 ? 1 : index / (sorted.length - 1);
    const colour = PALETTE[Math.min(PALETTE.length - 1, Math.floor(share * PALETTE.length))] ?? '#d73027';
    result.set(`${place.side}:${place.place}`, colour);
  });
  return result;
}

/** The few GeoJSON shapes this page draws. */
export type Position = number[];
export type Polygon = { type: 'Polygon'; coordinates: Position[][] };
export type MultiPolygon = { type: 'MultiPolygon'; coordinates: Position[][][] };
export interface ShapeFeature<P> {
  type: 'Feature';
  id?: string | number;
  geometry: Polygon | MultiPolygon;
  properties: P;
}
export interface ShapeCollection<P> {
  type: 'FeatureCollection';
  features: ShapeFeature<P>[];
}
type CountryGeometry = ShapeFeature<{ name?: string }>;
type Topology = Parameters<typeof feature>[0];

/** Numeric ISO 3166 code as world-atlas spells it: three digits. */
export function numericCode(alpha2: string): string | undefined {
  return alpha2ToNumeric(alpha2.toUpperCase());
}

/**
 * Shifts points of a ring by 360° where it jumps across the antimeridian, so Russia or Fiji are
 * drawn as one shape instead of a band around the world.
 */
export function unwrapRing(ring: readonly Position[]): Position[] {
  const out: Position[] = [];
  let offset = 0;
  ring.forEach((point, i) => {
    const [lon = 0, lat = 0] = point;
    const previous = ring[i - 1];
    if (previous) {
      const jump = lon - (previous[0] ?? 0);
      if (jump > 180) {
        offset -= 360;
      } else if (jump < -180) {
        offset += 360;
      }
    }
    out.push([lon + offset, lat]);
  });
  return out;
}

export function countryShapes(topology: Topology): CountryGeometry[] {
  const countries = topology.objects['countries'];
  if (!countries) {
    return [];
  }
  const collection = feature(topology, countries) as unknown as ShapeCollection<{ name?: string }>;
  return (
    collection.features
      // Antarctica is all pole: nobody measures from it, and its ring cannot be unwrapped.
      .filter((f) => f.id !== '010')
      .map((f) => {
        const geometry: Polygon | MultiPolygon =
          f.geometry.type === 'Polygon'
            ? { type: 'Polygon', coordinates: f.geometry.coordinates.map(unwrapRing) }
            : { type: 'MultiPolygon', coordinates: f.geometry.coordinates.map((poly) => poly.map(unwrapRing)) };
        return { ...f, geometry };
      })
  );
}

export interface ShadedProperties {
  id: string;
  name: string;
  count: number;
  p50: number;
  p95: number;
  colour: string;
}

/**
 * Countries of the heatmap as fillable shapes: the API's country places joined to world-atlas
 * by ISO code, each with its colour and figures for the tooltip. Countries without enough samples
 * are left out, as the API leaves them out.
 */
export function shadeCountries(heatmap: Heatmap, shapes: readonly CountryGeometry[]): ShapeCollection<ShadedProperties> {
  const places = heatmap.features.map((f) => f.properties);
  const palette = colours(places, heatmap.metric);
  const byNumeric = new Map<string, PlaceProperties>();
  for (const place of places) {
    const code = numericCode(place.countryCode);
    // With several sides (client, node, target), show the busiest per country.
    const seen = code ? byNumeric.get(code) : undefined;
    if (code && (!seen || seen.count < place.count)) {
      byNumeric.set(code, place);
    }
  }
  const features: ShapeFeature<ShadedProperties>[] = [];
  for (const shape of shapes) {
    const place = byNumeric.get(String(shape.id));
    if (place) {
      features.push({
        type: 'Feature',
        geometry: shape.geometry,
        properties: {
          id: `${place.side}:${place.place}`,
          name: shape.properties.name ?? place.countryCode,
          count: place.count,
          p50: place.p50,
          p95: place.p95,
          colour: palette.get(`${place.side}:${place.place}`) ?? '#d73027',
        },
      });
    }
  }
  return { type: 'FeatureCollection', features };
}

/** Cells as fillable hexagons, with the same properties. */
export function shadeCells(heatmap: Heatmap): ShapeCollection<ShadedProperties> {
  const palette = colours(
    heatmap.features.map((f) => f.properties),
    heatmap.metric,
  );
  return {
    type: 'FeatureCollection',
    features: heatmap.features
      .filter((f) => f.geometry?.type === 'Polygon')
      .map((f) => ({
        type: 'Feature' as const,
        geometry: f.geometry as Polygon,
        properties: {
          id: f.id,
          name: `${f.properties.countryCode} cell ${f.properties.place} (${f.properties.side})`,
          count: f.properties.count,
          p50: f.properties.p50,
          p95: f.properties.p95,
          colour: palette.get(f.id) ?? '#d73027',
        },
      })),
  };
}

export function formatFigure(value: number): string {
  return value >= 100 ? value.toFixed(0) : value.toFixed(value >= 10 ? 1 : 2);
}
