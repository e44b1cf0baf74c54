import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addCard,
  CARD_KINDS,
  type CardKind,
  cardRichTextFields,
  deleteCard,
  getBoardKind,
  getBoardTitle,
  getCardLayout,
  getCardRichText,
  getCardSummary,
  getCardVotes,
  getSchemaVersion,
  initSnodoBoard,
  listCards,
  moveCard,
  observeSnodoBoard,
  resizeCard,
  SNODO_SCHEMA_VERSION,
  setBoardTitle,
  setCardTitle,
  setCardVoteResult,
} from '../src/index.js';

function newBoard(): Y.Doc {
  const doc = new Y.Doc();
  initSnodoBoard(doc, { title: 'Tavolo anziani' });
  return doc;
}

describe('snodo board meta', () => {
  it('[B1] init stamps kind, version and title once', () => {
    const doc = newBoard();
    expect(getBoardKind(doc)).toBe('snodo');
    expect(getSchemaVersion(doc)).toBe(SNODO_SCHEMA_VERSION);
    expect(getBoardTitle(doc)).toBe('Tavolo anziani');
    initSnodoBoard(doc, { title: 'Altro' });
    expect(getBoardTitle(doc)).toBe('Tavolo anziani');
  });

  it('[B1] init is idempotent across peers that call it concurrently', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    initSnodoBoard(a);
    initSnodoBoard(b);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(getSchemaVersion(a)).toBe(SNODO_SCHEMA_VERSION);
    expect(a.getMap('meta').toJSON()).toEqual(b.getMap('meta').toJSON());
  });

  it('[B3] title is trimmed and cut', () => {
    const doc = newBoard();
    setBoardTitle(doc, `  ${'x'.repeat(500)}  `);
    expect(getBoardTitle(doc)).toHaveLength(200);
  });
});

describe('cards', () => {
  it('[C1] addCard creates every rich-text field of its kind', () => {
    const doc = newBoard();
    for (const kind of CARD_KINDS) {
      const id = addCard(doc, kind, { title: kind });
      for (const field of cardRichTextFields(kind)) {
        expect(getCardRichText(doc, id, field)).toBeInstanceOf(Y.XmlFragment);
      }
      expect(getCardSummary(doc, id)).toMatchObject({ id, kind, title: kind });
    }
  });

  it('[C3] esigenza fields start with the four levels in order', () => {
    expect(cardRichTextFields('esigenza').slice(0, 4)).toEqual([
      'personale',
      'familiare',
      'comunitario',
      'reteServizi',
    ]);
    expect(CARD_KINDS).toEqual<CardKind[]>(['esigenza', 'obiettivo', 'lineaStrategica']);
  });

  it('[C3] a field of another kind is not there', () => {
    const doc = newBoard();
    const id = addCard(doc, 'obiettivo');
    expect(getCardRichText(doc, id, 'personale')).toBeUndefined();
    expect(getCardRichText(doc, 'missing', 'enunciato')).toBeUndefined();
  });

  it('[C4] listCards orders by createdAt, then id', () => {
    const doc = newBoard();
    addCard(doc, 'esigenza', { id: 'b', createdAt: 5 });
    addCard(doc, 'esigenza', { id: 'a', createdAt: 5 });
    addCard(doc, 'esigenza', { id: 'c', createdAt: 1 });
    addCard(doc, 'obiettivo', { id: 'd', createdAt: 0 });
    expect(listCards(doc, 'esigenza').map((c) => c.id)).toEqual(['c', 'a', 'b']);
  });

  it('[C2] deleteCard removes the card and is a no-op when gone', () => {
    const doc = newBoard();
    const id = addCard(doc, 'esigenza');
    deleteCard(doc, id);
    deleteCard(doc, id);
    expect(listCards(doc, 'esigenza')).toEqual([]);
    expect(() => setCardTitle(doc, id, 'x')).toThrow(/no card/);
  });

  it('[C5][C6] moveCard and resizeCard write whole values; bad sizes throw', () => {
    const doc = newBoard();
    const id = addCard(doc, 'esigenza');
    expect(getCardLayout(doc, id)).toEqual({ pos: undefined, size: undefined });
    moveCard(doc, id, { x: 10, y: -4 });
    resizeCard(doc, id, { w: 200, h: 120 });
    expect(getCardLayout(doc, id)).toEqual({ pos: { x: 10, y: -4 }, size: { w: 200, h: 120 } });
    expect(() => resizeCard(doc, id, { w: 1, h: 120 })).toThrow();
    expect(() => moveCard(doc, id, { x: Number.NaN, y: 0 })).toThrow();
  });

  it('[C7] revealed dots by votazione add up; zero removes; bad counts throw', () => {
    const doc = newBoard();
    const id = addCard(doc, 'obiettivo');
    setCardVoteResult(doc, id, 'v1', 12);
    setCardVoteResult(doc, id, 'v2', 1);
    expect(getCardVotes(doc, id)).toEqual({ total: 13, byVotazione: { v1: 12, v2: 1 } });
    setCardVoteResult(doc, id, 'v1', 0);
    expect(getCardVotes(doc, id).total).toBe(1);
    expect(() => setCardVoteResult(doc, id, 'v1', -1)).toThrow(RangeError);
    expect(() => setCardVoteResult(doc, id, 'v1', 1.5)).toThrow(RangeError);
  });

  it('[B2] observeSnodoBoard fires once per transaction and unsubscribes', () => {
    const doc = newBoard();
    let calls = 0;
    const off = observeSnodoBoard(doc, () => calls++);
    const id = addCard(doc, 'esigenza');
    getCardRichText(doc, id, 'personale')?.insert(0, [new Y.XmlElement('paragraph')]);
    expect(calls).toBe(2);
    off();
    setCardTitle(doc, id, 'changed');
    expect(calls).toBe(2);
  });
});
