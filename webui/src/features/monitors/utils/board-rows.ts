import type { BoardRow } from '../api/board';

/**
 * Whether `incoming` replaces what the board shows for its key: a row of the same or a newer
 * version does (a resumed stream may send a row again), an older one does not.
 */
export function supersedes(incoming: BoardRow, known: BoardRow | undefined): boolean {
  return known === undefined || incoming.version >= known.version;
}

/** The snapshot with the streamed rows laid over it, newest version per key; unknown keys are added. */
export function mergeRows(snapshot: readonly BoardRow[], streamed: readonly BoardRow[]): BoardRow[] {
  const byKey = new Map<string, BoardRow>();
  for (const row of [...snapshot, ...streamed]) {
    if (supersedes(row, byKey.get(row.key))) {
      byKey.set(row.key, row);
    }
  }
  return [...byKey.values()].sort(
    (a, b) => a.monitorName.localeCompare(b.monitorName) || a.nodeName.localeCompare(b.nodeName) || a.probe.localeCompare(b.probe) || a.tier - b.tier,
  );
}

export interface BoardFilter {
  readonly region: string;
  readonly label: string;
  /** A tier as text, or '' for every tier. */
  readonly tier: string;
  /** Matched against monitor name and target, ignoring case. */
  readonly text: string;
}

export const NO_FILTER: BoardFilter = { region: '', label: '', tier: '', text: '' };

export function filterRows(rows: readonly BoardRow[], filter: BoardFilter): BoardRow[] {
  const text = filter.text.trim().toLowerCase();
  return rows.filter(
    (row) =>
      (filter.region === '' || row.region === filter.region) &&
      (filter.label === '' || row.labels.includes(filter.label)) &&
      (filter.tier === '' || String(row.tier) === filter.tier) &&
      (text === '' || row.monitorName.toLowerCase().includes(text) || row.target.toLowerCase().includes(text)),
  );
}

/** The regions, labels and tiers the rows have, each sorted once, for the filter selects. */
export function filterChoices(rows: readonly BoardRow[]): { regions: string[]; labels: string[]; tiers: number[] } {
  const regions = new Set<string>();
  const labels = new Set<string>();
  const tiers = new Set<number>();
  for (const row of rows) {
    if (row.region) {
      regions.add(row.region);
    }
    row.labels.forEach((label) => labels.add(label));
    tiers.add(row.tier);
  }
  return {
    regions: [...regions].sort(),
    labels: [...labels].sort(),
    tiers: [...tiers].sort((a, b) => a - b),
  };
}
