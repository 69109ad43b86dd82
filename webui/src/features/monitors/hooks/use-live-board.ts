import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';

import { readEventStream, type EventStreamStatus } from '@/lib/event-stream';

import { boardPath, boardQueryKey, useBoard, type Board, type BoardRow } from '../api/board';
import { mergeRows, supersedes } from '../utils/board-rows';

interface Streamed {
  readonly rows: Readonly<Record<string, BoardRow>>;
  /** How often each row was updated by the stream; a change restarts its flash. */
  readonly updates: Readonly<Record<string, number>>;
}

export interface LiveBoard {
  readonly board: ReturnType<typeof useBoard>;
  readonly rows: readonly BoardRow[];
  readonly updates: Readonly<Record<string, number>>;
  readonly connection: EventStreamStatus;
  /** Set when the server refused the stream for good. */
  readonly failure: Error | null;
}

/**
 * The board's snapshot with the live stream's rows over it. The stream opens at once, so no
 * update between the snapshot and the stream is lost; either may arrive first, and the newer
 * version of a row wins.
 */
export function useLiveBoard(orgId: string, window: number): LiveBoard {
  const queryClient = useQueryClient();
  const board = useBoard(orgId, window);
  const [streamed, setStreamed] = useState<Streamed>({ rows: {}, updates: {} });
  const [connection, setConnection] = useState<EventStreamStatus>({ state: 'connecting' });
  const [failure, setFailure] = useState<Error | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    readEventStream(`${boardPath(orgId)}/events?window=${window}`, {
      signal: controller.signal,
      // The board never ends; a closed stream is one to resume.
      isComplete: () => false,
      onStatus: setConnection,
      onEvent: (event) => {
        if (event.event !== 'row') {
          return false;
        }
        const row = JSON.parse(event.data) as BoardRow;
        setStreamed((current) => {
          const known = current.rows[row.key] ?? queryClient.getQueryData<Board>(boardQueryKey(orgId, window))?.rows.find((r) => r.key === row.key);
          if (!supersedes(row, known)) {
            return current;
          }
          return {
            rows: { ...current.rows, [row.key]: row },
            updates: { ...current.updates, [row.key]: (current.updates[row.key] ?? 0) + 1 },
          };
        });
        return false;
      },
    }).catch((error: unknown) => {
      if (!controller.signal.aborted) {
        setFailure(error instanceof Error ? error : new Error(String(error)));
      }
    });
    return () => controller.abort();
  }, [orgId, window, queryClient]);

  return {
    board,
    rows: mergeRows(board.data?.rows ?? [], Object.values(streamed.rows)),
    updates: streamed.updates,
    connection,
    failure,
  };
}
