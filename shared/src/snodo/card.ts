import * as Y from 'yjs';
import { z } from 'zod';
import type { Migration } from '../board/migration.js';

/**
 * What every card of a snodo board shares: its kind, creation time, title, place on the
 * canvas, group and votes. Kind-specific fields live in `esigenza.ts`, `obiettivo.ts` and
 * `lineaStrategica.ts`.
 *
 * Layout: root `Y.Map('cards')`, card id → `Y.Map` of the keys in `CardKey` plus the kind's own
 * fields. Rich-text fields are `Y.XmlFragment`s created in the same transaction as the card,
 * so no two peers ever create competing fragments for one field.
 */

export type CardKind = 'esigenza' | 'obiettivo' | 'lineaStrategica';
/** In step order: 7 (esigenze), 8 (obiettivi), 9 (linee strategiche). */
export const CARD_KINDS: readonly CardKind[] = ['esigenza', 'obiettivo', 'lineaStrategica'];

/** The methodological step each card kind belongs to. */
export const CARD_KIND_STEP: Readonly<Record<CardKind, 7 | 8 | 9>> = {
  esigenza: 7,
  obiettivo: 8,
  lineaStrategica: 9,
};

export function isCardKind(value: unknown): value is CardKind {
  return value === 'esigenza' || value === 'obiettivo' || value === 'lineaStrategica';
}

export const CardKey = {
  kind: 'kind',
  createdAt: 'createdAt',
  title: 'title',
  /** `{ x, y }` written as one value, so concurrent drags never mix coordinates. */
  pos: 'pos',
  /** `{ w, h }` written as one value, for the same reason. */
  size: 'size',
  /** Id of the group the card sits in; absent when in none. */
  group: 'group',
  /** `Y.Map` votazione id → dots the card got, written by the server on reveal (snodo/4). */
  votes: 'votes',
} as const;

export const positionSchema = z.object({ x: z.number().finite(), y: z.number().finite() });
export type Position = z.infer<typeof positionSchema>;

/** Same bound as board titles (see board/meta.ts). */
export const MAX_CARD_TITLE_LENGTH = 200;
/** Dots one card can show from one votazione: a generous bound on people × budget. */
export const MAX_DOTS_PER_CARD = 100_000;

export const MIN_CARD_SIZE = 40;
export const MAX_CARD_SIZE = 4000;
export const sizeSchema = z.object({
  w: z.number().min(MIN_CARD_SIZE).max(MAX_CARD_SIZE),
  h: z.number().min(MIN_CARD_SIZE).max(MAX_CARD_SIZE),
});
export type Size = z.infer<typeof sizeSchema>;

export type CardMap = Y.Map<unknown>;

export function cardsMap(doc: Y.Doc): Y.Map<CardMap> {
  return doc.getMap('cards');
}

/** The card's map if it exists and is a well-formed card; undefined otherwise. */
export function getCardMap(doc: Y.Doc, cardId: string): CardMap | undefined {
  const card = cardsMap(doc).get(cardId);
  return card instanceof Y.Map && isCardKind(card.get(CardKey.kind)) ? card : undefined;
}

export function cardKindOf(card: CardMap): CardKind | undefined {
  const kind = card.get(CardKey.kind);
  return isCardKind(kind) ? kind : undefined;
}

/** Like getCardMap, but throws for a missing card: writers must not silently do nothing. */
export function requireCard(doc: Y.Doc, cardId: string, kind?: CardKind): CardMap {
  const card = getCardMap(doc, cardId);
  if (card === undefined) throw new CardNotFoundError(cardId);
  if (kind !== undefined && card.get(CardKey.kind) !== kind) {
    throw new CardKindMismatchError(cardId, kind, cardKindOf(card));
  }
  return card;
}

export class CardNotFoundError extends Error {
  constructor(readonly cardId: string) {
    super(`no card ${cardId} on this board`);
    this.name = 'CardNotFoundError';
  }
}

export class CardKindMismatchError extends Error {
  constructor(
    readonly cardId: string,
    readonly expected: CardKind,
    readonly actual: CardKind | undefined,
  ) {
    super(`card ${cardId} is a ${actual ?? 'malformed card'}, not a ${expected}`);
    this.name = 'CardKindMismatchError';
  }
}

export function readString(map: Y.Map<unknown>, key: string): string {
  const value = map.get(key);
  return typeof value === 'string' ? value : '';
}

export function readNumber(map: Y.Map<unknown>, key: string): number {
  const value = map.get(key);
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/** A nested Y.Map stored under `key`, if it is one. */
export function readYMap<T>(map: Y.Map<unknown>, key: string): Y.Map<T> | undefined {
  const value = map.get(key);
  return value instanceof Y.Map ? (value as Y.Map<T>) : undefined;
}

export function readFragment(map: Y.Map<unknown>, key: string): Y.XmlFragment | undefined {
  const value = map.get(key);
  // Y.XmlElement extends Y.XmlFragment; a field is always a bare fragment.
  return value instanceof Y.XmlFragment && !(value instanceof Y.XmlElement) ? value : undefined;
}

/**
 * snodo/2 — card positions become atomic. Version 1 stored `x`, `y`, `w`, `h` as four
 * numbers, so two people dragging one card at once could leave it at x of one drag and y of
 * the other. Version 2 stores `pos: {x, y}` and `size: {w, h}` as single values.
 * Old clients cannot undo it: they no longer see positions and would write x/y back.
 */
export const positionsAtomicMigration: Migration = {
  id: 'snodo/2',
  description: 'card x/y/w/h numbers become one pos {x, y} and one size {w, h} value',
  breaksOldClients: true,
  up(doc) {
    for (const card of cardsMap(doc).values()) {
      if (!(card instanceof Y.Map)) continue;
      const { x, y, w, h } = Object.fromEntries(
        ['x', 'y', 'w', 'h'].map((key) => [key, card.get(key)]),
      );
      if (isFiniteNumber(x) && isFiniteNumber(y) && !card.has(CardKey.pos)) {
        card.set(CardKey.pos, { x, y });
      }
      if (isFiniteNumber(w) && isFiniteNumber(h) && !card.has(CardKey.size)) {
        card.set(CardKey.size, { w: clampSize(w), h: clampSize(h) });
      }
      for (const key of ['x', 'y', 'w', 'h']) if (card.has(key)) card.delete(key);
    }
  },
};

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function clampSize(value: number): number {
  return Math.min(MAX_CARD_SIZE, Math.max(MIN_CARD_SIZE, value));
}

/** Record and board ids in plain forms: URL-safe, 1–64 characters. */
export const recordIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

/** [J1] The fields every card has in its plain (JSON) form. */
export const cardBaseJSONSchema = z.strictObject({
  id: recordIdSchema,
  title: z.string().max(MAX_CARD_TITLE_LENGTH),
  createdAt: z.number().finite(),
  pos: positionSchema.optional(),
  size: sizeSchema.optional(),
  group: recordIdSchema.optional(),
  /** Revealed dots by votazione id. */
  votes: z.record(recordIdSchema, z.number().int().min(1).max(MAX_DOTS_PER_CARD)),
});
