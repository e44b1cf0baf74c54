import { defineMigrations } from '../board/migration.js';
import { positionsAtomicMigration } from './card.js';
import { fontiRichTextMigration } from './esigenza.js';
import { votesByVotazioneMigration } from './votazione.js';

/** [V2] The snodo board's migrations, in order. Append only; never renumber. */
export const SNODO_MIGRATIONS = defineMigrations('snodo', [
  positionsAtomicMigration,
  fontiRichTextMigration,
  votesByVotazioneMigration,
]);

export const SNODO_SCHEMA_VERSION = SNODO_MIGRATIONS.currentVersion;
