import { observeSnodoBoard } from '@trama/shared';
import { useCallback, useRef, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';

/**
 * A value read from the board through the model's accessors, kept current as anyone edits.
 * `read` runs after every change; the component re-renders only when its result differs
 * (compared as JSON: for small values such as one card's links or checklist).
 */
export function useDocValue<T>(doc: Y.Doc, read: (doc: Y.Doc) => T, key: string): T {
  const cache = useRef<{ key: string; json: string; value: T } | null>(null);
  const readRef = useRef(read);
  readRef.current = read;
  const getSnapshot = useCallback((): T => {
    const value = readRef.current(doc);
    const json = JSON.stringify(value);
    const cached = cache.current;
    if (cached !== null && cached.key === key && cached.json === json) return cached.value;
    cache.current = { key, json, value };
    return value;
  }, [doc, key]);
  const subscribe = useCallback((listener: () => void) => observeSnodoBoard(doc, listener), [doc]);
  return useSyncExternalStore(subscribe, getSnapshot);
}
