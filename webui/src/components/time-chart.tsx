import 'uplot/dist/uPlot.min.css';

import { useEffect, useId, useMemo, useRef } from 'react';
import type uPlot from 'uplot';

import chartStyles from './line-chart.module.css';
import { Table } from './table';
import { alignSeries, groupColours, summariseSeries, type TimeSeries } from './time-chart-data';
import styles from './time-chart.module.css';

export type { TimeSeries } from './time-chart-data';

/** A moment to mark on the time axis (e.g. an escalation), at epoch seconds. */
export interface TimeMarker {
  readonly t: number;
  readonly label: string;
}

interface TimeChartProps {
  title: string;
  /** Unit of the y values ("ms", "%"). */
  unit: string;
  series: readonly TimeSeries[];
  /** The window shown, in epoch seconds, and the bucket width: a bucket without a point is a gap. */
  from: number;
  to: number;
  step: number;
  markers?: readonly TimeMarker[];
  height?: number;
}

/**
 * uPlot reads matchMedia when its module loads and draws on a 2D canvas; without them (jsdom, a
 * very old browser) the chart is left out and the figure keeps its caption and summary table.
 */
function canDraw(): boolean {
  return typeof window.matchMedia === 'function' && typeof ResizeObserver === 'function';
}

/**
 * A time chart of many series (uPlot on a canvas): drag across to zoom in, double-click to zoom
 * out again, the legend gives each series' value under the cursor, and the chart follows its
 * container's width. The summary table below it says the same in text for every reader.
 */
export function TimeChart({ title, unit, series, from, to, step, markers = [], height = 260 }: TimeChartProps) {
  const titleId = useId();
  const plotRef = useRef<HTMLDivElement>(null);
  const data = useMemo(() => alignSeries(series, from, to, step), [series, from, to, step]);
  const summary = summariseSeries(series);
  const colours = groupColours(series);

  useEffect(() => {
    const host = plotRef.current;
    if (!host || !canDraw()) {
      return;
    }
    let plot: uPlot | undefined;
    let observer: ResizeObserver | undefined;
    let cancelled = false;
    // Loaded with the first chart, so pages without one do not carry it.
    void import('uplot').then(({ default: UPlot }) => {
      if (cancelled) {
        return;
      }
      plot = new UPlot(chartOptions(host, series, unit, markers, height), data, host);
      observer = new ResizeObserver(([entry]) => {
        if (entry && plot) {
          plot.setSize({ width: Math.floor(entry.contentRect.width), height });
        }
      });
      observer.observe(host);
    });
    return () => {
      cancelled = true;
      observer?.disconnect();
      plot?.destroy();
    };
  }, [data, series, unit, markers, height]);

  return (
    <figure className={chartStyles.figure} aria-labelledby={titleId}>
      <figcaption id={titleId} className={chartStyles.caption}>
        {title}
      </figcaption>
      <div ref={plotRef} className={styles.plot} aria-hidden="true" />
      <Table caption={`${title}: summary`} hideCaption>
        <thead>
          <tr>
            <th scope="col">Series</th>
            <th scope="col">Latest</th>
            <th scope="col">Lowest</th>
            <th scope="col">Highest</th>
            <th scope="col">Buckets</th>
          </tr>
        </thead>
        <tbody>
          {summary.map((s, index) => (
            <tr key={s.label}>
              <th scope="row">
                <span className={chartStyles.swatch} style={{ background: colours[index] }} aria-hidden="true" />
                {s.label}
              </th>
              <td>{withUnit(s.latest, unit)}</td>
              <td>{withUnit(s.min, unit)}</td>
              <td>{withUnit(s.max, unit)}</td>
              <td>{s.points}</td>
            </tr>
          ))}
        </tbody>
      </Table>
    </figure>
  );
}

function withUnit(value: number | null, unit: string): string {
  return value === null ? '—' : `${formatNumber(value)} ${unit}`.trim();
}

function formatNumber(value: number): string {
  return Math.abs(value) >= 100 ? Math.round(value).toString() : Number(value.toPrecision(3)).toString();
}

function chartOptions(host: HTMLElement, series: readonly TimeSeries[], unit: string, markers: readonly TimeMarker[], height: number): uPlot.Options {
  const css = getComputedStyle(host);
  const muted = css.getPropertyValue('--color-text-muted').trim() || '#526077';
  const grid = css.getPropertyValue('--color-border').trim() || '#dfe4ee';
  const danger = css.getPropertyValue('--color-danger').trim() || '#dc2626';
  const colours = groupColours(series);
  const axis = { stroke: muted, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
  return {
    width: Math.max(host.clientWidth, 320),
    height,
    scales: { x: { time: true } },
    cursor: { drag: { x: true, y: false } },
    legend: { live: true },
    axes: [axis, { ...axis, label: unit, size: 56 }],
    series: [
      {},
      ...series.map((s, index) => ({
        label: s.label,
        stroke: colours[index],
        width: 1.5,
        dash: s.dashed ? [6, 4] : undefined,
        spanGaps: false,
        value: (_: uPlot, v: number | null) => withUnit(v, unit),
      })),
    ],
    plugins: [markerPlugin(markers, danger)],
  };
}

/** Vertical lines at the markers' times, drawn over the series. */
function markerPlugin(markers: readonly TimeMarker[], colour: string): uPlot.Plugin {
  return {
    hooks: {
      draw: (plot) => {
        const { ctx, bbox } = plot;
        ctx.save();
        ctx.strokeStyle = colour;
        ctx.lineWidth = 1.5 * devicePixelRatio;
        ctx.setLineDash([3 * devicePixelRatio, 3 * devicePixelRatio]);
        for (const marker of markers) {
          const x = Math.round(plot.valToPos(marker.t, 'x', true));
          if (x >= bbox.left && x <= bbox.left + bbox.width) {
            ctx.beginPath();
            ctx.moveTo(x, bbox.top);
            ctx.lineTo(x, bbox.top + bbox.height);
            ctx.stroke();
          }
        }
        ctx.restore();
      },
    },
  };
}
