import { ySyncPluginKey } from '@tiptap/y-tiptap';
import {
  getPercorsoRichText,
  getRequisitoRichText,
  PERCORSO_RICH_FIELDS,
  REQUISITI_IDS,
} from '@trama/shared';
import { useCallback, useEffect, useMemo, useState } from 'react';
import * as Y from 'yjs';
import type { EditorEnvironment } from '../editor/editorEnvironment';

/**
 * This person's undo history over the percorso's long texts (steps 1–6 and the avviso's
 * requisiti), for Ctrl/Cmd+Z in its editors: only what they typed, never someone else's edit.
 */
export function usePercorsoUndo(doc: Y.Doc | null): EditorEnvironment {
  const [manager, setManager] = useState<Y.UndoManager | null>(null);
  useEffect(() => {
    if (doc === null) return;
    const fragments = [
      ...PERCORSO_RICH_FIELDS.map((field) => getPercorsoRichText(doc, field)),
      ...REQUISITI_IDS.map((id) => getRequisitoRichText(doc, id)),
    ];
    const opened = new Y.UndoManager(fragments, {
      trackedOrigins: new Set<unknown>([null, ySyncPluginKey]),
      captureTimeout: 500,
    });
    setManager(opened);
    return () => {
      opened.destroy();
      setManager(null);
    };
  }, [doc]);
  // As on the snodo board: the editor may write a normalising step right after an undo;
  // not tracking the editor's origin until the next frame keeps the redo stack.
  const restore = useCallback(
    (action: 'undo' | 'redo') => {
      if (manager === null) return;
      manager.trackedOrigins.delete(ySyncPluginKey);
      if (action === 'undo') manager.undo();
      else manager.redo();
      requestAnimationFrame(() => manager.trackedOrigins.add(ySyncPluginKey));
    },
    [manager],
  );
  return useMemo(
    () => ({ undo: () => restore('undo'), redo: () => restore('redo'), setEditing: () => {} }),
    [restore],
  );
}
