import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addCard,
  addContributo,
  addGroup,
  type BoardJSON,
  boardJSONSchema,
  DEFAULT_MANDATE,
  deleteCard,
  fromJSON,
  getCardRichText,
  getLinkedIds,
  getPercorsoRichText,
  getRequisitoRichText,
  linkCards,
  moveCard,
  oggetti,
  plainTextToRichJSON,
  resizeCard,
  riferimenti,
  ruoli,
  type SnodoBoardJSON,
  setCardGroup,
  setCardVoteResult,
  setObiettivoChecklistItem,
  setObiettivoText,
  setPercorsoInfo,
  setRichTextJSON,
  setSnodoContext,
  snodi,
  snodoBoardJSONSchema,
  tappe,
  toJSON,
} from '../src/index.js';
import { newPercorso, newSnodo, syncBoth, writeText } from './helpers.js';

/** A deep copy; `shared` compiles without DOM or Node typings, so no structuredClone. */
function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function richSnodo(): Y.Doc {
  const doc = newSnodo('Tavolo domiciliarità');
  setSnodoContext(doc, {
    percorsoBoardId: 'pdz',
    snodoId: 's1',
    tipo: 'laboratorio',
    oggetto: 'Domiciliarità',
    mandate: DEFAULT_MANDATE,
  });
  const group = addGroup(doc, { id: 'g1', title: 'Casa', createdAt: 1, pos: { x: 0, y: 0 } });
  const e1 = addCard(doc, 'esigenza', { id: 'e1', title: 'Cura a casa', createdAt: 10 });
  const e2 = addCard(doc, 'esigenza', { id: 'e2', title: 'Solitudine', createdAt: 11 });
  writeText(doc, e1, 'personale', 'Gestisce la terapia da sola');
  writeText(doc, e1, 'fonti', 'Colloqui\nDati ATS');
  const fragment = getCardRichText(doc, e2, 'familiare');
  if (fragment) {
    setRichTextJSON(fragment, [
      {
        type: 'element',
        name: 'paragraph',
        children: [{ type: 'text', delta: [{ insert: 'forte', attributes: { bold: {} } }] }],
      },
    ]);
  }
  setCardGroup(doc, e1, group);
  moveCard(doc, e1, { x: 12.5, y: -3 });
  resizeCard(doc, e1, { w: 300, h: 200 });
  setCardVoteResult(doc, e1, 'v1', 2);
  const o1 = addCard(doc, 'obiettivo', { id: 'o1', title: 'Meno solitudine', createdAt: 20 });
  writeText(doc, o1, 'cambiamento', 'Più reti di vicinato');
  setObiettivoText(doc, o1, 'indicatore', 'N. reti');
  setObiettivoChecklistItem(doc, o1, 'tempi', true);
  setObiettivoChecklistItem(doc, o1, 'cambiamento', true);
  linkCards(doc, o1, e2, 100);
  linkCards(doc, o1, e1, 200);
  const l1 = addCard(doc, 'lineaStrategica', { id: 'l1', title: 'Custodi sociali', createdAt: 30 });
  linkCards(doc, l1, o1);
  addContributo(doc, l1, { id: 'c1', ente: 'Comune', tipo: 'persone', createdAt: 31 });
  return doc;
}

describe('snodo JSON', () => {
  it('[J2] toJSON → fromJSON → toJSON is exact, rich text included', () => {
    const doc = richSnodo();
    const json = toJSON(doc);
    expect(snodoBoardJSONSchema.parse(json)).toEqual(json);
    const copy = fromJSON(json);
    expect(toJSON(copy)).toEqual(json);
    expect(getLinkedIds(copy, 'o1')).toEqual(['e2', 'e1']);
  });

  it('[J2] checklist items come out in checklist order, whatever the order checked', () => {
    const json = toJSON(richSnodo()) as SnodoBoardJSON;
    const obiettivo = json.cards.find((card) => card.id === 'o1');
    expect(obiettivo?.kind === 'obiettivo' && obiettivo.checklist).toEqual([
      'cambiamento',
      'tempi',
    ]);
  });

  it('[J2] the plain form leaves out dangling links (readers see none)', () => {
    const a = richSnodo();
    const b = new Y.Doc();
    syncBoth(a, b);
    deleteCard(a, 'e2');
    linkCards(b, 'o1', 'e2');
    syncBoth(a, b);
    const json = toJSON(b) as SnodoBoardJSON;
    const obiettivo = json.cards.find((card) => card.id === 'o1');
    expect(obiettivo?.kind === 'obiettivo' && obiettivo.esigenze).toEqual(['e1']);
    expect(() => fromJSON(json)).not.toThrow();
  });

  it('[J1][J2] the schema refuses duplicate ids, bad links, unknown groups and unknown keys', () => {
    const json = toJSON(richSnodo()) as SnodoBoardJSON;
    const dup = { ...json, cards: [...json.cards, json.cards[0]] };
    expect(snodoBoardJSONSchema.safeParse(dup).success).toBe(false);
    const badLink = clone(json);
    const l1 = badLink.cards.find((card) => card.id === 'l1');
    if (l1?.kind === 'lineaStrategica') l1.obiettivi = ['e1'];
    expect(snodoBoardJSONSchema.safeParse(badLink).success).toBe(false);
    const badGroup = clone(json);
    badGroup.groups = [];
    expect(snodoBoardJSONSchema.safeParse(badGroup).success).toBe(false);
    const extraKey = { ...json, surprise: true };
    expect(snodoBoardJSONSchema.safeParse(extraKey).success).toBe(false);
  });

  it('[J4] a JSON of another schema version is refused', () => {
    const json = { ...toJSON(richSnodo()), schemaVersion: 1 };
    expect(() => fromJSON(json)).toThrow();
    expect(() => fromJSON({ kind: 'whiteboard' })).toThrow();
    expect(() => fromJSON(null)).toThrow();
  });

  it('[J2] fromJSON only writes into an empty document', () => {
    const json = toJSON(richSnodo());
    expect(() => fromJSON(json, newSnodo())).toThrow(/empty document/);
  });
});

function richPercorso(): Y.Doc {
  const doc = newPercorso('Piano di Zona 2025-2027');
  setPercorsoInfo(doc, { ente: 'Comune di Esempio', ambito: 'Anziani', fase: 'istruttoria' });
  setRichTextJSON(getPercorsoRichText(doc, 'visione'), plainTextToRichJSON('Welfare di comunità'));
  setRichTextJSON(getRequisitoRichText(doc, 'oggetto'), plainTextToRichJSON('Domiciliarità'));
  riferimenti.add(doc, {
    id: 'r1',
    createdAt: 1,
    titolo: 'DM 72/2021',
    tipo: 'normativo',
    link: 'https://www.lavoro.gov.it',
  });
  ruoli.add(doc, { id: 'ru1', createdAt: 2, ente: 'ETS', ruolo: 'Gestore', contributo: 'Spazi' });
  oggetti.add(doc, {
    id: 'og1',
    createdAt: 3,
    titolo: 'Domiciliarità',
    criterio: 'Trasversale',
    descrizione: '',
  });
  snodi.add(doc, { id: 's1', createdAt: 4, tipo: 'tavolo', titolo: 'Tavolo 1', oggettoId: 'og1' });
  tappe.add(doc, {
    id: 't1',
    createdAt: 5,
    titolo: 'Plenaria',
    tipo: 'sessione',
    data: '2025-03-10',
  });
  return doc;
}

describe('percorso JSON', () => {
  it('[J2] toJSON → fromJSON → toJSON is exact', () => {
    const json = toJSON(richPercorso());
    const copy = fromJSON(json);
    expect(toJSON(copy)).toEqual(json);
    expect(boardJSONSchema.parse(json)).toEqual(json);
  });

  it('[J2] the JSON mandate replaces the default template', () => {
    const json = toJSON(richPercorso()) as Extract<BoardJSON, { kind: 'percorso' }>;
    const one = { ...json, mandate: json.mandate.slice(0, 1) };
    expect((toJSON(fromJSON(one)) as typeof json).mandate).toHaveLength(1);
  });

  it('[J2] the schema refuses duplicate record ids and missing texts', () => {
    const json = toJSON(richPercorso()) as Extract<BoardJSON, { kind: 'percorso' }>;
    expect(() => fromJSON({ ...json, ruoli: [...json.ruoli, ...json.ruoli] })).toThrow();
    const { visione: _, ...text } = json.text;
    expect(() => fromJSON({ ...json, text })).toThrow();
  });
});
