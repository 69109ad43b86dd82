/** One line of a time chart: points at epoch seconds; a null value is a bucket without a figure. */
export interface TimeSeries {
  readonly label: string;
  /** Series of one group share a colour (e.g. one node's p50 and p95). */
  readonly group: string;
  readonly dashed?: boolean;
  readonly points: readonly { readonly t: number; readonly y: number | null }[];
}

/** uPlot's column layout: the x values, then one column of y values (or null) per series. */
export type AlignedColumns = [number[], ...(number | null)[][]];

/**
 * Puts every series on one x axis: each `step` seconds from `from` to `to` (so the axis spans
 * the whole window and a bucket with no point is a gap, not a straight line across it), plus
 * any point time off that grid. A series without a point at an x gets null there.
 */
export function alignSeries(series: readonly TimeSeries[], from: number, to: number, step: number): AlignedColumns {
  const times = new Set<number>();
  if (step > 0) {
    for (let t = from; t <= to; t += step) {
      times.add(t);
    }
  }
  for (const s of series) {
    for (const point of s.points) {
      times.add(point.t);
    }
  }
  const xs = [...times].sort((a, b) => a - b);
  const index = new Map(xs.map((t, i) => [t, i]));
  const columns = series.map((s) => {
    const ys: (number | null)[] = xs.map(() => null);
    for (const point of s.points) {
      ys[index.get(point.t) ?? 0] = point.y;
    }
    return ys;
  });
  return [xs, ...columns];
}

export interface SeriesSummary {
  readonly label: string;
  readonly points: number;
  readonly latest: number | null;
  readonly min: number | null;
  readonly max: number | null;
}

/** What a reader without the canvas needs of each series: how many figures, the latest, the range. */
export function summariseSeries(series: readonly TimeSeries[]): SeriesSummary[] {
  return series.map((s) => {
    const values = [...s.points].sort((a, b) => a.t - b.t).flatMap((p) => (p.y === null ? [] : [p.y]));
    return {
      label: s.label,
      points: values.length,
      latest: values.at(-1) ?? null,
      min: values.length > 0 ? Math.min(...values) : null,
      max: values.length > 0 ? Math.max(...values) : null,
    };
  });
}

/** Distinguishable in light and dark themes, and for the common colour-vision deficiencies. */
const PALETTE = ['#2f7ad8', '#e66100', '#1a9850', '#9b59b6', '#c0392b', '#16a085', '#b7950b', '#7f8c8d'];

/** A colour per group, in the order the groups first appear. */
export function groupColours(series: readonly TimeSeries[]): string[] {
  const groups: string[] = [];
  return series.map((s) => {
    if (!groups.includes(s.group)) {
      groups.push(s.group);
    }
    return PALETTE[groups.indexOf(s.group) % PALETTE.length] ?? '#2f7ad8';
  });
}
