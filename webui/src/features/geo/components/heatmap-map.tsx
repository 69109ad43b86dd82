import 'maplibre-gl/dist/maplibre-gl.css';

import { Map as MapLibreMap, setWorkerUrl, type GeoJSONSource, type MapLayerMouseEvent } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef, useState } from 'react';
import worldUrl from 'world-atlas/countries-110m.json?url';

import type { Heatmap } from '../api/get-heatmap';
import { countryShapes, formatFigure, shadeCells, shadeCountries, type ShadedProperties } from '../utils/heatmap';

import styles from './heatmap.module.css';

// The bundle moves MapLibre away from its worker file; point it at the copy Vite ships.
setWorkerUrl(workerUrl);

const EMPTY = { type: 'FeatureCollection' as const, features: [] };

interface Tooltip {
  x: number;
  y: number;
  place: ShadedProperties;
}

interface HeatmapMapProps {
  heatmap: Heatmap | undefined;
  unit: string;
  onZoom: (zoom: number) => void;
  onSelect: (place: ShadedProperties) => void;
}

/**
 * The world from the bundled world-atlas outlines, no tiles, no fonts, no network: countries
 * shaded at world zoom, H3 hexagons when zoomed in. The heatmap decides which of the two is drawn
 * by the level it answers.
 */
export function HeatmapMap({ heatmap, unit, onZoom, onSelect }: HeatmapMapProps) {
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<MapLibreMap | null>(null);
  const shapes = useRef<ReturnType<typeof countryShapes> | null>(null);
  const [ready, setReady] = useState(false);
  const [tooltip, setTooltip] = useState<Tooltip | null>(null);
  // The map's listeners are bound once; they call the latest callbacks through this ref.
  const handlers = useRef({ onZoom, onSelect });
  useEffect(() => {
    handlers.current = { onZoom, onSelect };
  }, [onZoom, onSelect]);

  useEffect(() => {
    if (!container.current) {
      return;
    }
    const instance = new MapLibreMap({
      container: container.current,
      style: {
        version: 8,
        sources: {},
        layers: [{ id: 'sea', type: 'background', paint: { 'background-color': '#dce6f0' } }],
      },
      center: [10, 25],
      zoom: 1,
      attributionControl: false,
      renderWorldCopies: true,
    });
    map.current = instance;
    let cancelled = false;
    instance.on('load', () => {
      void fetch(worldUrl)
        .then((response) => response.json())
        .then((topology: Parameters<typeof countryShapes>[0]) => {
          if (cancelled) {
            return;
          }
          shapes.current = countryShapes(topology);
          instance.addSource('land', { type: 'geojson', data: { type: 'FeatureCollection', features: shapes.current } });
          instance.addSource('shaded', { type: 'geojson', data: EMPTY });
          instance.addLayer({ id: 'land', type: 'fill', source: 'land', paint: { 'fill-color': '#f4f4f1' } });
          instance.addLayer({ id: 'land-outline', type: 'line', source: 'land', paint: { 'line-color': '#b8c0c8', 'line-width': 0.5 } });
          instance.addLayer({
            id: 'shaded',
            type: 'fill',
            source: 'shaded',
            paint: { 'fill-color': ['get', 'colour'], 'fill-opacity': 0.8, 'fill-outline-color': '#555555' },
          });
          setReady(true);
        });
    });
    instance.on('zoomend', () => handlers.current.onZoom(instance.getZoom()));
    instance.on('mousemove', 'shaded', (event: MapLayerMouseEvent) => {
      const place = event.features?.[0]?.properties as ShadedProperties | undefined;
      instance.getCanvas().style.cursor = place ? 'pointer' : '';
      setTooltip(place ? { x: event.point.x, y: event.point.y, place } : null);
    });
    instance.on('mouseleave', 'shaded', () => {
      instance.getCanvas().style.cursor = '';
      setTooltip(null);
    });
    instance.on('click', 'shaded', (event: MapLayerMouseEvent) => {
      const place = event.features?.[0]?.properties as ShadedProperties | undefined;
      if (place) {
        handlers.current.onSelect(place);
      }
    });
    return () => {
      cancelled = true;
      instance.remove();
      map.current = null;
    };
  }, []);

  useEffect(() => {
    const instance = map.current;
    if (!ready || !instance || !shapes.current) {
      return;
    }
    const source = instance.getSource<GeoJSONSource>('shaded');
    if (!heatmap) {
      void source?.setData(EMPTY);
      return;
    }
    void source?.setData(heatmap.level === 'country' ? shadeCountries(heatmap, shapes.current) : shadeCells(heatmap));
  }, [heatmap, ready]);

  return (
    <div className={styles.mapFrame}>
      <div ref={container} className={styles.map} data-testid="heatmap-map" data-ready={ready ? 'true' : 'false'} />
      {tooltip ? (
        <div role="tooltip" className={styles.tooltip} style={{ left: tooltip.x + 12, top: tooltip.y + 12 }}>
          <strong>{tooltip.place.name}</strong>
          <span>{tooltip.place.count} samples</span>
          <span>
            p50 {formatFigure(tooltip.place.p50)} {unit} · p95 {formatFigure(tooltip.place.p95)} {unit}
          </span>
        </div>
      ) : null}
    </div>
  );
}
