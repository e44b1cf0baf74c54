import { useEffect, useState, useSyncExternalStore } from 'react';
import { BoardConnection, type BoardConnectionState, defaultWsBase } from './BoardConnection';

const idle: BoardConnectionState = { status: 'connecting', ready: false, problem: null };
const noop = () => () => {};

/**
 * Opens the board while the component is mounted and closes it after. A new board id gives
 * a new connection (and a fresh Y.Doc).
 */
export function useBoardConnection(
  boardId: string,
  initialTitle: string | undefined,
): { connection: BoardConnection | null; state: BoardConnectionState } {
  const [connection, setConnection] = useState<BoardConnection | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the title only matters when the board is first opened
  useEffect(() => {
    const opened = new BoardConnection(boardId, { wsBase: defaultWsBase(), initialTitle });
    setConnection(opened);
    return () => {
      opened.destroy();
      setConnection(null);
    };
  }, [boardId]);

  const state = useSyncExternalStore(
    connection?.subscribe ?? noop,
    connection?.getState ?? (() => idle),
  );
  return { connection, state };
}
