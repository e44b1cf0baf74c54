import * as Y from 'yjs';
import { z } from 'zod';
import { randomId } from '../ids.js';
import { richTextSchema } from '../richText.js';
import {
  type CardMap,
  cardBaseJSONSchema,
  readNumber,
  readString,
  readYMap,
  recordIdSchema,
  requireCard,
} from './card.js';

/**
 * Linea strategica (step 9): a line of intervention that develops one or more obiettivi
 * (links, see `links.ts`), with the contributi of the communityholders: which ente
 * contributes what — people, places, time, skills, money — rather than what it asks for.
 */

export const LINEA_RICH_FIELDS = ['enunciato'] as const;
export type LineaRichField = (typeof LINEA_RICH_FIELDS)[number];

/** Cards linked from a linea strategica: the obiettivi it develops (card id → time linked). */
export const LINEA_LINKS = 'obiettivi';
/** Contributi: contributo id → Y.Map of ContributoKey. */
export const LINEA_CONTRIBUTI = 'contributi';

export const CONTRIBUTO_TIPI = [
  'persone',
  'luoghi',
  'tempo',
  'competenze',
  'risorseEconomiche',
] as const;
export type ContributoTipo = (typeof CONTRIBUTO_TIPI)[number];

export function isContributoTipo(value: unknown): value is ContributoTipo {
  return (CONTRIBUTO_TIPI as readonly unknown[]).includes(value);
}

export const MAX_ENTE_LENGTH = 200;
export const MAX_DESCRIZIONE_LENGTH = 1000;

export interface Contributo {
  id: string;
  /** The contributing ente (PA office, ETS, group of citizens), as written by the table. */
  ente: string;
  tipo: ContributoTipo;
  descrizione: string;
  createdAt: number;
}

export const contributoJSONSchema = z.strictObject({
  id: recordIdSchema,
  ente: z.string().max(MAX_ENTE_LENGTH),
  tipo: z.enum(CONTRIBUTO_TIPI),
  descrizione: z.string().max(MAX_DESCRIZIONE_LENGTH),
  createdAt: z.number().finite(),
});

export const lineaStrategicaJSONSchema = cardBaseJSONSchema.extend({
  kind: z.literal('lineaStrategica'),
  enunciato: richTextSchema,
  /** The obiettivi it develops, in link order. */
  obiettivi: z.array(recordIdSchema),
  contributi: z.array(contributoJSONSchema),
});
export type LineaStrategicaJSON = z.infer<typeof lineaStrategicaJSONSchema>;

export function initLineaFields(card: CardMap): void {
  for (const field of LINEA_RICH_FIELDS) card.set(field, new Y.XmlFragment());
  card.set(LINEA_LINKS, new Y.Map<number>());
  card.set(LINEA_CONTRIBUTI, new Y.Map<Y.Map<unknown>>());
}

function contributiOf(doc: Y.Doc, cardId: string): Y.Map<Y.Map<unknown>> {
  const contributi = readYMap<Y.Map<unknown>>(
    requireCard(doc, cardId, 'lineaStrategica'),
    LINEA_CONTRIBUTI,
  );
  if (contributi === undefined) throw new Error(`linea strategica ${cardId} has no contributi`);
  return contributi;
}

function readContributo(id: string, map: Y.Map<unknown>): Contributo | undefined {
  const tipo = map.get('tipo');
  if (!(map instanceof Y.Map) || !isContributoTipo(tipo)) return undefined;
  return {
    id,
    ente: readString(map, 'ente'),
    tipo,
    descrizione: readString(map, 'descrizione'),
    createdAt: readNumber(map, 'createdAt'),
  };
}

/** [C10] Contributi are listed by creation time, then id. */
export function listContributi(doc: Y.Doc, cardId: string): readonly Contributo[] {
  const list: Contributo[] = [];
  for (const [id, map] of contributiOf(doc, cardId)) {
    const contributo = readContributo(id, map);
    if (contributo !== undefined) list.push(contributo);
  }
  return list.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
}

export interface ContributoInit {
  ente: string;
  tipo: ContributoTipo;
  descrizione?: string;
  /** For imports and deterministic tests; a fresh random id otherwise. */
  id?: string;
  createdAt?: number;
}

export function addContributo(doc: Y.Doc, cardId: string, init: ContributoInit): string {
  if (!isContributoTipo(init.tipo)) throw new RangeError(`unknown contributo tipo ${init.tipo}`);
  const id = init.id ?? randomId();
  doc.transact(() => {
    const contributi = contributiOf(doc, cardId);
    if (contributi.has(id)) throw new Error(`contributo ${id} already exists`);
    const map = new Y.Map<unknown>();
    map.set('ente', init.ente.trim().slice(0, MAX_ENTE_LENGTH));
    map.set('tipo', init.tipo);
    map.set('descrizione', (init.descrizione ?? '').trim().slice(0, MAX_DESCRIZIONE_LENGTH));
    map.set('createdAt', init.createdAt ?? Date.now());
    contributi.set(id, map);
  });
  return id;
}

export function updateContributo(
  doc: Y.Doc,
  cardId: string,
  contributoId: string,
  patch: { ente?: string; tipo?: ContributoTipo; descrizione?: string },
): void {
  if (patch.tipo !== undefined && !isContributoTipo(patch.tipo)) {
    throw new RangeError(`unknown contributo tipo ${patch.tipo}`);
  }
  doc.transact(() => {
    const map = contributiOf(doc, cardId).get(contributoId);
    if (map === undefined) throw new Error(`no contributo ${contributoId} on ${cardId}`);
    // Field by field, so two people editing ente and descrizione at once both win.
    if (patch.ente !== undefined) map.set('ente', patch.ente.trim().slice(0, MAX_ENTE_LENGTH));
    if (patch.tipo !== undefined) map.set('tipo', patch.tipo);
    if (patch.descrizione !== undefined) {
      map.set('descrizione', patch.descrizione.trim().slice(0, MAX_DESCRIZIONE_LENGTH));
    }
  });
}

export function deleteContributo(doc: Y.Doc, cardId: string, contributoId: string): void {
  doc.transact(() => {
    contributiOf(doc, cardId).delete(contributoId);
  });
}
