import type * as Y from 'yjs';
import { metaMap } from '../board/meta.js';
import { defineMigrations, type Migration } from '../board/migration.js';
import { FASI } from '../method.js';

/**
 * percorso/2 — the fase is stored by id. Version 1 stored the fase del procedimento as its
 * number 1–4, which reads ambiguously in exports and the HTTP API. Out-of-range numbers
 * become the first fase. Old clients cannot undo it: they expect a number.
 */
export const faseIdMigration: Migration = {
  id: 'percorso/2',
  description: 'meta.fase: number 1–4 → fase id (avvio, avviso, istruttoria, conclusione)',
  breaksOldClients: true,
  up(doc: Y.Doc) {
    const meta = metaMap(doc);
    const fase = meta.get('fase');
    if (typeof fase === 'number') meta.set('fase', FASI[fase - 1] ?? FASI[0]);
  },
};

/** [V2] The percorso board's migrations, in order. Append only; never renumber. */
export const PERCORSO_MIGRATIONS = defineMigrations('percorso', [faseIdMigration]);

export const PERCORSO_SCHEMA_VERSION = PERCORSO_MIGRATIONS.currentVersion;
