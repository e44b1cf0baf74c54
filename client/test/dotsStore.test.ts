import { addCard, deleteCard, initSnodoBoard, moveCard, setCardVoteResult } from '@trama/shared';
import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { dotsStore } from '../src/votes/voteHooks';

function board() {
  const doc = new Y.Doc();
  initSnodoBoard(doc, { title: 'Tavolo' });
  const a = addCard(doc, 'obiettivo', { title: 'A' });
  const b = addCard(doc, 'obiettivo', { title: 'B' });
  return { doc, a, b };
}

describe('the revealed dots per card', () => {
  test('read once, then kept current: reveals, moves, new and deleted cards', () => {
    const { doc, a, b } = board();
    const store = dotsStore(doc);
    let heard = 0;
    store.subscribe(() => heard++);
    expect([store.dots(a), store.dots(b)]).toEqual([0, 0]);

    doc.transact(() => {
      setCardVoteResult(doc, a, 'v1', 3);
      setCardVoteResult(doc, b, 'v1', 1);
    });
    expect([store.dots(a), store.dots(b), heard]).toEqual([3, 1, 1]);

    // A move or a new card changes no total: no one is told.
    moveCard(doc, a, { x: 10, y: 20 });
    addCard(doc, 'obiettivo', { title: 'C' });
    expect(heard).toBe(1);

    setCardVoteResult(doc, a, 'v2', 2);
    expect([store.dots(a), heard]).toEqual([5, 2]);
    deleteCard(doc, b);
    expect([store.dots(b), heard]).toEqual([0, 3]);
  });

  test('a store read before anyone subscribes is current too (badges render before effects)', () => {
    const { doc, a } = board();
    const store = dotsStore(doc);
    expect(store.dots(a)).toBe(0);
    setCardVoteResult(doc, a, 'v1', 2);
    expect(store.dots(a)).toBe(2);
    expect(dotsStore(doc)).toBe(store);
  });
});
