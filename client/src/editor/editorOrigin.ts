/**
 * The origin the rich-text editors' Yjs binding writes with (y-tiptap's plugin key). The
 * editor code loads on demand (the first opened card or the outline), so the board's undo
 * history starts tracking this origin only once that code has arrived — no editor can write
 * before then.
 */
let origin: object | null = null;
const waiting = new Set<(origin: object) => void>();

/** The editors' origin, or null while the editor code has not loaded. */
export function editorOrigin(): object | null {
  return origin;
}

/** Called once by the editor module as it loads. */
export function setEditorOrigin(key: object): void {
  origin = key;
  for (const listener of waiting) listener(key);
  waiting.clear();
}

/** Runs `listener` with the origin now or when it is known; returns how to stop waiting. */
export function whenEditorOrigin(listener: (origin: object) => void): () => void {
  if (origin !== null) {
    listener(origin);
    return () => {};
  }
  waiting.add(listener);
  return () => {
    waiting.delete(listener);
  };
}
