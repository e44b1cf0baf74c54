import {
  type CardKind,
  createSnodoUndoManager,
  type Finding,
  getLockedLanes,
  observeSnodoBoard,
} from '@trama/shared';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { type CanvasSnapshot, CanvasStore, FindingsStore } from '../canvas/canvasModel';
import { editorOrigin, whenEditorOrigin } from '../editor/editorOrigin';

const EMPTY_CANVAS: CanvasSnapshot = { cards: [], links: [], groups: [], lockedLanes: [] };
const NO_FINDINGS: readonly Finding[] = [];
const noop = () => () => {};
const NO_LOCKS: readonly CardKind[] = [];

function useStore<S extends { destroy(): void }>(
  doc: Y.Doc | null,
  open: (doc: Y.Doc) => S,
): S | null {
  const [store, setStore] = useState<S | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a store per document
  useEffect(() => {
    if (doc === null) return;
    const opened = open(doc);
    setStore(opened);
    return () => {
      opened.destroy();
      setStore(null);
    };
  }, [doc]);
  return store;
}

/** Cards, links, groups and locks as the canvas draws them. */
export function useCanvasSnapshot(doc: Y.Doc | null): {
  snapshot: CanvasSnapshot;
  flush: () => void;
  setDragging: (dragging: boolean) => void;
} {
  const store = useStore(doc, (d) => new CanvasStore(d));
  const snapshot = useSyncExternalStore(
    store?.subscribe ?? noop,
    store?.getSnapshot ?? (() => EMPTY_CANVAS),
  );
  const setDragging = useCallback(
    (dragging: boolean) => {
      if (store !== null) store.dragging = dragging;
    },
    [store],
  );
  return { snapshot, flush: store?.flush ?? (() => {}), setDragging };
}

/** The lanes locked on a snodo board, kept current; none while there is no document. */
export function useLockedLanes(doc: Y.Doc | null): readonly CardKind[] {
  const subscribe = useCallback(
    (listener: () => void) => (doc === null ? () => {} : observeSnodoBoard(doc, listener)),
    [doc],
  );
  const key = useSyncExternalStore(doc === null ? noop : subscribe, () =>
    doc === null ? '' : getLockedLanes(doc).join(','),
  );
  return useMemo(() => (key === '' ? NO_LOCKS : (key.split(',') as CardKind[])), [key]);
}

/** The model's checks ([K1]–[K7]), refreshed shortly after people stop typing. */
export function useFindings(doc: Y.Doc | null): readonly Finding[] {
  const store = useStore(doc, (d) => new FindingsStore(d));
  return useSyncExternalStore(store?.subscribe ?? noop, store?.getSnapshot ?? (() => NO_FINDINGS));
}

export interface BoardUndo {
  readonly undo: () => void;
  readonly redo: () => void;
  readonly stopCapturing: () => void;
  /**
   * Around a gesture such as a drag: everything written between 'start' and 'end' is one
   * undo step, even with pauses longer than the capture timeout in between.
   */
  readonly gesture: (phase: 'start' | 'end') => void;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
}

/**
 * This person's undo history over the board (cards, groups, links, layout and the rich text
 * they typed): remote edits are never tracked, so undo never reverts someone else's work.
 */
export function useBoardUndo(doc: Y.Doc | null): BoardUndo {
  const [manager, setManager] = useState<Y.UndoManager | null>(null);
  const [stacks, setStacks] = useState({ canUndo: false, canRedo: false });
  useEffect(() => {
    if (doc === null) return;
    const opened = createSnodoUndoManager(doc);
    const stopWaiting = whenEditorOrigin((origin) => opened.addTrackedOrigin(origin));
    const refresh = () => setStacks({ canUndo: opened.canUndo(), canRedo: opened.canRedo() });
    opened.on('stack-item-added', refresh);
    opened.on('stack-item-popped', refresh);
    opened.on('stack-cleared', refresh);
    setManager(opened);
    return () => {
      stopWaiting();
      opened.destroy();
      setManager(null);
    };
  }, [doc]);
  // Stable functions (they change only with the document), so editors that hold them are
  // never rebuilt because the stacks changed.
  // The editors redraw what undo changed and may write normalising steps back (an empty
  // field gets its paragraph again); tracked, such a step would clear the redo stack. So the
  // editor binding's origin is tracked again only from this person's next key press.
  const restore = useCallback(
    (action: 'undo' | 'redo') => {
      if (manager === null) return;
      const origin = editorOrigin();
      if (origin !== null && manager.trackedOrigins.has(origin)) {
        manager.trackedOrigins.delete(origin);
        const track = (event: KeyboardEvent) => {
          const mod = event.ctrlKey || event.metaKey;
          if (mod && ['z', 'y'].includes(event.key.toLowerCase())) return;
          manager.trackedOrigins.add(origin);
          window.removeEventListener('keydown', track, true);
        };
        window.addEventListener('keydown', track, true);
      }
      if (action === 'undo') manager.undo();
      else manager.redo();
    },
    [manager],
  );
  const undo = useCallback(() => restore('undo'), [restore]);
  const redo = useCallback(() => restore('redo'), [restore]);
  /** Starts a new undo step (e.g. when moving to another field or card). */
  const stopCapturing = useCallback(() => manager?.stopCapturing(), [manager]);
  const captureTimeout = useRef<number | null>(null);
  const gesture = useCallback(
    (phase: 'start' | 'end') => {
      if (manager === null) return;
      manager.stopCapturing();
      if (phase === 'start') {
        captureTimeout.current ??= manager.captureTimeout;
        manager.captureTimeout = Number.POSITIVE_INFINITY;
      } else if (captureTimeout.current !== null) {
        manager.captureTimeout = captureTimeout.current;
        captureTimeout.current = null;
      }
    },
    [manager],
  );
  return useMemo(
    () => ({ undo, redo, stopCapturing, gesture, ...stacks }),
    [undo, redo, stopCapturing, gesture, stacks],
  );
}
