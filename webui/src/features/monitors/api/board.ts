import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import type { Schema, WithNullable } from '@/lib/api-schema';

import { monitorsPath, monitorsQueryKey } from './monitors';

/** The newest round of a board row; `value` is null when it failed or has no figure (ssh). */
export type BoardLatest = WithNullable<Schema<'BoardLatest'>, 'value'>;

/** A row's figures over the board's window of rounds; null where no round had a figure. */
export type BoardStats = WithNullable<Schema<'BoardStats'>, 'min' | 'max' | 'avg' | 'p90'>;

/** One monitor × node × probe × tier; `version` grows with every update of the row. */
export type BoardRow = Omit<WithNullable<Schema<'BoardRow'>, 'region' | 'metric' | 'unit'>, 'latest' | 'stats'> & {
  readonly latest: BoardLatest;
  readonly stats: BoardStats;
};

export type Board = Omit<Schema<'Board'>, 'rows'> & { readonly rows: readonly BoardRow[] };

export const boardPath = (orgId: string) => `${monitorsPath(orgId)}/board`;

export const boardQueryKey = (orgId: string, window: number) => [...monitorsQueryKey(orgId), 'board', window] as const;

/** The board as it stands: the live stream (`${boardPath}/events`) brings the changes after it. */
export function useBoard(orgId: string, window: number) {
  return useQuery(
    queryOptions({
      queryKey: boardQueryKey(orgId, window),
      queryFn: ({ signal }) => api.get<Board>(`${boardPath(orgId)}?window=${window}`, { signal }),
      // The stream keeps the rows current; reading the snapshot again would only race it.
      staleTime: Infinity,
    }),
  );
}
