import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Durability } from '../config.js';
import { type BoardStore, type BoardUpdate, StoreClosedError, type StoredBoard } from './store.js';

const SCHEMA_VERSION = 1;

/**
 * The embedded default store: one SQLite file in WAL mode holding, per board, a snapshot
 * and an append-only log of the updates after it.
 *
 * better-sqlite3 is synchronous, so a commit costs the event loop its duration; the sync
 * core keeps that off the per-message path by appending whole batches in one transaction.
 */
export class SqliteBoardStore implements BoardStore {
  readonly #db: Database.Database;
  readonly #insertUpdate: Database.Statement<[string, Uint8Array]>;
  readonly #selectSnapshot: Database.Statement<[string], { snapshot: Buffer }>;
  readonly #selectUpdates: Database.Statement<[string], { data: Buffer }>;
  readonly #countUpdates: Database.Statement<[string], { n: number }>;
  readonly #appendBatch: (updates: readonly BoardUpdate[]) => void;
  readonly #compactBoard: (boardId: string, snapshot: Uint8Array) => void;
  #closed = false;

  constructor(file: string, durability: Durability) {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
    this.#db = new Database(file);
    this.#db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode: a commit survives a process crash, not power loss. FULL fsyncs
    // the WAL on every commit, so a commit also survives power loss.
    this.#db.pragma(`synchronous = ${durability === 'power' ? 'FULL' : 'NORMAL'}`);
    this.#db.pragma('busy_timeout = 5000');
    this.#migrate();

    this.#insertUpdate = this.#db.prepare(
      'INSERT INTO board_update (board_id, data) VALUES (?, ?)',
    );
    this.#selectSnapshot = this.#db.prepare(
      'SELECT snapshot FROM board_snapshot WHERE board_id = ?',
    );
    this.#selectUpdates = this.#db.prepare(
      'SELECT data FROM board_update WHERE board_id = ? ORDER BY seq',
    );
    this.#countUpdates = this.#db.prepare(
      'SELECT count(*) AS n FROM board_update WHERE board_id = ?',
    );
    const upsertSnapshot = this.#db.prepare(
      `INSERT INTO board_snapshot (board_id, snapshot, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (board_id) DO UPDATE SET snapshot = excluded.snapshot, updated_at = excluded.updated_at`,
    );
    const deleteUpdates = this.#db.prepare('DELETE FROM board_update WHERE board_id = ?');

    this.#appendBatch = this.#db.transaction((updates: readonly BoardUpdate[]) => {
      for (const { boardId, update } of updates) this.#insertUpdate.run(boardId, update);
    });
    this.#compactBoard = this.#db.transaction((boardId: string, snapshot: Uint8Array) => {
      upsertSnapshot.run(boardId, snapshot, Date.now());
      deleteUpdates.run(boardId);
    });
  }

  #migrate(): void {
    const version = this.#db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      throw new Error(
        `database schema version ${version} is newer than this server understands (${SCHEMA_VERSION})`,
      );
    }
    if (version < 1) {
      this.#db.exec(`
        CREATE TABLE IF NOT EXISTS board_snapshot (
          board_id TEXT PRIMARY KEY,
          snapshot BLOB NOT NULL,
          updated_at INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS board_update (
          seq INTEGER PRIMARY KEY AUTOINCREMENT,
          board_id TEXT NOT NULL,
          data BLOB NOT NULL
        );
        CREATE INDEX IF NOT EXISTS board_update_by_board ON board_update (board_id, seq);
        PRAGMA user_version = 1;
      `);
    }
  }

  #assertOpen(): void {
    if (this.#closed) throw new StoreClosedError();
  }

  async load(boardId: string): Promise<StoredBoard> {
    this.#assertOpen();
    const row = this.#selectSnapshot.get(boardId);
    const updates = this.#selectUpdates.all(boardId).map((r) => new Uint8Array(r.data));
    return { snapshot: row ? new Uint8Array(row.snapshot) : null, updates };
  }

  async append(updates: readonly BoardUpdate[]): Promise<void> {
    this.#assertOpen();
    if (updates.length > 0) this.#appendBatch(updates);
  }

  async compact(boardId: string, snapshot: Uint8Array): Promise<void> {
    this.#assertOpen();
    this.#compactBoard(boardId, snapshot);
  }

  async logLength(boardId: string): Promise<number> {
    this.#assertOpen();
    return this.#countUpdates.get(boardId)?.n ?? 0;
  }

  isHealthy(): boolean {
    return !this.#closed && this.#db.open;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    // Fold the WAL back into the main file so a stopped server leaves one tidy file.
    this.#db.pragma('wal_checkpoint(TRUNCATE)');
    this.#db.close();
  }
}
