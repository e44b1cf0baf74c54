import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addCard,
  deleteCard,
  getBacklinkIds,
  getLinkedIds,
  InvalidLinkError,
  linkCards,
  pruneDanglingLinks,
  toJSON,
  unlinkCards,
} from '../src/index.js';
import { newSnodo, syncBoth } from './helpers.js';

function chain(doc: Y.Doc) {
  const e1 = addCard(doc, 'esigenza', { id: 'e1', createdAt: 1 });
  const e2 = addCard(doc, 'esigenza', { id: 'e2', createdAt: 2 });
  const o1 = addCard(doc, 'obiettivo', { id: 'o1', createdAt: 3 });
  const l1 = addCard(doc, 'lineaStrategica', { id: 'l1', createdAt: 4 });
  return { e1, e2, o1, l1 };
}

describe('links', () => {
  it('[L1] obiettivo → esigenza and linea → obiettivo, nothing else', () => {
    const doc = newSnodo();
    const { e1, e2, o1, l1 } = chain(doc);
    linkCards(doc, o1, e2, 10);
    linkCards(doc, o1, e1, 20);
    linkCards(doc, l1, o1);
    expect(getLinkedIds(doc, o1)).toEqual([e2, e1]);
    expect(getLinkedIds(doc, l1)).toEqual([o1]);
    expect(getBacklinkIds(doc, e1)).toEqual([o1]);
    expect(getBacklinkIds(doc, o1)).toEqual([l1]);
    expect(() => linkCards(doc, e1, o1)).toThrow(InvalidLinkError);
    expect(() => linkCards(doc, l1, e1)).toThrow(InvalidLinkError);
    expect(() => linkCards(doc, o1, o1)).toThrow(InvalidLinkError);
    expect(() => linkCards(doc, o1, 'missing')).toThrow(/no card/);
  });

  it('[L1] linking twice keeps one link and its first time', () => {
    const doc = newSnodo();
    const { e1, e2, o1 } = chain(doc);
    linkCards(doc, o1, e1, 1);
    linkCards(doc, o1, e2, 2);
    linkCards(doc, o1, e1, 3);
    expect(getLinkedIds(doc, o1)).toEqual([e1, e2]);
  });

  it('[L2] unlink removes one link; unlinking what is not linked is a no-op', () => {
    const doc = newSnodo();
    const { e1, e2, o1 } = chain(doc);
    linkCards(doc, o1, e1);
    linkCards(doc, o1, e2);
    unlinkCards(doc, o1, e1);
    unlinkCards(doc, o1, e1);
    unlinkCards(doc, 'missing', e1);
    expect(getLinkedIds(doc, o1)).toEqual([e2]);
  });

  it('[L3] deleting a card removes the links to it in the same transaction', () => {
    const doc = newSnodo();
    const { e1, o1, l1 } = chain(doc);
    linkCards(doc, o1, e1);
    linkCards(doc, l1, o1);
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    deleteCard(doc, o1);
    expect(transactions).toBe(1);
    expect(getLinkedIds(doc, l1)).toEqual([]);
    const raw = doc.getMap<Y.Map<unknown>>('cards').get(l1)?.get('obiettivi') as Y.Map<number>;
    expect(raw.size).toBe(0);
    expect(getBacklinkIds(doc, e1)).toEqual([]);
  });

  it('[L3] concurrent delete + link: readers never see the dangling link', () => {
    const a = newSnodo();
    const b = new Y.Doc();
    const { e1, o1 } = chain(a);
    syncBoth(a, b);
    deleteCard(a, e1); // peer A deletes the esigenza…
    linkCards(b, o1, e1); // …while peer B links the obiettivo to it.
    syncBoth(a, b);
    for (const doc of [a, b]) {
      expect(getLinkedIds(doc, o1)).toEqual([]);
      expect(toJSON(doc)).toEqual(toJSON(a));
    }
    // The entry is still in the document until someone prunes it.
    const raw = b.getMap<Y.Map<unknown>>('cards').get(o1)?.get('esigenze') as Y.Map<number>;
    expect(raw.has(e1)).toBe(true);
  });

  it('[L3] concurrent delete of the source + link: the link goes with the source', () => {
    const a = newSnodo();
    const b = new Y.Doc();
    const { e1, o1 } = chain(a);
    syncBoth(a, b);
    deleteCard(a, o1);
    linkCards(b, o1, e1);
    syncBoth(a, b);
    expect(getBacklinkIds(a, e1)).toEqual([]);
    expect(getBacklinkIds(b, e1)).toEqual([]);
  });

  it('[L4] pruneDanglingLinks removes what readers filter, and is idempotent', () => {
    const a = newSnodo();
    const b = new Y.Doc();
    const { e1, e2, o1 } = chain(a);
    linkCards(a, o1, e2);
    syncBoth(a, b);
    deleteCard(a, e1);
    linkCards(b, o1, e1);
    syncBoth(a, b);
    expect(pruneDanglingLinks(a)).toBe(1);
    expect(pruneDanglingLinks(a)).toBe(0);
    expect(getLinkedIds(a, o1)).toEqual([e2]);
    syncBoth(a, b);
    const raw = b.getMap<Y.Map<unknown>>('cards').get(o1)?.get('esigenze') as Y.Map<number>;
    expect([...raw.keys()]).toEqual([e2]);
  });
});
