import * as Y from 'yjs';
import { z } from 'zod';
import type { Collection } from '../board/collection.js';
import {
  BoardKindError,
  getBoardKind,
  getBoardTitle,
  MAX_TITLE_LENGTH,
  setBoardTitle,
} from '../board/meta.js';
import { FASI, REQUISITI_IDS, type RequisitoId } from '../method.js';
import { type RichTextJSON, richTextSchema, richTextToJSON, setRichTextJSON } from '../richText.js';
import { recordIdSchema } from '../snodo/card.js';
import {
  getPercorsoInfo,
  getPercorsoRichText,
  getRequisitoRichText,
  initPercorsoBoard,
  MAX_INFO_LENGTH,
  PERCORSO_RICH_FIELDS,
  type PercorsoRichField,
  setPercorsoInfo,
} from './board.js';
import { PERCORSO_SCHEMA_VERSION } from './migrations.js';
import { oggetti, oggettoSchema } from './oggetto.js';
import { riferimenti, riferimentoSchema } from './riferimento.js';
import { ruoli, ruoloSchema } from './ruolo.js';
import {
  mandateRequirementFieldsSchema,
  mandateTemplate,
  snodi,
  snodoRecordSchema,
} from './snodoRecord.js';
import { tappaSchema, tappe } from './tappa.js';

/** The plain (JSON) form of a percorso board, for export, import and the HTTP API. */

const recordMeta = { id: recordIdSchema, createdAt: z.number().finite() };

function textRecord<K extends string>(keys: readonly K[]) {
  return z.strictObject(
    Object.fromEntries(keys.map((key) => [key, richTextSchema])) as Record<
      K,
      typeof richTextSchema
    >,
  );
}

export const percorsoBoardJSONSchema = z
  .strictObject({
    kind: z.literal('percorso'),
    schemaVersion: z.literal(PERCORSO_SCHEMA_VERSION),
    title: z.string().max(MAX_TITLE_LENGTH),
    ente: z.string().max(MAX_INFO_LENGTH),
    ambito: z.string().max(MAX_INFO_LENGTH),
    fase: z.enum(FASI),
    avviso: textRecord(REQUISITI_IDS),
    text: textRecord(PERCORSO_RICH_FIELDS),
    riferimenti: z.array(riferimentoSchema.extend(recordMeta).strict()),
    ruoli: z.array(ruoloSchema.extend(recordMeta).strict()),
    oggetti: z.array(oggettoSchema.extend(recordMeta).strict()),
    mandate: z.array(mandateRequirementFieldsSchema.extend(recordMeta).strict()),
    snodi: z.array(snodoRecordSchema.extend(recordMeta).strict()),
    tappe: z.array(tappaSchema.extend(recordMeta).strict()),
  })
  .superRefine((board, ctx) => {
    for (const key of ['riferimenti', 'ruoli', 'oggetti', 'mandate', 'snodi', 'tappe'] as const) {
      const ids = board[key].map((record) => record.id);
      if (new Set(ids).size !== ids.length) {
        ctx.addIssue({ code: 'custom', message: `duplicate id in ${key}` });
      }
    }
  });
export type PercorsoBoardJSON = z.infer<typeof percorsoBoardJSONSchema>;

const COLLECTIONS = { riferimenti, ruoli, oggetti, mandate: mandateTemplate, snodi, tappe };

function listPlain<S extends z.ZodObject>(doc: Y.Doc, collection: Collection<S>) {
  return collection.list(doc).map((record) => ({ ...record }));
}

export function percorsoToJSON(doc: Y.Doc): PercorsoBoardJSON {
  const kind = getBoardKind(doc);
  if (kind !== 'percorso') throw new BoardKindError('percorso', kind);
  const avviso = {} as Record<RequisitoId, RichTextJSON>;
  for (const id of REQUISITI_IDS) avviso[id] = richTextToJSON(getRequisitoRichText(doc, id));
  const text = {} as Record<PercorsoRichField, RichTextJSON>;
  for (const field of PERCORSO_RICH_FIELDS) {
    text[field] = richTextToJSON(getPercorsoRichText(doc, field));
  }
  return {
    kind: 'percorso',
    schemaVersion: PERCORSO_SCHEMA_VERSION,
    title: getBoardTitle(doc),
    ...getPercorsoInfo(doc),
    avviso,
    text,
    riferimenti: listPlain(doc, riferimenti),
    ruoli: listPlain(doc, ruoli),
    oggetti: listPlain(doc, oggetti),
    mandate: listPlain(doc, mandateTemplate),
    snodi: listPlain(doc, snodi),
    tappe: listPlain(doc, tappe),
  };
}

/** Writes a validated percorso JSON into an empty document, in one transaction. */
export function percorsoFromJSON(json: unknown, doc: Y.Doc = new Y.Doc()): Y.Doc {
  const board = percorsoBoardJSONSchema.parse(json);
  if (getBoardKind(doc) !== undefined) {
    throw new Error('percorsoFromJSON writes into an empty document');
  }
  doc.transact(() => {
    initPercorsoBoard(doc);
    // The JSON's mandate replaces the default template init wrote.
    for (const { id } of mandateTemplate.list(doc)) mandateTemplate.remove(doc, id);
    setBoardTitle(doc, board.title);
    setPercorsoInfo(doc, { ente: board.ente, ambito: board.ambito, fase: board.fase });
    for (const id of REQUISITI_IDS)
      setRichTextJSON(getRequisitoRichText(doc, id), board.avviso[id]);
    for (const field of PERCORSO_RICH_FIELDS) {
      setRichTextJSON(getPercorsoRichText(doc, field), board.text[field]);
    }
    for (const key of Object.keys(COLLECTIONS) as Array<keyof typeof COLLECTIONS>) {
      const collection = COLLECTIONS[key] as Collection<z.ZodObject>;
      for (const record of board[key]) collection.add(doc, record);
    }
  });
  return doc;
}
