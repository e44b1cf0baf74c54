import {
  getCardVotes,
  listAllCards,
  observeSnodoBoardChanges,
  type SnodoBoardChange,
  type VotazioneRecord,
  votazioni,
} from '@trama/shared';
import { useCallback, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { useDocValue } from '../board/useDocValue';

/** Every votazione of the board (open, revealed, cancelled), kept current. */
export function useVotazioni(doc: Y.Doc): readonly VotazioneRecord[] {
  return useDocValue(doc, readVotazioni, 'votazioni');
}

function readVotazioni(doc: Y.Doc): readonly VotazioneRecord[] {
  return votazioni.list(doc);
}

/**
 * Revealed dots per card, for the small badges on the canvas and in the outline. One store
 * per document, observed once however many cards show a badge; a card re-renders only when
 * its own total changes (that is, at a reveal).
 */
class DotsStore {
  private totals: ReadonlyMap<string, number> = new Map();
  private readonly listeners = new Set<() => void>();
  private unobserve: (() => void) | null = null;

  constructor(private readonly doc: Y.Doc) {}

  subscribe = (listener: () => void): (() => void) => {
    if (this.listeners.size === 0) {
      this.refresh();
      this.unobserve = observeSnodoBoardChanges(this.doc, (change) => this.update(change));
    }
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) {
        this.unobserve?.();
        this.unobserve = null;
      }
    };
  };

  dots(cardId: string): number {
    if (this.unobserve === null) this.refresh();
    return this.totals.get(cardId) ?? 0;
  }

  /** A drag or a keystroke touches a few cards: re-read those, not the whole board. */
  private update(change: SnodoBoardChange): void {
    if (change.structure) {
      this.refresh();
      return;
    }
    let next: Map<string, number> | null = null;
    for (const cardId of change.cards) {
      const total = getCardVotes(this.doc, cardId).total;
      if (total === (this.totals.get(cardId) ?? 0)) continue;
      next ??= new Map(this.totals);
      if (total > 0) next.set(cardId, total);
      else next.delete(cardId);
    }
    if (next === null) return;
    this.totals = next;
    for (const listener of [...this.listeners]) listener();
  }

  private refresh(): void {
    const next = new Map<string, number>();
    for (const card of listAllCards(this.doc)) {
      const { total } = getCardVotes(this.doc, card.id);
      if (total > 0) next.set(card.id, total);
    }
    if (sameTotals(next, this.totals)) return;
    this.totals = next;
    for (const listener of [...this.listeners]) listener();
  }
}

function sameTotals(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): boolean {
  if (a.size !== b.size) return false;
  for (const [id, dots] of a) if (b.get(id) !== dots) return false;
  return true;
}

const stores = new WeakMap<Y.Doc, DotsStore>();

function dotsStore(doc: Y.Doc): DotsStore {
  let store = stores.get(doc);
  if (store === undefined) {
    store = new DotsStore(doc);
    stores.set(doc, store);
  }
  return store;
}

/** The revealed dots on one card (over every revealed votazione). */
export function useCardDots(doc: Y.Doc, cardId: string): number {
  const store = dotsStore(doc);
  const getSnapshot = useCallback(() => store.dots(cardId), [store, cardId]);
  return useSyncExternalStore(store.subscribe, getSnapshot);
}
