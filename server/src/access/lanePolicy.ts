import { getLockedLanes, isCardKind, LOCKED_LANES_KEY } from '@trama/shared';
import * as Y from 'yjs';
import { inspectUpdate } from './updateInspector.js';

/**
 * [A6] Why an update from a connection without lock rights must be refused, or null:
 * nobody but the server writes the lane locks, and nobody without lock rights writes into a
 * locked lane (cards of that kind: their fields, links, votes, creation and deletion).
 */
export function laneLockRefusal(doc: Y.Doc, update: Uint8Array): string | null {
  const touched = inspectUpdate(doc, update);
  if (touched.roots.get('meta')?.has(LOCKED_LANES_KEY)) {
    return 'lane locks are set by the facilitator through the server';
  }
  const locked = getLockedLanes(doc);
  if (locked.length === 0) return null;
  const cards = doc.getMap('cards');
  for (const cardId of touched.roots.get('cards') ?? []) {
    if (cardId === null) continue;
    const existing = cards.get(cardId);
    const kind: unknown =
      existing instanceof Y.Map ? existing.get('kind') : touched.newCardKinds.get(cardId);
    if (isCardKind(kind) && locked.includes(kind)) return `the lane ${kind} is locked`;
  }
  return null;
}

/** True when applying the update would change nothing the board does not already have. */
export function isKnownUpdate(doc: Y.Doc, update: Uint8Array): boolean {
  const { structs, ds } = Y.decodeUpdate(update);
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    if (struct.id.clock + struct.length > Y.getState(doc.store, struct.id.client)) return false;
  }
  if (ds.clients.size === 0) return true;
  const deleted = Y.createDeleteSetFromStructStore(doc.store);
  for (const [client, ranges] of ds.clients) {
    for (const range of ranges) {
      for (let clock = range.clock; clock < range.clock + range.len; clock++) {
        if (!Y.isDeleted(deleted, Y.createID(client, clock))) return false;
      }
    }
  }
  return true;
}
