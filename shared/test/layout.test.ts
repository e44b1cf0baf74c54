import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addCard,
  addGroup,
  createSnodoUndoManager,
  deleteCard,
  getCardLayout,
  hasCard,
  listCards,
  moveCards,
  setCardTitle,
} from '../src/index.js';
import { newSnodo } from './helpers.js';

describe('canvas writes', () => {
  it('[C11] moveCards moves every card in one transaction', () => {
    const doc = newSnodo();
    const a = addCard(doc, 'esigenza', { pos: { x: 0, y: 0 } });
    const b = addCard(doc, 'obiettivo', { pos: { x: 10, y: 10 } });
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    moveCards(doc, [
      { id: a, pos: { x: 100, y: 50 } },
      { id: b, pos: { x: 110, y: 60 } },
    ]);
    expect(transactions).toBe(1);
    expect(getCardLayout(doc, a).pos).toEqual({ x: 100, y: 50 });
    expect(getCardLayout(doc, b).pos).toEqual({ x: 110, y: 60 });
  });

  it('[C11] moveCards validates everything before writing anything', () => {
    const doc = newSnodo();
    const a = addCard(doc, 'esigenza', { pos: { x: 0, y: 0 } });
    expect(() =>
      moveCards(doc, [
        { id: a, pos: { x: 5, y: 5 } },
        { id: a, pos: { x: Number.NaN, y: 0 } },
      ]),
    ).toThrow();
    expect(getCardLayout(doc, a).pos).toEqual({ x: 0, y: 0 });
    expect(() => moveCards(doc, [{ id: 'missing', pos: { x: 1, y: 1 } }])).toThrow();
  });

  it('hasCard tells live cards from deleted ones', () => {
    const doc = newSnodo();
    const a = addCard(doc, 'esigenza');
    expect(hasCard(doc, a)).toBe(true);
    deleteCard(doc, a);
    expect(hasCard(doc, a)).toBe(false);
  });
});

describe('per-user undo', () => {
  it('[U1] undoes local changes to cards and groups, never remote ones', () => {
    const mine = newSnodo();
    const theirs = new Y.Doc();
    const remote = Symbol('provider');
    Y.applyUpdate(theirs, Y.encodeStateAsUpdate(mine));
    mine.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== remote) Y.applyUpdate(theirs, update, remote);
    });
    theirs.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== remote) Y.applyUpdate(mine, update, remote);
    });
    const undo = createSnodoUndoManager(mine, { captureTimeout: 0 });

    const card = addCard(mine, 'esigenza', { title: 'Mia' });
    const other = addCard(theirs, 'obiettivo', { title: 'Loro' });
    setCardTitle(theirs, card, 'Loro titolo');
    addGroup(mine, { title: 'Gruppo' });

    undo.undo(); // the group
    expect(listCards(mine, 'obiettivo').map((c) => c.id)).toEqual([other]);
    undo.undo(); // my card, although someone else retitled it since
    expect(hasCard(mine, card)).toBe(false);
    expect(hasCard(mine, other)).toBe(true);
    undo.redo();
    expect(hasCard(mine, card)).toBe(true);
  });

  it('[U1] tracks extra origins such as the editor binding', () => {
    const doc = newSnodo();
    const editor = Symbol('editor');
    const card = addCard(doc, 'esigenza', { title: 'Prima' });
    const undo = createSnodoUndoManager(doc, { trackedOrigins: [editor], captureTimeout: 0 });
    doc.transact(() => setCardTitle(doc, card, 'Dopo'), editor);
    doc.transact(() => setCardTitle(doc, card, 'Altro'), Symbol('remote'));
    expect(undo.undoStack.length).toBe(1);
  });
});
