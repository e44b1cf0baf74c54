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
 * per document, read in full once and then kept current from the board's changes for the
 * document's life (hundreds of badges rendering for the first time read the same totals);
 * a card re-renders only when its own total changes (that is, at a reveal).
 */
class DotsStore {
  private totals: ReadonlyMap<string, number> | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly doc: Y.Doc) {}

  subscribe = (listener: () => void): (() => void) => {
    this.current();
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  dots(cardId: string): number {
    return this.current().get(cardId) ?? 0;
  }

  private current(): ReadonlyMap<string, number> {
    if (this.totals === null) {
      this.totals = this.readAll();
      observeSnodoBoardChanges(this.doc, (change) => this.update(change));
    }
    return this.totals;
  }

  /** A drag or a keystroke touches a few cards: re-read those, not the whole board. */
  private update(change: SnodoBoardChange): void {
    const totals = this.current();
    let next: Map<string, number> | null = null;
    if (change.structure) {
      const all = this.readAll();
      if (!sameTotals(all, totals)) next = all;
    } else {
      for (const cardId of change.cards) {
        const total = getCardVotes(this.doc, cardId).total;
        if (total === (totals.get(cardId) ?? 0)) continue;
        next ??= new Map(totals);
        if (total > 0) next.set(cardId, total);
        else next.delete(cardId);
      }
    }
    if (next === null) return;
    this.totals = next;
    for (const listener of [...this.listeners]) listener();
  }

  private readAll(): Map<string, number> {
    const all = new Map<string, number>();
    for (const card of listAllCards(this.doc)) {
      const { total } = getCardVotes(this.doc, card.id);
      if (total > 0) all.set(card.id, total);
    }
    return all;
  }
}

function sameTotals(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): boolean {
  if (a.size !== b.size) return false;
  for (const [id, dots] of a) if (b.get(id) !== dots) return false;
  return true;
}

const stores = new WeakMap<Y.Doc, DotsStore>();

/** The dots store of a document (one per document). */
export function dotsStore(doc: Y.Doc): DotsStore {
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
