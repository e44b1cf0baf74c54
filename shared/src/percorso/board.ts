import type * as Y from 'yjs';
import { initBoardMeta, metaMap } from '../board/meta.js';
import {
  DEFAULT_MANDATE,
  type Mandate,
  type SnodoContext,
  snodoContextSchema,
} from '../mandate.js';
import { FASI, type Fase, REQUISITI_IDS, type RequisitoId } from '../method.js';
import { PERCORSO_SCHEMA_VERSION } from './migrations.js';
import { oggetti } from './oggetto.js';
import { mandateTemplate, snodi } from './snodoRecord.js';

/**
 * The percorso board: one Y.Doc per co-programmazione process, holding the procedure's data
 * (ente, ambito, fase, the avviso's requisiti minimi) and steps 1–6. Long texts are root
 * Y.XmlFragments named `text.<field>` / `avviso.<requisito>`: root types are created by name
 * on every peer, so no two peers can create competing fragments for one field ([P1]).
 */

export const PERCORSO_RICH_FIELDS = [
  /** Step 1: the vision of welfare and its scientific and normative foundation. */
  'visione',
  /** Step 2. */
  'obiettivoGenerale',
  /** Step 3: what is asked of participants to take a communityholder position. */
  'requisitiRuolo',
  /** Step 3: the arrangement in which roles are exercised. */
  'assetto',
  /** Step 6: who governs the process. */
  'governance',
  /** Step 6: tools and methods. */
  'strumenti',
] as const;
export type PercorsoRichField = (typeof PERCORSO_RICH_FIELDS)[number];

export function getPercorsoRichText(doc: Y.Doc, field: PercorsoRichField): Y.XmlFragment {
  if (!(PERCORSO_RICH_FIELDS as readonly string[]).includes(field)) {
    throw new RangeError(`unknown percorso field ${field}`);
  }
  return doc.getXmlFragment(`text.${field}`);
}

/** The text of one requisito minimo a)–e) of the avviso. */
export function getRequisitoRichText(doc: Y.Doc, requisito: RequisitoId): Y.XmlFragment {
  if (!(REQUISITI_IDS as readonly string[]).includes(requisito)) {
    throw new RangeError(`unknown requisito ${requisito}`);
  }
  return doc.getXmlFragment(`avviso.${requisito}`);
}

/**
 * [B1] Like initSnodoBoard. A fresh percorso also gets the default mandate template, written
 * with fixed ids and times so that peers seeding concurrently write identical records.
 */
export function initPercorsoBoard(doc: Y.Doc, init: { title?: string } = {}): void {
  doc.transact(() => {
    const fresh = metaMap(doc).get('kind') === undefined;
    initBoardMeta(doc, 'percorso', PERCORSO_SCHEMA_VERSION, init.title);
    if (fresh && mandateTemplate.list(doc).length === 0) {
      DEFAULT_MANDATE.requirements.forEach((requirement, index) => {
        const { id, output, min, note } = requirement;
        mandateTemplate.add(doc, { id, output, min, note, createdAt: index });
      });
    }
    if (metaMap(doc).get('fase') === undefined) metaMap(doc).set('fase', FASI[0]);
  });
}

export interface PercorsoInfo {
  /** The administration leading the process (Comune, Ambito territoriale, ASST…). */
  ente: string;
  /** The territorial or policy scope. */
  ambito: string;
  fase: Fase;
}

function isFase(value: unknown): value is Fase {
  return (FASI as readonly unknown[]).includes(value);
}

export function getPercorsoInfo(doc: Y.Doc): PercorsoInfo {
  const meta = metaMap(doc);
  const ente = meta.get('ente');
  const ambito = meta.get('ambito');
  const fase = meta.get('fase');
  return {
    ente: typeof ente === 'string' ? ente : '',
    ambito: typeof ambito === 'string' ? ambito : '',
    fase: isFase(fase) ? fase : FASI[0],
  };
}

export const MAX_INFO_LENGTH = 300;

export function setPercorsoInfo(doc: Y.Doc, patch: Partial<PercorsoInfo>): void {
  if (patch.fase !== undefined && !isFase(patch.fase)) {
    throw new RangeError(`unknown fase ${patch.fase}`);
  }
  doc.transact(() => {
    const meta = metaMap(doc);
    if (patch.ente !== undefined) meta.set('ente', patch.ente.trim().slice(0, MAX_INFO_LENGTH));
    if (patch.ambito !== undefined) {
      meta.set('ambito', patch.ambito.trim().slice(0, MAX_INFO_LENGTH));
    }
    if (patch.fase !== undefined) meta.set('fase', patch.fase);
  });
}

/** [P3] The mandate every snodo shares, in template order. */
export function getMandate(doc: Y.Doc): Mandate {
  return {
    requirements: mandateTemplate
      .list(doc)
      .map(({ id, output, min, note }) => ({ id, output, min, note })),
  };
}

/**
 * The context to copy onto a snodo's board (see setSnodoContext): undefined if the snodo is
 * not on this percorso.
 */
export function buildSnodoContext(
  doc: Y.Doc,
  percorsoBoardId: string,
  snodoId: string,
): SnodoContext | undefined {
  const snodo = snodi.get(doc, snodoId);
  if (snodo === undefined) return undefined;
  const oggetto = snodo.oggettoId === undefined ? undefined : oggetti.get(doc, snodo.oggettoId);
  return snodoContextSchema.parse({
    percorsoBoardId,
    snodoId,
    tipo: snodo.tipo,
    oggetto: oggetto?.titolo ?? '',
    mandate: getMandate(doc),
  });
}
