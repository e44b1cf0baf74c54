import type * as Y from 'yjs';
import { assertBoardKind, initBoardMeta, metaMap } from '../board/meta.js';
import { type SnodoContext, snodoContextSchema } from '../mandate.js';
import { cardsMap } from './card.js';
import { groupsMap } from './groups.js';
import { SNODO_SCHEMA_VERSION } from './migrations.js';

/**
 * The snodo board: one Y.Doc per tavolo / laboratorio / gruppo di lavoro, holding steps 7–9.
 * Roots: `meta` (kind, schemaVersion, title, context), `cards`, `groups`.
 */

const CONTEXT_KEY = 'context';

/**
 * [B1] Idempotent and safe for several peers to call concurrently after the first sync: sets
 * kind and schema version if missing (concurrent writers write equal values), and the title
 * only if the board has none. Throws BoardKindError on a percorso board.
 */
export function initSnodoBoard(doc: Y.Doc, init: { title?: string } = {}): void {
  initBoardMeta(doc, 'snodo', SNODO_SCHEMA_VERSION, init.title);
}

/** Calls listener once after every transaction that changed the board; returns unsubscribe. */
export function observeSnodoBoard(doc: Y.Doc, listener: () => void): () => void {
  return observeBoard(doc, listener);
}

/** What one transaction changed on a snodo board (see observeSnodoBoardChanges). */
export interface SnodoBoardChange {
  /** Cards added, removed or changed (any field: title, layout, links, group, rich text). */
  readonly cards: ReadonlySet<string>;
  /** Cards were added or removed, or something beside the cards changed (groups, locks, meta). */
  readonly structure: boolean;
}

/**
 * [B5] Like observeSnodoBoard, and says what changed, so a view of a large board can re-read
 * only the cards a transaction touched: once per changing transaction, after every observer.
 */
export function observeSnodoBoardChanges(
  doc: Y.Doc,
  listener: (change: SnodoBoardChange) => void,
): () => void {
  const cards = cardsMap(doc);
  let touched = new Set<string>();
  let structure = false;
  const onCards = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>) => {
    for (const event of events) {
      if (event.target === cards) {
        structure = true;
        for (const id of event.changes.keys.keys()) touched.add(id);
        continue;
      }
      const id = event.path[0];
      if (typeof id === 'string') touched.add(id);
    }
  };
  const onOther = () => {
    structure = true;
  };
  const others = [groupsMap(doc), metaMap(doc)];
  cards.observeDeep(onCards);
  for (const root of others) root.observeDeep(onOther);
  const onUpdate = () => {
    const change = { cards: touched, structure };
    touched = new Set();
    structure = false;
    listener(change);
  };
  doc.on('update', onUpdate);
  return () => {
    doc.off('update', onUpdate);
    cards.unobserveDeep(onCards);
    for (const root of others) root.unobserveDeep(onOther);
  };
}

/** Any board kind: the listener runs after each transaction that changed the document. */
export function observeBoard(doc: Y.Doc, listener: () => void): () => void {
  // 'update' fires once per changing transaction, after every observer, so the listener
  // always reads a consistent board, whatever root the change touched.
  const onUpdate = () => listener();
  doc.on('update', onUpdate);
  return () => doc.off('update', onUpdate);
}

/** The percorso this snodo belongs to, its object of work and mandate; undefined if unset. */
export function getSnodoContext(doc: Y.Doc): SnodoContext | undefined {
  const parsed = snodoContextSchema.safeParse(metaMap(doc).get(CONTEXT_KEY));
  return parsed.success ? parsed.data : undefined;
}

/**
 * [B4] Sets the snodo's context (copied from the percorso board) as one value: a mandate is
 * replaced whole, never merged half-old half-new.
 */
export function setSnodoContext(doc: Y.Doc, context: SnodoContext): void {
  const clean = snodoContextSchema.parse(context);
  doc.transact(() => {
    assertBoardKind(doc, 'snodo');
    metaMap(doc).set(CONTEXT_KEY, clean);
  });
}

/** The roots of a snodo board, for code that must walk all of it (export, invariants). */
export function snodoRoots(doc: Y.Doc) {
  return { meta: metaMap(doc), cards: cardsMap(doc), groups: groupsMap(doc) };
}
