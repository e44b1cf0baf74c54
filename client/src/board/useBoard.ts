import { useEffect, useState, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { type BoardSnapshot, BoardStore } from './boardStore';

const noop = () => () => {};

/** The board's title and cards, kept current as anyone edits. Null until `doc` is given. */
export function useBoard(doc: Y.Doc | null): BoardSnapshot | null {
  const [store, setStore] = useState<BoardStore | null>(null);
  useEffect(() => {
    if (doc === null) return;
    const opened = new BoardStore(doc);
    setStore(opened);
    return () => {
      opened.destroy();
      setStore(null);
    };
  }, [doc]);
  return useSyncExternalStore(store?.subscribe ?? noop, store?.getSnapshot ?? (() => null));
}
