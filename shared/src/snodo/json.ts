import * as Y from 'yjs';
import { z } from 'zod';
import {
  BoardKindError,
  getBoardKind,
  getBoardTitle,
  MAX_TITLE_LENGTH,
  setBoardTitle,
} from '../board/meta.js';
import { snodoContextSchema } from '../mandate.js';
import { richTextToJSON, setRichTextJSON } from '../richText.js';
import { getSnodoContext, initSnodoBoard, setSnodoContext } from './board.js';
import {
  cardsMap,
  getCardMap,
  positionSchema,
  readString,
  recordIdSchema,
  sizeSchema,
} from './card.js';
import {
  addCard,
  type CardSummary,
  getCardLayout,
  getCardRichText,
  getCardVotes,
  listAllCards,
  type RichTextField,
  setCardVoteResult,
} from './cards.js';
import { ESIGENZA_RICH_FIELDS, type EsigenzaJSON, esigenzaJSONSchema } from './esigenza.js';
import { addGroup, getCardGroupId, listGroups, setCardGroup } from './groups.js';
import {
  addContributo,
  LINEA_RICH_FIELDS,
  type LineaStrategicaJSON,
  lineaStrategicaJSONSchema,
  listContributi,
} from './lineaStrategica.js';
import { getLinkedIds, linkCards } from './links.js';
import { SNODO_SCHEMA_VERSION } from './migrations.js';
import {
  getObiettivoChecklist,
  OBIETTIVO_CHECKLIST_IDS,
  OBIETTIVO_RICH_FIELDS,
  OBIETTIVO_TEXT_FIELDS,
  type ObiettivoJSON,
  obiettivoJSONSchema,
  setObiettivoChecklistItem,
  setObiettivoText,
} from './obiettivo.js';
import { votazioneSchema, votazioni } from './votazione.js';

/**
 * The plain (JSON) form of a snodo board, for export, import and the HTTP API. It is what
 * readers see: dangling links and stale group ids are left out ([L3], [G2]); cards in step
 * order, then creation order; link order kept.
 */

export const cardJSONSchema = z.discriminatedUnion('kind', [
  esigenzaJSONSchema,
  obiettivoJSONSchema,
  lineaStrategicaJSONSchema,
]);
export type CardJSON = z.infer<typeof cardJSONSchema>;

export const groupJSONSchema = z.strictObject({
  id: recordIdSchema,
  title: z.string().max(MAX_TITLE_LENGTH),
  createdAt: z.number().finite(),
  pos: positionSchema.optional(),
  size: sizeSchema.optional(),
});
export type GroupJSON = z.infer<typeof groupJSONSchema>;

export const votazioneJSONSchema = z.strictObject({
  ...votazioneSchema.shape,
  id: recordIdSchema,
  createdAt: z.number().finite(),
});
export type VotazioneJSON = z.infer<typeof votazioneJSONSchema>;

/** [J2] Besides field shapes: unique ids, links to live cards of the right kind, live groups. */
export const snodoBoardJSONSchema = z
  .strictObject({
    kind: z.literal('snodo'),
    schemaVersion: z.literal(SNODO_SCHEMA_VERSION),
    title: z.string().max(MAX_TITLE_LENGTH),
    context: snodoContextSchema.optional(),
    cards: z.array(cardJSONSchema),
    groups: z.array(groupJSONSchema),
    /** Dot votes with their revealed tallies; never anyone's own ballot. */
    votazioni: z.array(votazioneJSONSchema).default([]),
  })
  .superRefine((board, ctx) => {
    const kinds = new Map<string, string>();
    for (const card of board.cards) {
      if (kinds.has(card.id))
        ctx.addIssue({ code: 'custom', message: `duplicate card id ${card.id}` });
      kinds.set(card.id, card.kind);
    }
    const groupIds = new Set(board.groups.map((g) => g.id));
    if (groupIds.size !== board.groups.length)
      ctx.addIssue({ code: 'custom', message: 'duplicate group id' });
    for (const card of board.cards) {
      const targets =
        card.kind === 'obiettivo'
          ? card.esigenze
          : card.kind === 'lineaStrategica'
            ? card.obiettivi
            : [];
      const targetKind = card.kind === 'obiettivo' ? 'esigenza' : 'obiettivo';
      for (const target of targets) {
        if (kinds.get(target) !== targetKind) {
          ctx.addIssue({
            code: 'custom',
            message: `card ${card.id} links to ${target}, not a ${targetKind}`,
          });
        }
      }
      if (new Set(targets).size !== targets.length) {
        ctx.addIssue({ code: 'custom', message: `card ${card.id} links a card twice` });
      }
      if (card.group !== undefined && !groupIds.has(card.group)) {
        ctx.addIssue({
          code: 'custom',
          message: `card ${card.id} is in unknown group ${card.group}`,
        });
      }
    }
  });
export type SnodoBoardJSON = z.infer<typeof snodoBoardJSONSchema>;

function richFields<F extends RichTextField>(doc: Y.Doc, id: string, fields: readonly F[]) {
  const out = {} as Record<F, ReturnType<typeof richTextToJSON>>;
  for (const field of fields) {
    const fragment = getCardRichText(doc, id, field);
    out[field] = fragment === undefined ? [] : richTextToJSON(fragment);
  }
  return out;
}

function cardToJSON(doc: Y.Doc, summary: CardSummary): CardJSON {
  const { id, title, createdAt } = summary;
  const { pos, size } = getCardLayout(doc, id);
  const group = getCardGroupId(doc, id);
  const base = {
    id,
    title,
    createdAt,
    ...(pos && { pos }),
    ...(size && { size }),
    ...(group !== undefined && { group }),
    votes: { ...getCardVotes(doc, id).byVotazione },
  };
  const card = getCardMap(doc, id);
  if (summary.kind === 'esigenza') {
    return {
      ...base,
      kind: 'esigenza',
      ...richFields(doc, id, ESIGENZA_RICH_FIELDS),
    } satisfies EsigenzaJSON;
  }
  if (summary.kind === 'obiettivo') {
    const checklist = getObiettivoChecklist(doc, id);
    return {
      ...base,
      kind: 'obiettivo',
      ...richFields(doc, id, OBIETTIVO_RICH_FIELDS),
      indicatore: card ? readString(card, 'indicatore') : '',
      orizzonte: card ? readString(card, 'orizzonte') : '',
      esigenze: [...getLinkedIds(doc, id)],
      checklist: OBIETTIVO_CHECKLIST_IDS.filter((item) => checklist[item]),
    } satisfies ObiettivoJSON;
  }
  return {
    ...base,
    kind: 'lineaStrategica',
    ...richFields(doc, id, LINEA_RICH_FIELDS),
    obiettivi: [...getLinkedIds(doc, id)],
    contributi: listContributi(doc, id).map((c) => ({ ...c })),
  } satisfies LineaStrategicaJSON;
}

export function snodoToJSON(doc: Y.Doc): SnodoBoardJSON {
  const kind = getBoardKind(doc);
  if (kind !== 'snodo') throw new BoardKindError('snodo', kind);
  const context = getSnodoContext(doc);
  return {
    kind: 'snodo',
    schemaVersion: SNODO_SCHEMA_VERSION,
    title: getBoardTitle(doc),
    ...(context && { context }),
    cards: listAllCards(doc).map((summary) => cardToJSON(doc, summary)),
    groups: listGroups(doc).map(({ id, title, createdAt, pos, size }) => ({
      id,
      title,
      createdAt,
      ...(pos && { pos }),
      ...(size && { size }),
    })),
    votazioni: votazioni.list(doc).map((v) => ({ ...v })),
  };
}

/**
 * Writes a card of the plain form into the board under its own id, every field but its group
 * and links (which may name cards written later). Used by `snodoFromJSON` and restore.
 */
export function writeCardJSON(doc: Y.Doc, card: CardJSON): void {
  const { id, title, createdAt, pos, size } = card;
  addCard(doc, card.kind, { id, title, createdAt, ...(pos && { pos }), ...(size && { size }) });
  for (const [votazione, dots] of Object.entries(card.votes)) {
    setCardVoteResult(doc, id, votazione, dots);
  }
  const rich = (fields: readonly RichTextField[]) => {
    for (const field of fields) {
      const fragment = getCardRichText(doc, id, field);
      const value = (card as Record<string, unknown>)[field];
      if (fragment && Array.isArray(value)) setRichTextJSON(fragment, value);
    }
  };
  if (card.kind === 'esigenza') rich(ESIGENZA_RICH_FIELDS);
  else if (card.kind === 'obiettivo') {
    rich(OBIETTIVO_RICH_FIELDS);
    for (const field of OBIETTIVO_TEXT_FIELDS) setObiettivoText(doc, id, field, card[field]);
    for (const item of card.checklist) setObiettivoChecklistItem(doc, id, item, true);
  } else {
    rich(LINEA_RICH_FIELDS);
    for (const contributo of card.contributi) addContributo(doc, id, contributo);
  }
}

/**
 * Writes a validated snodo JSON into an empty document, in one transaction. Link times are
 * their positions in the JSON lists, which keeps link order — the only thing readers see.
 * Text is normalised as the accessors do (trimmed, cut), so `snodoToJSON(snodoFromJSON(j))`
 * equals `j` for any `j` that `snodoToJSON` produced.
 */
export function snodoFromJSON(json: unknown, doc: Y.Doc = new Y.Doc()): Y.Doc {
  const board = snodoBoardJSONSchema.parse(json);
  if (getBoardKind(doc) !== undefined || cardsMap(doc).size > 0) {
    throw new Error('snodoFromJSON writes into an empty document');
  }
  doc.transact(() => {
    initSnodoBoard(doc);
    setBoardTitle(doc, board.title);
    if (board.context) setSnodoContext(doc, board.context);
    for (const group of board.groups) addGroup(doc, group);
    for (const card of board.cards) {
      writeCardJSON(doc, card);
      if (card.group !== undefined) setCardGroup(doc, card.id, card.group);
    }
    for (const votazione of board.votazioni) votazioni.add(doc, votazione);
    // Links last: their targets may come later in the list.
    for (const card of board.cards) {
      const targets =
        card.kind === 'obiettivo'
          ? card.esigenze
          : card.kind === 'lineaStrategica'
            ? card.obiettivi
            : [];
      for (const [index, target] of targets.entries()) linkCards(doc, card.id, target, index);
    }
  });
  return doc;
}
