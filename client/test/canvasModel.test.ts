import {
  addCard,
  getCardRichText,
  initSnodoBoard,
  linkCards,
  moveCards,
  observeSnodoBoardChanges,
  type SnodoBoardChange,
  setCardTitle,
} from '@trama/shared';
import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { type CanvasSnapshot, patchCanvas, readCanvas } from '../src/canvas/canvasModel';

function board() {
  const doc = new Y.Doc();
  initSnodoBoard(doc, { title: 'Tavolo' });
  const a = addCard(doc, 'esigenza', { title: 'A', pos: { x: 0, y: 0 }, createdAt: 1 });
  const b = addCard(doc, 'esigenza', { title: 'B', pos: { x: 0, y: 200 }, createdAt: 2 });
  const o = addCard(doc, 'obiettivo', { title: 'O', pos: { x: 600, y: 0 }, createdAt: 3 });
  linkCards(doc, o, a, 4);
  return { doc, a, b, o };
}

/** Applies `edit`, then patches `before` with the cards it touched. */
function patched(doc: Y.Doc, before: CanvasSnapshot, edit: () => void) {
  // As the store does: the cards touched by every transaction since the last read.
  const cards = new Set<string>();
  let structure = false;
  const stop = observeSnodoBoardChanges(doc, (change: SnodoBoardChange) => {
    for (const id of change.cards) cards.add(id);
    structure ||= change.structure;
  });
  edit();
  stop();
  return { change: { cards, structure }, next: patchCanvas(doc, before, cards) };
}

describe('patchCanvas', () => {
  test('re-reads only the touched cards, the others stay the same objects', () => {
    const { doc, a, b } = board();
    const before = readCanvas(doc, null);
    const { next } = patched(doc, before, () => moveCards(doc, [{ id: a, pos: { x: 40, y: 5 } }]));
    expect(next).toEqual(readCanvas(doc, null));
    expect(next?.cards.find((card) => card.id === b)).toBe(
      before.cards.find((card) => card.id === b),
    );
    expect(next?.links).toBe(before.links);
  });

  test('follows titles and the text preview', () => {
    const { doc, a, o } = board();
    const before = readCanvas(doc, null);
    const { next } = patched(doc, before, () => {
      setCardTitle(doc, o, 'Obiettivo nuovo');
      const fragment = getCardRichText(doc, a, 'personale');
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText('Vive da solo')]);
      fragment?.insert(0, [paragraph]);
    });
    expect(next).toEqual(readCanvas(doc, null));
    expect(next?.cards.find((card) => card.id === a)?.preview).toBe('Vive da solo');
  });

  test('gives up (null) when links change or cards come', () => {
    const { doc, b, o } = board();
    const before = readCanvas(doc, null);
    const linked = patched(doc, before, () => linkCards(doc, o, b, 5));
    expect(linked.next).toBeNull();
    const added = patched(doc, before, () => addCard(doc, 'esigenza'));
    expect(added.change.structure).toBe(true);
  });

  test('nothing shown changed: the same snapshot', () => {
    const { doc, a } = board();
    const before = readCanvas(doc, null);
    const { next } = patched(doc, before, () => moveCards(doc, [{ id: a, pos: { x: 0, y: 0 } }]));
    expect(next).toBe(before);
  });
});
