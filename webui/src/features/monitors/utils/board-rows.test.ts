import { describe, expect, it } from 'vitest';

import type { BoardRow } from '../api/board';

import { filterChoices, mergeRows, supersedes } from './board-rows';

const row = (key: string, version: number, overrides: Partial<BoardRow> = {}) =>
  ({ key, version, monitorName: key, nodeName: 'n', probe: 'dns', tier: 1, region: null, labels: [], ...overrides }) as BoardRow;

describe('board rows', () => {
  it('lets a row of the same or a newer version replace the known one, not an older one', () => {
    expect(supersedes(row('a', 3), row('a', 3))).toBe(true);
    expect(supersedes(row('a', 4), row('a', 3))).toBe(true);
    expect(supersedes(row('a', 2), row('a', 3))).toBe(false);
    expect(supersedes(row('a', 1), undefined)).toBe(true);
  });

  it('lays streamed rows over the snapshot by key and adds new keys', () => {
    const merged = mergeRows([row('a', 3), row('b', 7)], [row('a', 4, { nodeName: 'moved' }), row('b', 6), row('c', 1)]);
    expect(merged.map((r) => [r.key, r.version])).toEqual([
      ['a', 4],
      ['b', 7],
      ['c', 1],
    ]);
  });

  it('offers each region, label and tier once, sorted', () => {
    expect(
      filterChoices([row('a', 1, { region: 'us', labels: ['lab', 'edge'], tier: 2 }), row('b', 1, { region: 'eu', labels: ['edge'] }), row('c', 1)]),
    ).toEqual({ regions: ['eu', 'us'], labels: ['edge', 'lab'], tiers: [1, 2] });
  });
});
