import * as Y from 'yjs';
import { cardsMap, getCardMap, type Position, positionSchema, requireCard } from './card.js';
import { groupsMap } from './groups.js';

/**
 * Canvas-wide writes: moving many cards at once (a dragged selection, a dragged group with its
 * members) and the per-user undo manager over the snodo board's cards and groups.
 */

export interface CardMove {
  id: string;
  pos: Position;
}

/**
 * [C11] Moves several cards in one transaction, so the others see (and undo restores) one
 * whole move. Every position is validated before anything is written; missing cards throw.
 */
export function moveCards(doc: Y.Doc, moves: readonly CardMove[]): void {
  const clean = moves.map((move) => ({ id: move.id, pos: positionSchema.parse(move.pos) }));
  doc.transact(() => {
    for (const move of clean) {
      requireCard(doc, move.id).set('pos', { x: move.pos.x, y: move.pos.y });
    }
  });
}

export interface SnodoUndoOptions {
  /**
   * Origins of this user's own transactions besides the accessors' (`null`), e.g. the
   * rich-text editor binding's plugin key. Remote updates carry the provider as origin and
   * are never tracked, so undo only ever reverts this user's changes.
   */
  trackedOrigins?: readonly unknown[];
  /** Edits closer together than this (ms) undo as one step. */
  captureTimeout?: number;
}

/**
 * [U1] An undo manager over the board's cards and groups (their fields, rich text, links,
 * layout), tracking only local transactions.
 */
export function createSnodoUndoManager(doc: Y.Doc, options: SnodoUndoOptions = {}): Y.UndoManager {
  return new Y.UndoManager([cardsMap(doc), groupsMap(doc)], {
    trackedOrigins: new Set<unknown>([null, ...(options.trackedOrigins ?? [])]),
    captureTimeout: options.captureTimeout ?? 500,
  });
}

/** Whether a card is on the board; for UIs moving a selection whose cards may be gone. */
export function hasCard(doc: Y.Doc, cardId: string): boolean {
  return getCardMap(doc, cardId) !== undefined;
}
