import {
  getBoardTitle,
  getPercorsoInfo,
  mandateTemplate,
  type Oggetto,
  observeBoard,
  oggetti,
  type PercorsoInfo,
  type RecordMeta,
  type Riferimento,
  type Ruolo,
  riferimenti,
  ruoli,
  type SnodoRecord,
  snodi,
  type Tappa,
  tappe,
} from '@trama/shared';
import { useSyncExternalStore } from 'react';
import type * as Y from 'yjs';

type Rec<T> = T & RecordMeta;

/** What the percorso page shows of the percorso board, read through the model's accessors. */
export interface PercorsoSnapshot {
  readonly title: string;
  readonly info: PercorsoInfo;
  readonly riferimenti: readonly Rec<Riferimento>[];
  readonly ruoli: readonly Rec<Ruolo>[];
  readonly oggetti: readonly Rec<Oggetto>[];
  readonly snodi: readonly Rec<SnodoRecord>[];
  readonly tappe: readonly Rec<Tappa>[];
  readonly mandate: ReturnType<typeof mandateTemplate.list>;
}

export function readPercorso(doc: Y.Doc): PercorsoSnapshot {
  return {
    title: getBoardTitle(doc),
    info: getPercorsoInfo(doc),
    riferimenti: riferimenti.list(doc),
    ruoli: ruoli.list(doc),
    oggetti: oggetti.list(doc),
    snodi: snodi.list(doc),
    tappe: sortTappe(tappe.list(doc)),
    mandate: mandateTemplate.list(doc),
  };
}

/** Pure: the calendar in date order (then creation order). */
export function sortTappe<T extends Tappa & RecordMeta>(items: readonly T[]): T[] {
  return items
    .slice()
    .sort((a, b) => (a.data < b.data ? -1 : a.data > b.data ? 1 : a.createdAt - b.createdAt));
}

/**
 * A store over the percorso board: a new snapshot only when what it holds changed (typing in
 * a rich-text field changes the document but not the snapshot, so nothing re-renders).
 */
export class PercorsoStore {
  private snapshot: PercorsoSnapshot;
  private key: string;

  constructor(private readonly doc: Y.Doc) {
    this.snapshot = readPercorso(doc);
    this.key = JSON.stringify(this.snapshot);
  }

  getSnapshot = (): PercorsoSnapshot => this.snapshot;

  private refresh(): boolean {
    const next = readPercorso(this.doc);
    const key = JSON.stringify(next);
    if (key === this.key) return false;
    this.key = key;
    this.snapshot = next;
    return true;
  }

  subscribe = (listener: () => void): (() => void) => {
    // Changes made while nobody listened (React reads getSnapshot right after subscribing).
    this.refresh();
    return observeBoard(this.doc, () => {
      if (this.refresh()) listener();
    });
  };
}

const stores = new WeakMap<Y.Doc, PercorsoStore>();
const noop = () => () => {};

export function usePercorsoBoard(doc: Y.Doc | null): PercorsoSnapshot | null {
  let store: PercorsoStore | null = null;
  if (doc !== null) {
    store = stores.get(doc) ?? new PercorsoStore(doc);
    stores.set(doc, store);
  }
  return useSyncExternalStore(store?.subscribe ?? noop, store?.getSnapshot ?? (() => null));
}
