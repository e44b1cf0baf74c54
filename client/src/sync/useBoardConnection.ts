import type { BoardKind } from '@trama/shared';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { BoardConnection, type BoardConnectionState, defaultWsBase } from './BoardConnection';

const idle: BoardConnectionState = {
  status: 'connecting',
  ready: false,
  problem: null,
  closeCode: null,
};

export interface UseBoardConnectionOptions {
  /** The access token (from `useBoardAccess`); a change opens a new connection. */
  readonly token?: string | null | undefined;
  readonly kind?: BoardKind | undefined;
  /** Never write into the board (read-only roles). */
  readonly readOnly?: boolean | undefined;
  /** False: do not connect yet (e.g. while access is being checked). Default true. */
  readonly enabled?: boolean | undefined;
}
const noop = () => () => {};

/**
 * Opens the board while the component is mounted and closes it after. A new board id gives
 * a new connection (and a fresh Y.Doc).
 */
export function useBoardConnection(
  boardId: string,
  initialTitle: string | undefined,
  options: UseBoardConnectionOptions = {},
): { connection: BoardConnection | null; state: BoardConnectionState } {
  const [connection, setConnection] = useState<BoardConnection | null>(null);
  const { token = null, kind = 'snodo', readOnly = false, enabled = true } = options;

  // biome-ignore lint/correctness/useExhaustiveDependencies: the title only matters when the board is first opened
  useEffect(() => {
    if (!enabled) return;
    const opened = new BoardConnection(boardId, {
      wsBase: defaultWsBase(),
      initialTitle,
      token,
      kind,
      readOnly,
    });
    setConnection(opened);
    return () => {
      opened.destroy();
      setConnection(null);
    };
  }, [boardId, token, kind, readOnly, enabled]);

  const state = useSyncExternalStore(
    connection?.subscribe ?? noop,
    connection?.getState ?? (() => idle),
  );
  return { connection, state };
}
