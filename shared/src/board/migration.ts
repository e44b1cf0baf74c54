import type * as Y from 'yjs';
import type { BoardKind } from './meta.js';

/**
 * Schema versions and migrations of board documents.
 *
 * Each board kind has one schema version for the whole document. Version 1 is the first
 * layout; migration `<kind>/N` takes a document from version N-1 to N. Ids are asserted
 * contiguous when the sequence is defined, so a missing or misnumbered migration fails at
 * import time, not on a user's board.
 *
 * A migration must be deterministic (no clock, no randomness: two servers migrating the same
 * bytes write the same values) and run inside the transaction `migrateBoard` opens. Running
 * the sequence twice is a no-op, because the stored version moves with each step.
 */
export interface Migration {
  /** `<kind>/<version it produces>`, e.g. `snodo/2`. */
  id: string;
  description: string;
  /**
   * True when a client that only knows the previous version would misread the migrated
   * document (and could write the old layout back): such a migration cannot be undone by
   * old clients, and the server must refuse them (see [V4]).
   */
  breaksOldClients: boolean;
  up(doc: Y.Doc): void;
}

export interface MigrationSequence {
  kind: BoardKind;
  /** The version a fully migrated document has: 1 + number of migrations. */
  currentVersion: number;
  migrations: readonly Migration[];
}

export class MigrationSequenceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationSequenceError';
  }
}

/** [V1] Asserts ids are `<kind>/2`, `<kind>/3`, … with no gap, duplicate or foreign kind. */
export function defineMigrations(
  kind: BoardKind,
  migrations: readonly Migration[],
): MigrationSequence {
  migrations.forEach((migration, index) => {
    const expected = `${kind}/${index + 2}`;
    if (migration.id !== expected) {
      throw new MigrationSequenceError(
        `migration #${index} of ${kind} is ${migration.id}, expected ${expected}`,
      );
    }
  });
  return { kind, currentVersion: migrations.length + 1, migrations };
}

export class BoardVersionError extends Error {
  constructor(
    readonly kind: BoardKind,
    readonly version: number,
    readonly supported: number,
  ) {
    super(
      `this ${kind} board has schema version ${version}; this code supports up to ${supported}`,
    );
    this.name = 'BoardVersionError';
  }
}
