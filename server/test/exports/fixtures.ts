import {
  addCard,
  addContributo,
  buildSnodoContext,
  getCardRichText,
  getPercorsoRichText,
  getRequisitoRichText,
  initPercorsoBoard,
  initSnodoBoard,
  linkCards,
  oggetti,
  type PercorsoBoardJSON,
  percorsoToJSON,
  plainTextToRichJSON,
  type RichTextField,
  type RichTextJSON,
  riferimenti,
  ruoli,
  type SnodoBoardJSON,
  setBoardTitle,
  setCardVoteResult,
  setObiettivoChecklistItem,
  setObiettivoText,
  setPercorsoInfo,
  setRichTextJSON,
  setSnodoContext,
  snodi,
  snodoToJSON,
  tappe,
  type VerbaleEntry,
  type VerbaleEvent,
} from '@trama/shared';
import * as Y from 'yjs';

/**
 * A small, realistic percorso with one tavolo, written through the shared accessors with
 * fixed ids and times so documents are byte-for-byte reproducible.
 */

export const T0 = Date.UTC(2026, 2, 14, 9, 0, 0); // 14 March 2026, 10:00 in Rome

const p = (...runs: RichTextJSON[number][]) => ({
  type: 'element' as const,
  name: 'paragraph',
  children: runs,
});
const t = (insert: string, attributes?: Record<string, unknown>) => ({
  type: 'text' as const,
  delta: [{ insert, ...(attributes && { attributes }) }],
});

export const RICH_PERSONALE: RichTextJSON = [
  p(
    t('Molti anziani '),
    t('vivono soli', { bold: {} }),
    t(' e si organizzano '),
    t('con i vicini', { italic: {} }),
  ),
  {
    type: 'element',
    name: 'bulletList',
    children: [
      { type: 'element', name: 'listItem', children: [p(t('spesa condivisa'))] },
      { type: 'element', name: 'listItem', children: [p(t('telefonate serali'))] },
    ],
  },
];

export const RICH_FONTI: RichTextJSON = [
  p(
    t('Rapporto ISTAT 2024, '),
    t('tabella 3', { link: { href: 'https://www.istat.it/rapporto-2024' } }),
  ),
  {
    type: 'element',
    name: 'orderedList',
    attrs: { start: 1 },
    children: [
      { type: 'element', name: 'listItem', children: [p(t('interviste ai MMG'))] },
      { type: 'element', name: 'listItem', children: [p(t('dati del servizio sociale'))] },
    ],
  },
];

function rich(doc: Y.Doc, cardId: string, field: RichTextField, json: RichTextJSON): void {
  const fragment = getCardRichText(doc, cardId, field);
  if (!fragment) throw new Error(`no field ${field}`);
  setRichTextJSON(fragment, json);
}

export function makePercorso(): Y.Doc {
  const doc = new Y.Doc();
  initPercorsoBoard(doc, { title: 'Piano di Zona 2026–2028' });
  setPercorsoInfo(doc, { ente: 'Comune di Lodi', ambito: 'Ambito di Lodi', fase: 'istruttoria' });
  setRichTextJSON(
    getRequisitoRichText(doc, 'oggetto'),
    plainTextToRichJSON('Co-programmazione dei servizi per la domiciliarità'),
  );
  setRichTextJSON(
    getPercorsoRichText(doc, 'visione'),
    plainTextToRichJSON('Un welfare generativo e di comunità.'),
  );
  setRichTextJSON(
    getPercorsoRichText(doc, 'obiettivoGenerale'),
    plainTextToRichJSON('Vivere a casa propria più a lungo.'),
  );
  riferimenti.add(doc, {
    id: 'rif1',
    createdAt: 1,
    titolo: 'D.Lgs. 117/2017, art. 55',
    tipo: 'normativo',
    link: 'https://www.normattiva.it/',
  });
  ruoli.add(doc, {
    id: 'ruolo1',
    createdAt: 1,
    ente: 'Cooperativa Sole',
    ruolo: 'ETS gestore',
    contributo: 'operatori e spazi',
  });
  oggetti.add(doc, {
    id: 'ogg1',
    createdAt: 1,
    titolo: 'Domiciliarità degli anziani',
    criterio: 'ridurre la frammentazione',
    descrizione: '',
  });
  snodi.add(doc, {
    id: 'snodo1',
    createdAt: 1,
    tipo: 'tavolo',
    titolo: 'Tavolo anziani',
    oggettoId: 'ogg1',
    boardId: 'board-anziani',
  });
  tappe.add(doc, {
    id: 'tappa1',
    createdAt: 1,
    titolo: 'Prima sessione',
    tipo: 'sessione',
    data: '2026-03-14',
    snodoId: 'snodo1',
  });
  return doc;
}

/** The tavolo: two esigenze, two obiettivi, one linea; rich text, links, votes, contributi. */
export function makeSnodo(percorso: Y.Doc = makePercorso()): Y.Doc {
  const doc = new Y.Doc();
  initSnodoBoard(doc, { title: 'Tavolo anziani' });
  const context = buildSnodoContext(percorso, 'percorso-board', 'snodo1');
  if (context) setSnodoContext(doc, context);
  fillSnodo(doc);
  return doc;
}

/** Adds the tavolo's cards to an existing snodo board. */
export function fillSnodo(doc: Y.Doc): void {
  const e1 = addCard(doc, 'esigenza', {
    id: 'e1',
    createdAt: T0,
    title: 'Solitudine degli anziani, "soli" a casa',
  });
  rich(doc, e1, 'personale', RICH_PERSONALE);
  rich(doc, e1, 'fonti', RICH_FONTI);
  rich(doc, e1, 'coinvolti', plainTextToRichJSON('anziani over 75, caregiver'));
  setCardVoteResult(doc, e1, 'round-a', 3);
  setCardVoteResult(doc, e1, 'round-b', 2);
  const e2 = addCard(doc, 'esigenza', {
    id: 'e2',
    createdAt: T0 + 1,
    title: 'Mancano posti al centro diurno',
  });
  const o1 = addCard(doc, 'obiettivo', {
    id: 'o1',
    createdAt: T0 + 2,
    title: 'Ridurre l’isolamento, entro 2 anni',
  });
  rich(doc, o1, 'cambiamento', plainTextToRichJSON('Più anziani con una rete di vicinato attiva'));
  setObiettivoText(
    doc,
    o1,
    'indicatore',
    'quota di anziani soli con almeno 2 contatti a settimana',
  );
  setObiettivoText(doc, o1, 'orizzonte', '2028');
  setObiettivoChecklistItem(doc, o1, 'cambiamento', true);
  setObiettivoChecklistItem(doc, o1, 'esigenze', true);
  linkCards(doc, o1, e1, 1);
  linkCards(doc, o1, e2, 2);
  setCardVoteResult(doc, o1, 'round-a', 1);
  const o2 = addCard(doc, 'obiettivo', { id: 'o2', createdAt: T0 + 3, title: 'Organizzare feste' });
  const l1 = addCard(doc, 'lineaStrategica', {
    id: 'l1',
    createdAt: T0 + 4,
    title: 'Portierato sociale di quartiere',
  });
  rich(doc, l1, 'enunciato', plainTextToRichJSON('Un presidio di prossimità, con i condomini.'));
  linkCards(doc, l1, o1, 1);
  addContributo(doc, l1, {
    id: 'c1',
    createdAt: T0,
    ente: 'Cooperativa Sole',
    tipo: 'persone',
    descrizione: 'due operatori, 10 ore a settimana',
  });
  addContributo(doc, l1, {
    id: 'c2',
    createdAt: T0 + 1,
    ente: 'Comune di Lodi',
    tipo: 'luoghi',
    descrizione: 'sala civica',
  });
  void o2;
}

export function entry(
  seq: number,
  minutes: number,
  event: VerbaleEvent,
  boardId = 'board-anziani',
): VerbaleEntry {
  return { seq, boardId, at: T0 + minutes * 60_000, actor: null, event };
}

export const VERBALE: VerbaleEntry[] = [
  entry(1, 0, { type: 'sessionOpened', session: 1, title: 'Sessione 1' }),
  entry(2, 1, { type: 'joined', name: 'Anna Rossi', ente: 'Comune di Lodi', role: 'facilitatore' }),
  entry(3, 2, {
    type: 'joined',
    name: 'Marco Bianchi',
    ente: 'Cooperativa Sole',
    role: 'referente',
  }),
  entry(4, 3, {
    type: 'joined',
    name: 'Giulia Verdi',
    ente: 'Cooperativa Sole',
    role: 'partecipante',
  }),
  entry(5, 10, { type: 'focusChanged', step: 7 }),
  entry(6, 40, { type: 'voteOpened', lane: 'esigenza' }),
  entry(7, 50, { type: 'voteClosed', lane: 'esigenza' }),
  entry(8, 90, {
    type: 'snapshotTaken',
    snapshotId: 's1',
    name: 'Sessione 1 — 14 marzo',
    auto: true,
  }),
  entry(9, 90, { type: 'sessionClosed', session: 1 }),
];

export interface Fixture {
  percorso: PercorsoBoardJSON;
  board: SnodoBoardJSON;
}

export function fixture(): Fixture {
  const percorsoDoc = makePercorso();
  return { percorso: percorsoToJSON(percorsoDoc), board: snodoToJSON(makeSnodo(percorsoDoc)) };
}

/** A board of `n` cards (a third of each kind), linked and voted, for timing. */
export function bigBoard(n: number): SnodoBoardJSON {
  const doc = new Y.Doc();
  initSnodoBoard(doc, { title: 'Tavolo grande' });
  setBoardTitle(doc, 'Tavolo grande');
  const per = Math.floor(n / 3);
  for (let i = 0; i < per; i++) {
    const e = addCard(doc, 'esigenza', {
      id: `e${i}`,
      createdAt: i,
      title: `Esigenza ${i}, con "virgolette"`,
    });
    rich(doc, e, 'personale', RICH_PERSONALE);
    rich(doc, e, 'fonti', RICH_FONTI);
    setCardVoteResult(doc, e, 'v', (i % 10) + 1);
    const o = addCard(doc, 'obiettivo', { id: `o${i}`, createdAt: i, title: `Obiettivo ${i}` });
    rich(doc, o, 'cambiamento', plainTextToRichJSON(`Cambiamento ${i}\nsu due righe`));
    linkCards(doc, o, e, 1);
    const l = addCard(doc, 'lineaStrategica', { id: `l${i}`, createdAt: i, title: `Linea ${i}` });
    linkCards(doc, l, o, 1);
    addContributo(doc, l, {
      id: `c${i}`,
      createdAt: i,
      ente: `Ente ${i % 7}`,
      tipo: 'tempo',
      descrizione: 'ore',
    });
  }
  return snodoToJSON(doc);
}
