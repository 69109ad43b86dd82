import { describe, expect, it } from 'vitest';

import { alignSeries, groupColours, summariseSeries, type TimeSeries } from './time-chart-data';

const a: TimeSeries = { label: 'a p50', group: 'a', points: [{ t: 300, y: 1 }, { t: 900, y: 3 }] };
const b: TimeSeries = { label: 'b p50', group: 'b', points: [{ t: 600, y: 2 }, { t: 900, y: null }] };

describe('alignSeries', () => {
  it('puts every series on one axis spanning the window, with null where a series has no figure', () => {
    expect(alignSeries([a, b], 0, 1200, 300)).toEqual([
      [0, 300, 600, 900, 1200],
      [null, 1, null, 3, null],
      [null, null, 2, null, null],
    ]);
  });

  it('keeps a point that lies off the step grid', () => {
    expect(alignSeries([{ label: 'x', group: 'x', points: [{ t: 450, y: 7 }] }], 0, 600, 300)).toEqual([
      [0, 300, 450, 600],
      [null, null, 7, null],
    ]);
  });

  it('gives an empty window its axis and no series', () => {
    expect(alignSeries([], 0, 600, 300)).toEqual([[0, 300, 600]]);
  });
});

describe('summariseSeries', () => {
  it('counts the figures and gives the latest, lowest and highest', () => {
    expect(summariseSeries([a, b, { label: 'none', group: 'c', points: [] }])).toEqual([
      { label: 'a p50', points: 2, latest: 3, min: 1, max: 3 },
      { label: 'b p50', points: 1, latest: 2, min: 2, max: 2 },
      { label: 'none', points: 0, latest: null, min: null, max: null },
    ]);
  });
});

describe('groupColours', () => {
  it('gives the series of one group one colour', () => {
    const colours = groupColours([a, { ...a, label: 'a p95', dashed: true }, b]);
    expect(colours[0]).toBe(colours[1]);
    expect(colours[2]).not.toBe(colours[0]);
  });
});
