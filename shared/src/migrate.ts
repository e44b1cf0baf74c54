import type * as Y from 'yjs';
import { type BoardKind, getBoardKind, getSchemaVersion, MetaKey, metaMap } from './board/meta.js';
import { BoardVersionError, type MigrationSequence } from './board/migration.js';
import { PERCORSO_MIGRATIONS } from './percorso/migrations.js';
import { pruneDanglingLinks } from './snodo/links.js';
import { SNODO_MIGRATIONS } from './snodo/migrations.js';

export const MIGRATIONS: Readonly<Record<BoardKind, MigrationSequence>> = {
  percorso: PERCORSO_MIGRATIONS,
  snodo: SNODO_MIGRATIONS,
};

export const CURRENT_SCHEMA_VERSION: Readonly<Record<BoardKind, number>> = {
  percorso: PERCORSO_MIGRATIONS.currentVersion,
  snodo: SNODO_MIGRATIONS.currentVersion,
};

/** Transaction origin of migrations, so observers (e.g. the server's persistence) can tell. */
export const MIGRATION_ORIGIN = 'trama:migration';

export interface MigrateOptions {
  /** Called with each migration id as it runs (tests use it to prove every migration ran). */
  onMigration?: (id: string) => void;
}

/**
 * [V3] Brings a board of either kind to the current schema version, in one transaction.
 * Returns the version it found and the version it left; `{ from: 0, to: 0 }` for a document
 * no one has initialised yet. A board with a kind but no version is a version-1 board.
 * Throws BoardVersionError ([V4]) for a board newer than this code, before touching it.
 *
 * Deterministic and idempotent: the server runs it on every load, before any client syncs.
 * If a migration throws, the document is left part-migrated and must be discarded.
 */
export function migrateBoard(
  doc: Y.Doc,
  options: MigrateOptions = {},
): { from: number; to: number } {
  const kind = getBoardKind(doc);
  if (kind === undefined) return { from: 0, to: 0 };
  const sequence = MIGRATIONS[kind];
  const from = getSchemaVersion(doc) ?? 1;
  if (from > sequence.currentVersion) {
    throw new BoardVersionError(kind, from, sequence.currentVersion);
  }
  if (from === sequence.currentVersion && getSchemaVersion(doc) === from) return { from, to: from };
  doc.transact(() => {
    for (const migration of sequence.migrations.slice(from - 1)) {
      migration.up(doc);
      options.onMigration?.(migration.id);
    }
    metaMap(doc).set(MetaKey.schemaVersion, sequence.currentVersion);
  }, MIGRATION_ORIGIN);
  return { from, to: sequence.currentVersion };
}

/**
 * True when a client that speaks schema `clientVersion` of `kind` may edit a board at
 * `boardVersion`: equal versions, or only migrations old clients can live with in between.
 */
export function canClientEdit(
  kind: BoardKind,
  clientVersion: number,
  boardVersion: number,
): boolean {
  if (clientVersion === boardVersion) return true;
  if (clientVersion > boardVersion) return false;
  return MIGRATIONS[kind].migrations
    .slice(clientVersion - 1, boardVersion - 1)
    .every((migration) => !migration.breaksOldClients);
}

/**
 * What the server runs when it loads a board: migrate, then drop links left dangling by a
 * concurrent delete ([L4]). Safe to run on every load.
 */
export function prepareBoard(doc: Y.Doc, options: MigrateOptions = {}) {
  const { from, to } = migrateBoard(doc, options);
  const prunedLinks = getBoardKind(doc) === 'snodo' ? pruneDanglingLinks(doc) : 0;
  return { kind: getBoardKind(doc), from, to, prunedLinks };
}
