import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addCard,
  addContributo,
  addGroup,
  BoardKindError,
  CardKindMismatchError,
  DEFAULT_MANDATE,
  deleteCard,
  deleteContributo,
  deleteGroup,
  getCardGroupId,
  getCardVotes,
  getGroup,
  getObiettivoChecklist,
  getObiettivoText,
  getSnodoContext,
  initPercorsoBoard,
  initSnodoBoard,
  listAllCards,
  listContributi,
  listGroupCardIds,
  listGroups,
  moveGroup,
  resizeGroup,
  setCardGroup,
  setCardVoteResult,
  setGroupTitle,
  setObiettivoChecklistItem,
  setObiettivoText,
  setSnodoContext,
  updateContributo,
} from '../src/index.js';
import { newSnodo, syncBoth } from './helpers.js';

describe('board kinds', () => {
  it('[B1] a snodo board cannot be initialised as a percorso, nor the reverse', () => {
    const doc = newSnodo();
    expect(() => initPercorsoBoard(doc)).toThrow(BoardKindError);
    const percorso = new Y.Doc();
    initPercorsoBoard(percorso);
    expect(() => initSnodoBoard(percorso)).toThrow(BoardKindError);
  });

  it('[B4] the snodo context is validated and replaced whole', () => {
    const doc = newSnodo();
    expect(getSnodoContext(doc)).toBeUndefined();
    const context = {
      percorsoBoardId: 'pdz-2025',
      snodoId: 's1',
      tipo: 'tavolo' as const,
      oggetto: 'Domiciliarità',
      mandate: DEFAULT_MANDATE,
    };
    setSnodoContext(doc, context);
    expect(getSnodoContext(doc)).toEqual(context);
    expect(() => setSnodoContext(doc, { ...context, tipo: 'assemblea' as never })).toThrow();
    expect(getSnodoContext(doc)).toEqual(context);
  });
});

describe('obiettivo fields', () => {
  it('[C9] indicator and time frame are trimmed short texts', () => {
    const doc = newSnodo();
    const id = addCard(doc, 'obiettivo');
    setObiettivoText(doc, id, 'indicatore', '  % caregiver con un aiuto  ');
    setObiettivoText(doc, id, 'orizzonte', 'x'.repeat(900));
    expect(getObiettivoText(doc, id, 'indicatore')).toBe('% caregiver con un aiuto');
    expect(getObiettivoText(doc, id, 'orizzonte')).toHaveLength(500);
  });

  it('[C8] checklist answers default to false; unchecking removes the answer', () => {
    const doc = newSnodo();
    const id = addCard(doc, 'obiettivo');
    expect(Object.values(getObiettivoChecklist(doc, id)).every((v) => v === false)).toBe(true);
    setObiettivoChecklistItem(doc, id, 'cambiamento', true);
    setObiettivoChecklistItem(doc, id, 'tempi', true);
    setObiettivoChecklistItem(doc, id, 'tempi', false);
    expect(getObiettivoChecklist(doc, id)).toMatchObject({ cambiamento: true, tempi: false });
    expect(() => setObiettivoChecklistItem(doc, id, 'bogus' as never, true)).toThrow(RangeError);
  });

  it('[C8] obiettivo accessors refuse another kind of card', () => {
    const doc = newSnodo();
    const id = addCard(doc, 'esigenza');
    expect(() => setObiettivoText(doc, id, 'indicatore', 'x')).toThrow(CardKindMismatchError);
  });
});

describe('contributi', () => {
  it('[C10] add, update, list in creation order, delete', () => {
    const doc = newSnodo();
    const linea = addCard(doc, 'lineaStrategica');
    const late = addContributo(doc, linea, { ente: 'Comune', tipo: 'luoghi', createdAt: 20 });
    const early = addContributo(doc, linea, {
      ente: ' Cooperativa Il Ponte ',
      tipo: 'persone',
      descrizione: 'Due educatori il sabato',
      createdAt: 10,
    });
    expect(listContributi(doc, linea).map((c) => c.id)).toEqual([early, late]);
    expect(listContributi(doc, linea)[0]).toMatchObject({ ente: 'Cooperativa Il Ponte' });
    updateContributo(doc, linea, late, { tipo: 'risorseEconomiche', descrizione: '5.000 €' });
    expect(listContributi(doc, linea)[1]).toMatchObject({
      ente: 'Comune',
      tipo: 'risorseEconomiche',
      descrizione: '5.000 €',
    });
    deleteContributo(doc, linea, early);
    expect(listContributi(doc, linea).map((c) => c.id)).toEqual([late]);
    expect(() => addContributo(doc, linea, { ente: 'x', tipo: 'soldi' as never })).toThrow();
    expect(() => updateContributo(doc, linea, 'missing', { ente: 'x' })).toThrow();
  });

  it('[C10] concurrent edits of different fields of one contributo both survive', () => {
    const a = newSnodo();
    const b = new Y.Doc();
    const linea = addCard(a, 'lineaStrategica');
    const id = addContributo(a, linea, { ente: 'ETS', tipo: 'tempo' });
    syncBoth(a, b);
    updateContributo(a, linea, id, { ente: 'Associazione Anziani Attivi' });
    updateContributo(b, linea, id, { descrizione: 'Accompagnamenti' });
    syncBoth(a, b);
    expect(listContributi(b, linea)[0]).toMatchObject({
      ente: 'Associazione Anziani Attivi',
      descrizione: 'Accompagnamenti',
    });
  });
});

describe('groups', () => {
  it('[G1] add, rename, move, resize, list in creation order', () => {
    const doc = newSnodo();
    const g2 = addGroup(doc, { title: 'Scuola', createdAt: 2 });
    const g1 = addGroup(doc, { title: ' Casa ', createdAt: 1 });
    setGroupTitle(doc, g2, 'Scuola e famiglia');
    moveGroup(doc, g2, { x: 5, y: 6 });
    resizeGroup(doc, g2, { w: 500, h: 400 });
    expect(listGroups(doc).map((g) => g.title)).toEqual(['Casa', 'Scuola e famiglia']);
    expect(getGroup(doc, g2)).toMatchObject({ pos: { x: 5, y: 6 }, size: { w: 500, h: 400 } });
    expect(getGroup(doc, g1)?.pos).toBeUndefined();
  });

  it('[G1] a card is in at most one group', () => {
    const doc = newSnodo();
    const g1 = addGroup(doc);
    const g2 = addGroup(doc);
    const card = addCard(doc, 'esigenza');
    setCardGroup(doc, card, g1);
    setCardGroup(doc, card, g2);
    expect(getCardGroupId(doc, card)).toBe(g2);
    expect(listGroupCardIds(doc, g1)).toEqual([]);
    expect(listGroupCardIds(doc, g2)).toEqual([card]);
    setCardGroup(doc, card, undefined);
    expect(getCardGroupId(doc, card)).toBeUndefined();
    expect(() => setCardGroup(doc, card, 'missing')).toThrow(/no group/);
  });

  it('[G2] deleting a group frees its cards; a concurrent move into it reads as no group', () => {
    const a = newSnodo();
    const b = new Y.Doc();
    const group = addGroup(a);
    const c1 = addCard(a, 'esigenza');
    const c2 = addCard(a, 'obiettivo');
    setCardGroup(a, c1, group);
    syncBoth(a, b);
    deleteGroup(a, group);
    setCardGroup(b, c2, group);
    syncBoth(a, b);
    for (const doc of [a, b]) {
      expect(getCardGroupId(doc, c1)).toBeUndefined();
      expect(getCardGroupId(doc, c2)).toBeUndefined();
      expect(listAllCards(doc)).toHaveLength(2);
    }
  });
});

describe('votes', () => {
  it('[C7] revealed tallies of different votazioni add up; a deleted card has none', () => {
    const a = newSnodo();
    const b = new Y.Doc();
    const card = addCard(a, 'esigenza');
    syncBoth(a, b);
    setCardVoteResult(a, card, 'v1', 1);
    setCardVoteResult(b, card, 'v2', 3);
    syncBoth(a, b);
    expect(getCardVotes(b, card)).toEqual({ total: 4, byVotazione: { v1: 1, v2: 3 } });
    setCardVoteResult(b, card, 'v2', 0);
    expect(getCardVotes(b, card).total).toBe(1);
    deleteCard(b, card);
    expect(getCardVotes(b, card)).toEqual({ total: 0, byVotazione: {} });
  });
});
