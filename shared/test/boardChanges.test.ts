import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addCard,
  addGroup,
  deleteCard,
  linkCards,
  moveCards,
  observeSnodoBoardChanges,
  type SnodoBoardChange,
  setCardTitle,
  setLockedLanes,
} from '../src/index.js';
import { newSnodo, syncBoth, writeText } from './helpers.js';

function record(doc: Y.Doc): { changes: SnodoBoardChange[]; stop: () => void } {
  const changes: SnodoBoardChange[] = [];
  const stop = observeSnodoBoardChanges(doc, (change) => changes.push(change));
  return { changes, stop };
}

const ids = (change: SnodoBoardChange | undefined) => [...(change?.cards ?? [])].sort();

describe('board changes', () => {
  it('[B5] names the cards a transaction touched, once per transaction', () => {
    const doc = newSnodo();
    const a = addCard(doc, 'esigenza', { pos: { x: 0, y: 0 } });
    const b = addCard(doc, 'obiettivo', { pos: { x: 0, y: 0 } });
    const c = addCard(doc, 'lineaStrategica');
    const { changes, stop } = record(doc);
    moveCards(doc, [
      { id: a, pos: { x: 5, y: 5 } },
      { id: b, pos: { x: 6, y: 6 } },
    ]);
    setCardTitle(doc, c, 'Linea');
    writeText(doc, a, 'personale', 'Solitudine');
    linkCards(doc, b, a, 1);
    expect(changes.map(ids)).toEqual([[a, b].sort(), [c], [a], [b]]);
    expect(changes.every((change) => !change.structure)).toBe(true);
    stop();
    setCardTitle(doc, c, 'Altro');
    expect(changes).toHaveLength(4);
  });

  it('[B5] flags structure when cards come or go, or groups, locks or meta change', () => {
    const doc = newSnodo();
    const a = addCard(doc, 'esigenza');
    const { changes } = record(doc);
    const b = addCard(doc, 'esigenza');
    deleteCard(doc, a);
    addGroup(doc, { title: 'Gruppo' });
    setLockedLanes(doc, ['esigenza']);
    expect(changes.map((change) => change.structure)).toEqual([true, true, true, true]);
    expect(ids(changes[0])).toEqual([b]);
    expect(ids(changes[1])).toContain(a);
  });

  it('[B5] reports remote transactions too', () => {
    const here = newSnodo();
    const there = new Y.Doc();
    syncBoth(here, there);
    const a = addCard(here, 'esigenza', { pos: { x: 0, y: 0 } });
    syncBoth(here, there);
    const { changes } = record(there);
    moveCards(here, [{ id: a, pos: { x: 9, y: 9 } }]);
    syncBoth(here, there);
    expect(changes.map(ids)).toEqual([[a]]);
    expect(changes[0]?.structure).toBe(false);
  });
});
