import {
  getLockedLanes,
  isCardKind,
  LOCKED_LANES_KEY,
  PLENARY_ROOT,
  votazioni,
} from '@trama/shared';
import * as Y from 'yjs';
import { inspectUpdate, type Touched } from './updateInspector.js';

/**
 * [PL1] Roots only the server writes: the plenary's focus, timer and join display, and the
 * votes with their tallies. Card `votes` maps hold revealed tallies, written at reveal.
 */
const SERVER_ONLY_ROOTS = [PLENARY_ROOT, votazioni.root] as const;

function serverOnlyTouch(touched: Touched): string | null {
  if (touched.roots.get('meta')?.has(LOCKED_LANES_KEY)) {
    return 'lane locks are set by the facilitator through the server';
  }
  for (const root of SERVER_ONLY_ROOTS) {
    if (touched.roots.has(root)) return `${root} is written by the server only`;
  }
  if (touched.votesTouched.size > 0 && touched.roots.has('cards')) {
    return 'votes are placed through the server';
  }
  return null;
}

/** [PL1] Why an update from a client that may edit locked lanes must be refused, or null. */
export function serverOnlyRefusal(doc: Y.Doc, update: Uint8Array): string | null {
  return serverOnlyTouch(inspectUpdate(doc, update));
}

/**
 * [A6] Why an update from a connection without lock rights must be refused, or null:
 * nobody but the server writes the lane locks, and nobody without lock rights writes into a
 * locked lane (cards of that kind: their fields, links, votes, creation and deletion).
 */
export function laneLockRefusal(doc: Y.Doc, update: Uint8Array): string | null {
  const touched = inspectUpdate(doc, update);
  const serverOnly = serverOnlyTouch(touched);
  if (serverOnly !== null) return serverOnly;
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
