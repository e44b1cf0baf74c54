import type * as Y from 'yjs';
import type { CardKind } from './card.js';
import { CARD_KINDS } from './card.js';

/**
 * [A6] Locked lanes of a snodo board. The lock lives in the board's `meta` map so every
 * client sees it live, but only the server writes it (after checking the role on
 * `PUT /api/boards/:boardId/locks`); the server refuses any client update that touches it.
 */
export const LOCKED_LANES_KEY = 'lockedLanes';

export function getLockedLanes(doc: Y.Doc): readonly CardKind[] {
  const value = doc.getMap('meta').get(LOCKED_LANES_KEY);
  if (!Array.isArray(value)) return [];
  return CARD_KINDS.filter((kind) => value.includes(kind));
}

export function isLaneLocked(doc: Y.Doc, kind: CardKind): boolean {
  return getLockedLanes(doc).includes(kind);
}

/** Server-side only: sets the locked lanes (the server's origin marks it as allowed). */
export function setLockedLanes(doc: Y.Doc, lanes: readonly CardKind[]): void {
  doc.getMap('meta').set(
    LOCKED_LANES_KEY,
    CARD_KINDS.filter((kind) => lanes.includes(kind)),
  );
}
