import { useId } from 'react';

import styles from './line-chart.module.css';

export interface ChartPoint {
  readonly x: number;
  readonly y: number;
}

export interface ChartSeries {
  readonly name: string;
  readonly points: readonly ChartPoint[];
}

interface LineChartProps {
  title: string;
  /** Unit of the y values, shown in the latest-value legend ("Mbit/s", "ms"). */
  unit: string;
  series: readonly ChartSeries[];
  /** Title of the x axis; the x values are seconds unless said otherwise. */
  xLabel?: string;
  /** Title of the y axis; the unit unless said otherwise (none when both are empty). */
  yLabel?: string;
  height?: number;
}

const WIDTH = 600;
const PAD = { top: 10, right: 12, bottom: 40, left: 64 };
// Distinguishable in light and dark themes, and for the common colour-vision deficiencies.
const COLOURS = ['#2f7ad8', '#e66100', '#1a9850', '#9b59b6'];

/**
 * A small SVG line chart: enough for per-second samples, with no chart library in the bundle.
 * The SVG scales to its container; the latest value of each series is also given as text, which
 * is what a screen reader announces.
 */
export function LineChart({ title, unit, series, xLabel = 'Time (s)', yLabel = unit, height = 196 }: LineChartProps) {
  const titleId = useId();
  const all = series.flatMap((s) => s.points);
  const xs = all.map((p) => p.x);
  const ys = all.map((p) => p.y);
  const xMin = xs.length > 0 ? Math.min(...xs) : 0;
  const xMax = xs.length > 0 ? Math.max(...xs, xMin + 1) : 1;
  const yMax = niceCeiling(ys.length > 0 ? Math.max(...ys) : 1);
  const innerW = WIDTH - PAD.left - PAD.right;
  const innerH = height - PAD.top - PAD.bottom;
  const sx = (x: number) => PAD.left + ((x - xMin) / (xMax - xMin)) * innerW;
  const sy = (y: number) => PAD.top + innerH - (y / yMax) * innerH;
  const ticks = [0, yMax / 2, yMax];

  return (
    <figure className={styles.figure} aria-labelledby={titleId}>
      <figcaption id={titleId} className={styles.caption}>
        {title}
      </figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${height}`} className={styles.svg} role="img" aria-label={summary(title, unit, series)}>
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={sy(tick)} y2={sy(tick)} className={styles.grid} />
            <text x={PAD.left - 6} y={sy(tick)} className={styles.tick} textAnchor="end" dominantBaseline="middle">
              {formatNumber(tick)}
            </text>
          </g>
        ))}
        <g data-axis="x">
          <text x={PAD.left} y={PAD.top + innerH + 16} className={styles.tick}>
            {formatNumber(xMin)}
          </text>
          <text x={WIDTH - PAD.right} y={PAD.top + innerH + 16} className={styles.tick} textAnchor="end">
            {formatNumber(xMax)}
          </text>
          <text x={PAD.left + innerW / 2} y={height - 4} className={styles.axisTitle} textAnchor="middle">
            {xLabel}
          </text>
        </g>
        {yLabel ? (
          <text
            data-axis="y"
            transform={`translate(14 ${PAD.top + innerH / 2}) rotate(-90)`}
            className={styles.axisTitle}
            textAnchor="middle"
            dominantBaseline="middle"
          >
            {yLabel}
          </text>
        ) : null}
        {series.map((s, index) =>
          s.points.length === 0 ? null : (
            <polyline
              key={s.name}
              fill="none"
              stroke={COLOURS[index % COLOURS.length]}
              strokeWidth={2}
              strokeLinejoin="round"
              points={s.points.map((p) => `${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`).join(' ')}
            />
          ),
        )}
      </svg>
      <ul className={styles.legend}>
        {series.map((s, index) => (
          <li key={s.name}>
            <span className={styles.swatch} style={{ background: COLOURS[index % COLOURS.length] }} aria-hidden="true" />
            {s.name}: {s.points.length > 0 ? `${formatNumber(s.points.at(-1)?.y ?? 0)} ${unit}` : 'no data yet'}
          </li>
        ))}
      </ul>
    </figure>
  );
}

function summary(title: string, unit: string, series: readonly ChartSeries[]): string {
  const parts = series.map((s) =>
    s.points.length > 0 ? `${s.name} latest ${formatNumber(s.points.at(-1)?.y ?? 0)} ${unit}` : `${s.name} no data`,
  );
  return `${title}: ${parts.join(', ')}`;
}

/** 1, 2 or 5 times a power of ten, at or above `value`, so the axis reads in round numbers. */
export function niceCeiling(value: number): number {
  if (!(value > 0)) {
    return 1;
  }
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) {
    if (value <= step * power) {
      return step * power;
    }
  }
  return 10 * power;
}

function formatNumber(value: number): string {
  if (Math.abs(value) >= 100) {
    return Math.round(value).toString();
  }
  return Number(value.toPrecision(3)).toString();
}
