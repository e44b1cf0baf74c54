import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addCard,
  addContributo,
  addGroup,
  deleteCard,
  diffSnodoBoards,
  linkCards,
  moveCard,
  restoreSnodoBoard,
  setCardGroup,
  setCardTitle,
  setCardVoteResult,
  snodoToJSON,
  unlinkCards,
} from '../src/index.js';
import { newSnodo, syncBoth, writeText } from './helpers.js';

function board() {
  const doc = newSnodo();
  const e1 = addCard(doc, 'esigenza', {
    id: 'e1',
    createdAt: 1,
    title: 'Solitudine',
    pos: { x: 0, y: 0 },
  });
  writeText(doc, e1, 'personale', 'vive sola');
  const e2 = addCard(doc, 'esigenza', { id: 'e2', createdAt: 2, title: 'Trasporti' });
  const o1 = addCard(doc, 'obiettivo', { id: 'o1', createdAt: 3, title: 'Meno isolamento' });
  linkCards(doc, o1, e1, 1);
  linkCards(doc, o1, e2, 2);
  const l1 = addCard(doc, 'lineaStrategica', { id: 'l1', createdAt: 4, title: 'Portierato' });
  linkCards(doc, l1, o1, 1);
  addContributo(doc, l1, { id: 'c1', createdAt: 1, ente: 'Coop', tipo: 'persone' });
  addGroup(doc, { id: 'g1', createdAt: 1, title: 'Gruppo' });
  setCardGroup(doc, e2, 'g1');
  setCardVoteResult(doc, e1, 'v1', 2);
  return doc;
}

describe('snapshots of a snodo board', () => {
  it('[R1] the diff names cards added, removed, edited and moved, per lane', () => {
    const doc = board();
    const before = snodoToJSON(doc);
    addCard(doc, 'esigenza', { id: 'e3', createdAt: 5, title: 'Nuova' });
    deleteCard(doc, 'l1');
    setCardTitle(doc, 'o1', 'Meno isolamento, entro il 2028');
    moveCard(doc, 'e1', { x: 100, y: 50 });
    unlinkCards(doc, 'o1', 'e2');
    const diff = diffSnodoBoards(before, snodoToJSON(doc));
    expect(diff.lanes.esigenza).toEqual({
      added: [{ id: 'e3', title: 'Nuova' }],
      removed: [],
      edited: [],
      moved: [{ id: 'e1', title: 'Solitudine' }],
    });
    expect(diff.lanes.obiettivo.edited).toEqual([
      { id: 'o1', title: 'Meno isolamento, entro il 2028' },
    ]);
    expect(diff.lanes.lineaStrategica.removed).toEqual([{ id: 'l1', title: 'Portierato' }]);
    expect(diff.titleChanged).toBe(false);
  });

  it('[R2] restoring after later edits reads exactly as the snapshot, as a new change on top', () => {
    const doc = board();
    const snapshot = snodoToJSON(doc);
    // Later edits of every sort.
    addCard(doc, 'obiettivo', { id: 'o2', createdAt: 6, title: 'Dopo' });
    deleteCard(doc, 'e1');
    setCardTitle(doc, 'l1', 'Portierato sociale');
    setCardVoteResult(doc, 'o1', 'v2', 3);
    setCardGroup(doc, 'e2', undefined);
    moveCard(doc, 'o1', { x: 9, y: 9 });
    const historyBefore = Y.encodeStateVector(doc);

    restoreSnodoBoard(doc, snapshot);
    expect(snodoToJSON(doc)).toEqual(snapshot);
    // Nothing was rewound: the state vector only grew.
    const sv = Y.decodeStateVector(Y.encodeStateVector(doc));
    for (const [client, clock] of Y.decodeStateVector(historyBefore)) {
      expect(sv.get(client)).toBeGreaterThanOrEqual(clock);
    }
    // A restore of the current state changes nothing.
    const update = (() => {
      let bytes = 0;
      const listen = (u: Uint8Array) => {
        bytes += u.byteLength;
      };
      doc.on('update', listen);
      restoreSnodoBoard(doc, snapshot);
      doc.off('update', listen);
      return bytes;
    })();
    expect(update).toBe(0);
  });

  it('[R2] a restore syncs to other peers like any edit and they converge', () => {
    const a = board();
    const b = new Y.Doc();
    syncBoth(a, b);
    const snapshot = snodoToJSON(a);
    deleteCard(b, 'o1');
    syncBoth(a, b);
    restoreSnodoBoard(a, snapshot);
    syncBoth(a, b);
    expect(snodoToJSON(b)).toEqual(snapshot);
  });
});
