import type * as Y from 'yjs';

/**
 * The root `meta` map every board document carries: which kind of board it is, the schema
 * version its layout follows, and its title. Everything else lives in kind-specific roots.
 */

export type BoardKind = 'percorso' | 'snodo';
export const BOARD_KINDS: readonly BoardKind[] = ['percorso', 'snodo'];

/** Titles longer than this are cut: a title is a label, not a text. */
export const MAX_TITLE_LENGTH = 200;

export const MetaKey = {
  kind: 'kind',
  schemaVersion: 'schemaVersion',
  title: 'title',
} as const;

export function metaMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap('meta');
}

export function getBoardKind(doc: Y.Doc): BoardKind | undefined {
  const kind = metaMap(doc).get(MetaKey.kind);
  return kind === 'percorso' || kind === 'snodo' ? kind : undefined;
}

/** The stored schema version, or undefined for a document never initialised. */
export function getSchemaVersion(doc: Y.Doc): number | undefined {
  const version = metaMap(doc).get(MetaKey.schemaVersion);
  return typeof version === 'number' && Number.isInteger(version) && version > 0
    ? version
    : undefined;
}

/** Trims surrounding whitespace and cuts to `max` characters. */
export function cleanLabel(text: string, max = MAX_TITLE_LENGTH): string {
  return text.trim().slice(0, max);
}

export function getBoardTitle(doc: Y.Doc): string {
  const title = metaMap(doc).get(MetaKey.title);
  return typeof title === 'string' ? title : '';
}

/** [B3] Board title: trimmed, cut to MAX_TITLE_LENGTH; last writer wins. */
export function setBoardTitle(doc: Y.Doc, title: string): void {
  const clean = cleanLabel(title);
  doc.transact(() => {
    if (getBoardTitle(doc) !== clean) metaMap(doc).set(MetaKey.title, clean);
  });
}

/**
 * Stamps kind and schema version on a document that has none. Idempotent, and safe when
 * several peers call it concurrently after their first sync: concurrent writers write the
 * same values, so whichever Yjs keeps is correct.
 */
export function initBoardMeta(
  doc: Y.Doc,
  kind: BoardKind,
  schemaVersion: number,
  title: string | undefined,
): void {
  const existing = getBoardKind(doc);
  if (existing !== undefined && existing !== kind) {
    throw new BoardKindError(kind, existing);
  }
  doc.transact(() => {
    const meta = metaMap(doc);
    if (existing === undefined) meta.set(MetaKey.kind, kind);
    if (getSchemaVersion(doc) === undefined) meta.set(MetaKey.schemaVersion, schemaVersion);
    if (title !== undefined && !meta.has(MetaKey.title)) meta.set(MetaKey.title, cleanLabel(title));
  });
}

export class BoardKindError extends Error {
  constructor(
    readonly expected: BoardKind,
    readonly actual: BoardKind | undefined,
  ) {
    super(`expected a ${expected} board, found ${actual ?? 'an uninitialised document'}`);
    this.name = 'BoardKindError';
  }
}

export function assertBoardKind(doc: Y.Doc, kind: BoardKind): void {
  const actual = getBoardKind(doc);
  if (actual !== kind) throw new BoardKindError(kind, actual);
}
