import type * as Y from 'yjs';
import { z } from 'zod';
import { BoardKindError, getBoardKind } from './board/meta.js';
import {
  type PercorsoBoardJSON,
  percorsoBoardJSONSchema,
  percorsoFromJSON,
  percorsoToJSON,
} from './percorso/json.js';
import {
  type SnodoBoardJSON,
  snodoBoardJSONSchema,
  snodoFromJSON,
  snodoToJSON,
} from './snodo/json.js';

/**
 * The plain form of either board kind. [J4] It always carries the current schema version:
 * boards are migrated as Y.Docs (see migrate.ts) and exported afresh, so an older JSON is
 * refused rather than guessed at.
 */
export const boardJSONSchema = z.union([snodoBoardJSONSchema, percorsoBoardJSONSchema]);
export type BoardJSON = SnodoBoardJSON | PercorsoBoardJSON;

/** [J2] The plain form of a board; `fromJSON(toJSON(doc))` reads the same as `doc`. */
export function toJSON(doc: Y.Doc): BoardJSON {
  const kind = getBoardKind(doc);
  if (kind === 'snodo') return snodoToJSON(doc);
  if (kind === 'percorso') return percorsoToJSON(doc);
  throw new BoardKindError('snodo', kind);
}

/** Validates `json` (throws a ZodError) and builds a new board document from it. */
export function fromJSON(json: unknown, doc?: Y.Doc): Y.Doc {
  const kind =
    typeof json === 'object' && json !== null ? (json as { kind?: unknown }).kind : undefined;
  if (kind === 'percorso') return percorsoFromJSON(json, doc);
  if (kind === 'snodo') return snodoFromJSON(json, doc);
  // Let the union produce the error message.
  boardJSONSchema.parse(json);
  throw new Error('unreachable: the board JSON has no known kind');
}
