import {
  addCard,
  getCardRichText,
  initSnodoBoard,
  setBoardTitle,
  setCardTitle,
} from '@trama/shared';
import { describe, expect, test } from 'vitest';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { BoardStore } from '../src/board/boardStore';
import { listParticipants } from '../src/board/usePresence';

function board(): Y.Doc {
  const doc = new Y.Doc();
  initSnodoBoard(doc, { title: 'Tavolo anziani' });
  return doc;
}

describe('BoardStore', () => {
  test('reads the title and the cards of each section', () => {
    const doc = board();
    const store = new BoardStore(doc);
    const id = addCard(doc, 'obiettivo', { title: 'Reti di vicinato' });
    const snapshot = store.getSnapshot();
    expect(snapshot.title).toBe('Tavolo anziani');
    expect(snapshot.cards.obiettivo.map((card) => card.id)).toEqual([id]);
    expect(snapshot.cards.esigenza).toEqual([]);
    store.destroy();
  });

  test('typing in a rich-text field does not change the snapshot; titles and cards do', () => {
    const doc = board();
    const id = addCard(doc, 'esigenza');
    const store = new BoardStore(doc);
    let notified = 0;
    store.subscribe(() => {
      notified++;
    });
    const before = store.getSnapshot();

    const fragment = getCardRichText(doc, id, 'personale');
    if (fragment === undefined) throw new Error('no personale field');
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('Vive solo')]);
    fragment.insert(0, [paragraph]);
    expect(store.getSnapshot()).toBe(before);
    expect(notified).toBe(0);

    setCardTitle(doc, id, 'Solitudine');
    const afterTitle = store.getSnapshot();
    expect(afterTitle).not.toBe(before);
    expect(afterTitle.cards.esigenza[0]?.title).toBe('Solitudine');
    // Untouched sections keep their arrays, so their components can skip re-rendering.
    expect(afterTitle.cards.obiettivo).toBe(before.cards.obiettivo);

    setBoardTitle(doc, 'Tavolo fragilità');
    expect(store.getSnapshot().title).toBe('Tavolo fragilità');
    expect(notified).toBe(2);

    store.destroy();
    setBoardTitle(doc, 'dopo');
    expect(notified).toBe(2);
  });
});

describe('listParticipants', () => {
  test('you first, then the others by name; states without a usable user are skipped', () => {
    const doc = new Y.Doc();
    const awareness = new Awareness(doc);
    awareness.setLocalStateField('user', { name: 'Zoe', color: '#0066cc' });
    const others = (clientId: number, state: Record<string, unknown>) => {
      awareness.states.set(clientId, state);
    };
    others(doc.clientID + 1, { user: { name: 'Bruno', color: 'red' } });
    others(doc.clientID + 2, { user: { name: 'Anna', color: '#00704a' } });
    others(doc.clientID + 3, { cursor: null });
    others(doc.clientID + 4, { user: { name: '   ' } });

    const list = listParticipants(awareness);
    expect(list.map((person) => [person.name, person.isSelf])).toEqual([
      ['Zoe', true],
      ['Anna', false],
      ['Bruno', false],
    ]);
    // Colours that the caret plugin cannot draw fall back to a neutral one.
    expect(list.find((person) => person.name === 'Bruno')?.color).toMatch(/^#[0-9a-f]{6}$/i);
    awareness.destroy();
  });
});
