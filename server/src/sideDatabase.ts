import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

/**
 * A connection of its own to the server's database file, for the small, rare writes of the
 * registry, verbale, snapshots and ballots (the board store has its own threads). WAL like
 * the board store; the board store's writer shares the file, so wait for its lock rather
 * than fail.
 */
export function openSideDatabase(file: string): Database.Database {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  return db;
}

/**
 * The schema version of one feature in the shared `trama_schema` table (0 if never created);
 * throws if the file was written by a newer server.
 */
export function featureVersion(db: Database.Database, feature: string, supported: number): number {
  db.exec(
    'CREATE TABLE IF NOT EXISTS trama_schema (feature TEXT PRIMARY KEY, version INTEGER NOT NULL)',
  );
  const row = db
    .prepare<[string], { version: number }>('SELECT version FROM trama_schema WHERE feature = ?')
    .get(feature);
  const version = row?.version ?? 0;
  if (version > supported) {
    throw new Error(
      `${feature} schema version ${version} is newer than this server (${supported})`,
    );
  }
  return version;
}
