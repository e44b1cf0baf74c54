import * as Y from 'yjs';
import { cleanLabel } from '../board/meta.js';
import { randomId } from '../ids.js';
import {
  CARD_KINDS,
  CardKey,
  type CardKind,
  cardKindOf,
  cardsMap,
  getCardMap,
  isCardKind,
  MAX_DOTS_PER_CARD,
  type Position,
  positionSchema,
  readFragment,
  readNumber,
  readString,
  readYMap,
  requireCard,
  type Size,
  sizeSchema,
} from './card.js';
import { ESIGENZA_RICH_FIELDS, type EsigenzaRichField, initEsigenzaFields } from './esigenza.js';
import { initLineaFields, LINEA_RICH_FIELDS, type LineaRichField } from './lineaStrategica.js';
import { removeLinksTo } from './links.js';
import {
  initObiettivoFields,
  OBIETTIVO_RICH_FIELDS,
  type ObiettivoRichField,
} from './obiettivo.js';

/** Card-level accessors shared by the three kinds: create, delete, title, canvas, votes. */

export interface CardSummary {
  id: string;
  kind: CardKind;
  title: string;
  createdAt: number;
}

export type RichTextField = EsigenzaRichField | ObiettivoRichField | LineaRichField;

const RICH_FIELDS: Readonly<Record<CardKind, readonly RichTextField[]>> = {
  esigenza: ESIGENZA_RICH_FIELDS,
  obiettivo: OBIETTIVO_RICH_FIELDS,
  lineaStrategica: LINEA_RICH_FIELDS,
};

/** [C3] The rich-text fields of a kind, in display order. */
export function cardRichTextFields(kind: CardKind): readonly RichTextField[] {
  return RICH_FIELDS[kind];
}

export interface CardInit {
  title?: string;
  /** For imports and deterministic tests; a fresh random id otherwise. */
  id?: string;
  createdAt?: number;
  pos?: Position;
  size?: Size;
}

/**
 * [C1] Creates a card with every field of its kind in one transaction (rich-text fragments
 * included), so no reader ever sees a half-made card. Returns its id.
 */
export function addCard(doc: Y.Doc, kind: CardKind, init: CardInit = {}): string {
  if (!isCardKind(kind)) throw new RangeError(`unknown card kind ${String(kind)}`);
  const id = init.id ?? randomId();
  doc.transact(() => {
    if (cardsMap(doc).has(id)) throw new Error(`card ${id} already exists`);
    const card = new Y.Map<unknown>();
    card.set(CardKey.kind, kind);
    card.set(CardKey.createdAt, init.createdAt ?? Date.now());
    card.set(CardKey.title, cleanLabel(init.title ?? ''));
    if (init.pos !== undefined) card.set(CardKey.pos, positionSchema.parse(init.pos));
    if (init.size !== undefined) card.set(CardKey.size, sizeSchema.parse(init.size));
    card.set(CardKey.votes, new Y.Map<number>());
    if (kind === 'esigenza') initEsigenzaFields(card);
    else if (kind === 'obiettivo') initObiettivoFields(card);
    else initLineaFields(card);
    cardsMap(doc).set(id, card);
  });
  return id;
}

/** [C2] Deletes a card and, in the same transaction, every link pointing to it. No-op if gone. */
export function deleteCard(doc: Y.Doc, cardId: string): void {
  doc.transact(() => {
    if (!cardsMap(doc).has(cardId)) return;
    cardsMap(doc).delete(cardId);
    removeLinksTo(doc, cardId);
  });
}

export function setCardTitle(doc: Y.Doc, cardId: string, title: string): void {
  doc.transact(() => {
    const card = requireCard(doc, cardId);
    const clean = cleanLabel(title);
    if (readString(card, CardKey.title) !== clean) card.set(CardKey.title, clean);
  });
}

export function getCardSummary(doc: Y.Doc, cardId: string): CardSummary | undefined {
  const card = getCardMap(doc, cardId);
  const kind = card && cardKindOf(card);
  if (card === undefined || kind === undefined) return undefined;
  return {
    id: cardId,
    kind,
    title: readString(card, CardKey.title),
    createdAt: readNumber(card, CardKey.createdAt),
  };
}

export function compareCards(a: CardSummary, b: CardSummary): number {
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** [C4] The cards of one kind, ordered by creation time, then id: the same on every peer. */
export function listCards(doc: Y.Doc, kind: CardKind): readonly CardSummary[] {
  const list: CardSummary[] = [];
  for (const id of cardsMap(doc).keys()) {
    const summary = getCardSummary(doc, id);
    if (summary?.kind === kind) list.push(summary);
  }
  return list.sort(compareCards);
}

/** Every card of the board, in step order, then creation order. */
export function listAllCards(doc: Y.Doc): readonly CardSummary[] {
  return CARD_KINDS.flatMap((kind) => listCards(doc, kind));
}

/** The Tiptap-compatible fragment of a card's rich-text field; undefined if the card or field is not there. */
export function getCardRichText(
  doc: Y.Doc,
  cardId: string,
  field: RichTextField,
): Y.XmlFragment | undefined {
  const card = getCardMap(doc, cardId);
  const kind = card && cardKindOf(card);
  if (card === undefined || kind === undefined || !RICH_FIELDS[kind].includes(field)) {
    return undefined;
  }
  return readFragment(card, field);
}

export interface CardLayout {
  pos: Position | undefined;
  size: Size | undefined;
}

/** Where the card sits; undefined parts mean "not placed yet", for the UI to lay out. */
export function getCardLayout(doc: Y.Doc, cardId: string): CardLayout {
  const card = getCardMap(doc, cardId);
  const pos = positionSchema.safeParse(card?.get(CardKey.pos));
  const size = sizeSchema.safeParse(card?.get(CardKey.size));
  return { pos: pos.success ? pos.data : undefined, size: size.success ? size.data : undefined };
}

/** [C5] A position is written as one value: concurrent moves resolve to one of them, whole. */
export function moveCard(doc: Y.Doc, cardId: string, pos: Position): void {
  const clean = positionSchema.parse(pos);
  doc.transact(() => {
    requireCard(doc, cardId).set(CardKey.pos, { x: clean.x, y: clean.y });
  });
}

/** [C6] Sizes must lie in MIN_CARD_SIZE…MAX_CARD_SIZE; anything else throws. */
export function resizeCard(doc: Y.Doc, cardId: string, size: Size): void {
  const clean = sizeSchema.parse(size);
  doc.transact(() => {
    requireCard(doc, cardId).set(CardKey.size, { w: clean.w, h: clean.h });
  });
}

export interface CardVotes {
  /** Dots over every revealed votazione. */
  total: number;
  /** Revealed dots by votazione id. */
  byVotazione: Readonly<Record<string, number>>;
}

export function getCardVotes(doc: Y.Doc, cardId: string): CardVotes {
  const card = getCardMap(doc, cardId);
  const votes = card && readYMap<unknown>(card, CardKey.votes);
  const byVotazione: Record<string, number> = {};
  let total = 0;
  if (votes !== undefined) {
    for (const [votazione, count] of votes) {
      if (typeof count === 'number' && Number.isInteger(count) && count > 0) {
        byVotazione[votazione] = count;
        total += count;
      }
    }
  }
  return { total, byVotazione };
}

/**
 * [C7] Server side (and JSON import): the dots a card got in a revealed votazione; 0 removes
 * the entry. Participants never write here: their ballots stay on the server until reveal.
 */
export function setCardVoteResult(
  doc: Y.Doc,
  cardId: string,
  votazioneId: string,
  count: number,
): void {
  if (!Number.isInteger(count) || count < 0 || count > MAX_DOTS_PER_CARD) {
    throw new RangeError(`dots must be an integer in 0…${MAX_DOTS_PER_CARD}`);
  }
  if (votazioneId === '') throw new RangeError('votazione id must not be empty');
  doc.transact(() => {
    const votes = readYMap<number>(requireCard(doc, cardId), CardKey.votes);
    if (votes === undefined) throw new Error(`card ${cardId} has no votes map`);
    if (count === 0) votes.delete(votazioneId);
    else if (votes.get(votazioneId) !== count) votes.set(votazioneId, count);
  });
}
