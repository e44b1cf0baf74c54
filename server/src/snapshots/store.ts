import type { SnapshotView } from '@trama/shared';
import type Database from 'better-sqlite3';
import { openSideDatabase } from '../sideDatabase.js';

/**
 * Named snapshots of boards: a full copy of the board's Yjs state at that moment
 * (`Y.encodeStateAsUpdate`), with its name, time and author. Restoring never goes back in
 * history: it writes the snapshot's content as a new change on top (see restore.ts).
 * Rules [SN1]–[SN5] in server/SPEC.md, checked for every adapter by `test/snapshots.test.ts`.
 */

export interface StoredSnapshot extends SnapshotView {
  state: Uint8Array;
}

export interface SnapshotStore {
  save(snapshot: StoredSnapshot): void;
  /** Newest first. */
  list(boardId: string): SnapshotView[];
  get(boardId: string, id: string): StoredSnapshot | undefined;
  close(): void;
}

export class SnapshotsClosedError extends Error {
  override name = 'SnapshotsClosedError';
  constructor() {
    super('the snapshot store is closed');
  }
}

function view({ state: _state, ...meta }: StoredSnapshot): SnapshotView {
  return { ...meta };
}

function newestFirst(a: SnapshotView, b: SnapshotView): number {
  return b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

export class MemorySnapshotStore implements SnapshotStore {
  readonly #snapshots = new Map<string, StoredSnapshot>();
  #closed = false;

  save(snapshot: StoredSnapshot): void {
    if (this.#closed) throw new SnapshotsClosedError();
    if (this.#snapshots.has(snapshot.id)) throw new Error(`snapshot ${snapshot.id} exists`);
    this.#snapshots.set(snapshot.id, { ...snapshot, state: snapshot.state.slice() });
  }

  list(boardId: string): SnapshotView[] {
    if (this.#closed) throw new SnapshotsClosedError();
    return [...this.#snapshots.values()]
      .filter((s) => s.boardId === boardId)
      .map(view)
      .sort(newestFirst);
  }

  get(boardId: string, id: string): StoredSnapshot | undefined {
    if (this.#closed) throw new SnapshotsClosedError();
    const found = this.#snapshots.get(id);
    return found && found.boardId === boardId
      ? { ...found, state: found.state.slice() }
      : undefined;
  }

  close(): void {
    this.#closed = true;
  }
}

const SCHEMA_VERSION = 1;

interface Row {
  id: string;
  board_id: string;
  name: string;
  created_at: number;
  auto: number;
  taken_by: string | null;
  cards: number;
  bytes: number;
}

/** Snapshots in `<DATA_DIR>/trama.sqlite`, table `named_snapshot`, on their own connection. */
export class SqliteSnapshotStore implements SnapshotStore {
  readonly #db: Database.Database;
  #closed = false;

  constructor(file: string) {
    this.#db = openSideDatabase(file);
    this.#migrate();
  }

  #migrate(): void {
    this.#db.exec('CREATE TABLE IF NOT EXISTS named_snapshot_schema (version INTEGER NOT NULL)');
    const row = this.#db
      .prepare<[], { version: number }>('SELECT version FROM named_snapshot_schema')
      .get();
    const version = row?.version ?? 0;
    if (version > SCHEMA_VERSION) {
      throw new Error(`snapshot schema ${version} is newer than this server (${SCHEMA_VERSION})`);
    }
    if (version < 1) {
      this.#db.transaction(() => {
        this.#db.exec(`
          CREATE TABLE named_snapshot (
            id TEXT PRIMARY KEY,
            board_id TEXT NOT NULL,
            name TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            auto INTEGER NOT NULL,
            taken_by TEXT,
            cards INTEGER NOT NULL,
            bytes INTEGER NOT NULL,
            state BLOB NOT NULL
          );
          CREATE INDEX named_snapshot_board ON named_snapshot (board_id, created_at);
        `);
        this.#db.prepare('DELETE FROM named_snapshot_schema').run();
        this.#db
          .prepare('INSERT INTO named_snapshot_schema (version) VALUES (?)')
          .run(SCHEMA_VERSION);
      })();
    }
  }

  #check(): void {
    if (this.#closed) throw new SnapshotsClosedError();
  }

  save(s: StoredSnapshot): void {
    this.#check();
    this.#db
      .prepare(
        `INSERT INTO named_snapshot (id, board_id, name, created_at, auto, taken_by, cards, bytes, state)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        s.id,
        s.boardId,
        s.name,
        s.createdAt,
        s.auto ? 1 : 0,
        s.takenBy,
        s.cards,
        s.bytes,
        Buffer.from(s.state),
      );
  }

  #view(row: Row): SnapshotView {
    return {
      id: row.id,
      boardId: row.board_id,
      name: row.name,
      createdAt: row.created_at,
      auto: row.auto === 1,
      takenBy: row.taken_by,
      cards: row.cards,
      bytes: row.bytes,
    };
  }

  list(boardId: string): SnapshotView[] {
    this.#check();
    return this.#db
      .prepare<[string], Row>(
        'SELECT id, board_id, name, created_at, auto, taken_by, cards, bytes FROM named_snapshot WHERE board_id = ?',
      )
      .all(boardId)
      .map((row) => this.#view(row))
      .sort(newestFirst);
  }

  get(boardId: string, id: string): StoredSnapshot | undefined {
    this.#check();
    const row = this.#db
      .prepare<[string, string], Row & { state: Buffer }>(
        'SELECT * FROM named_snapshot WHERE board_id = ? AND id = ?',
      )
      .get(boardId, id);
    return row ? { ...this.#view(row), state: new Uint8Array(row.state) } : undefined;
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#db.close();
  }
}
