import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { Durability } from '../config.js';
import { SQL, SQLITE_WORKER_SOURCE } from './sqliteWorker.js';
import { type BoardStore, type BoardUpdate, StoreClosedError, type StoredBoard } from './store.js';

const SCHEMA_VERSION = 2;

/** The update log (schema v2): append order is `seq` order within each board. */
const UPDATE_LOG_DDL = `
  CREATE TABLE board_update (
    seq INTEGER PRIMARY KEY,
    board_id TEXT NOT NULL,
    data BLOB NOT NULL
  );
  CREATE INDEX board_update_by_board ON board_update (board_id, seq);
`;
/**
 * Each checkpoint ends in an fsync, which on ext4 forces a journal commit that the event
 * loop's WAL writes can briefly queue behind; every 5 s matches ext4's own commit interval
 * (at 1 s the sync benchmark's p99 was ~0.5 ms worse).
 */
const CHECKPOINT_EVERY_MS = 5000;
/**
 * WAL frames (4 KiB pages) after which the checkpointer makes the log start over. Its passive
 * checkpoints never block a commit, but under a steady stream of commits they never catch up
 * with the last one either, and SQLite only rewinds the WAL once it is wholly copied back: at
 * 1,000 updates/s it grew by ~5 MB/s without end. A RESTART checkpoint holds commits off for
 * the few milliseconds it takes to copy the tail and sync; commits on the event loop wait
 * for it without blocking (see MainConnection).
 */
const WAL_RESTART_FRAMES = 8192;
/** What a restarted WAL file is cut back to (SQLite reuses it from the start). */
const WAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;
const driverPath = createRequire(import.meta.url).resolve('better-sqlite3');

type WorkerRequest =
  | { op: 'append'; packed: Uint8Array }
  | { op: 'compact'; boardId: string; snapshot: Uint8Array; now: number }
  | { op: 'close' };
type WorkerReply = { id: number; ok: true } | { id: number; ok: false; message: string };

/** SQLite's "database is locked": another connection holds the write lock for a moment. */
function isBusy(error: unknown): boolean {
  return error instanceof Database.SqliteError && error.code.startsWith('SQLITE_BUSY');
}

type QueuedOp = { run: () => unknown; resolve: (v: never) => void; reject: (e: unknown) => void };

/**
 * The store's own connection, used from the event loop. Operations run at once, in the order
 * they are made; when SQLite answers BUSY (the checkpointer is rewinding the WAL), the
 * operation and every later one wait in a queue retried each millisecond, instead of the
 * event loop sleeping in SQLite's busy handler.
 */
class MainConnection {
  readonly #queue: QueuedOp[] = [];
  #retry: ReturnType<typeof setTimeout> | null = null;

  constructor(readonly db: Database.Database) {}

  run<T>(op: () => T): Promise<T> {
    if (this.#queue.length === 0) {
      try {
        return Promise.resolve(op());
      } catch (error) {
        if (!isBusy(error)) return Promise.reject(error);
      }
    }
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ run: op, resolve: resolve as (v: never) => void, reject });
      this.#retry ??= setTimeout(this.#drain, 1);
    });
  }

  /** Resolves once every operation made so far has run. */
  idle(): Promise<void> {
    return this.#queue.length === 0 ? Promise.resolve() : this.run(() => undefined);
  }

  #drain = (): void => {
    this.#retry = null;
    while (this.#queue.length > 0) {
      const next = this.#queue[0] as QueuedOp;
      let result: unknown;
      try {
        result = next.run();
      } catch (error) {
        if (isBusy(error)) {
          this.#retry = setTimeout(this.#drain, 1);
          return;
        }
        this.#queue.shift();
        next.reject(error);
        continue;
      }
      this.#queue.shift();
      next.resolve(result as never);
    }
  };
}

/** Where a store's writes (appends and compactions) run, in the order they are made. */
interface LogWriter {
  append(updates: readonly BoardUpdate[]): Promise<void>;
  compact(boardId: string, snapshot: Uint8Array, now: number): Promise<void>;
  readonly healthy: boolean;
  close(): Promise<void>;
}

/**
 * Durability `process`: commits run right here, on the event loop. Without an fsync a commit
 * is a few `write`s into the WAL (tens of microseconds for a batch), cheaper than the two
 * thread hops of handing it to a writer thread, whose wake-up waits for a free core when both
 * are busy (its round trip had a p99 of ~3 ms and outliers of 10–20 ms under load).
 */
class InlineWriter implements LogWriter {
  readonly #main: MainConnection;
  readonly #appendAll: (updates: readonly BoardUpdate[]) => void;
  readonly #compact: (boardId: string, snapshot: Uint8Array, now: number) => void;

  constructor(main: MainConnection, walSizeLimitBytes: number) {
    this.#main = main;
    const { db } = main;
    db.pragma('synchronous = NORMAL');
    // BUSY is answered by MainConnection's queue, not by sleeping on the event loop.
    db.pragma('busy_timeout = 0');
    db.pragma(`journal_size_limit = ${walSizeLimitBytes}`);
    // Checkpoints belong to the checkpointer thread, not to a commit that happens to cross
    // the WAL size threshold.
    db.pragma('wal_autocheckpoint = 0');
    const insert = db.prepare(SQL.insertUpdate);
    const upsertSnapshot = db.prepare(SQL.upsertSnapshot);
    const deleteUpdates = db.prepare(SQL.deleteUpdates);
    // IMMEDIATE: a busy database refuses at BEGIN, before anything of the batch ran.
    this.#appendAll = db.transaction((updates: readonly BoardUpdate[]) => {
      for (let i = 0; i < updates.length; i++) {
        const { boardId, update } = updates[i] as BoardUpdate;
        insert.run(boardId, update);
      }
    }).immediate;
    this.#compact = db.transaction((boardId: string, snapshot: Uint8Array, now: number) => {
      upsertSnapshot.run(boardId, snapshot, now);
      deleteUpdates.run(boardId);
    }).immediate;
  }

  get healthy(): boolean {
    return this.#main.db.open;
  }

  append(updates: readonly BoardUpdate[]): Promise<void> {
    return this.#main.run(() => this.#appendAll(updates));
  }

  compact(boardId: string, snapshot: Uint8Array, now: number): Promise<void> {
    return this.#main.run(() => this.#compact(boardId, snapshot, now));
  }

  async close(): Promise<void> {}
}

/** Durability `power`: commits and their fsyncs run on a writer thread (see sqliteWorker). */
class ThreadWriter implements LogWriter {
  readonly #thread: SqliteThread;

  constructor(workerData: Record<string, unknown>) {
    this.#thread = new SqliteThread({ ...workerData, role: 'writer' });
  }

  get healthy(): boolean {
    return this.#thread.healthy;
  }

  async append(updates: readonly BoardUpdate[]): Promise<void> {
    const packed = packUpdates(updates);
    await this.#thread.request({ op: 'append', packed }, [packed.buffer as ArrayBuffer]);
  }

  async compact(boardId: string, snapshot: Uint8Array, now: number): Promise<void> {
    await this.#thread.request({ op: 'compact', boardId, snapshot, now });
  }

  close(): Promise<void> {
    return this.#thread.close();
  }
}

/** A worker thread that answers numbered requests in order. */
class SqliteThread {
  readonly #worker: Worker;
  readonly #waiting = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  #nextId = 0;
  #failure: Error | null = null;

  constructor(workerData: Record<string, unknown>) {
    this.#worker = new Worker(SQLITE_WORKER_SOURCE, { eval: true, workerData });
    this.#worker.on('message', (reply: WorkerReply) => {
      const waiting = this.#waiting.get(reply.id);
      this.#waiting.delete(reply.id);
      if (reply.ok) waiting?.resolve();
      else waiting?.reject(new Error(`SQLite: ${reply.message}`));
    });
    const fail = (error: Error) => {
      this.#failure = error;
      for (const { reject } of this.#waiting.values()) reject(error);
      this.#waiting.clear();
    };
    this.#worker.on('error', fail);
    this.#worker.on('exit', (code) => fail(new Error(`SQLite worker exited with code ${code}`)));
  }

  get healthy(): boolean {
    return this.#failure === null;
  }

  request(message: WorkerRequest, transfer: ArrayBuffer[] = []): Promise<void> {
    if (this.#failure) return Promise.reject(this.#failure);
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject });
      this.#worker.postMessage({ id, ...message }, transfer);
    });
  }

  async close(): Promise<void> {
    if (this.#failure) return;
    await this.request({ op: 'close' });
    await this.#worker.terminate();
  }
}

/**
 * One buffer for a whole batch, transferred to the writer thread without a copy:
 * [count u32] then, per update, [board id length u16][board id utf8][length u32][bytes].
 * Board ids are written straight into it (no per-update id buffer: this runs every turn).
 */
export function packUpdates(updates: readonly BoardUpdate[]): Uint8Array {
  let size = 4;
  for (let i = 0; i < updates.length; i++) {
    const { boardId, update } = updates[i] as BoardUpdate;
    size += 2 + Buffer.byteLength(boardId, 'utf8') + 4 + update.length;
  }
  // Buffer.alloc is never pooled: the buffer owns its ArrayBuffer, which can be transferred.
  const packed = Buffer.alloc(size);
  const view = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
  view.setUint32(0, updates.length);
  let at = 4;
  for (let i = 0; i < updates.length; i++) {
    const { boardId, update } = updates[i] as BoardUpdate;
    const written = packed.write(boardId, at + 2, 'utf8');
    view.setUint16(at, written);
    at += 2 + written;
    view.setUint32(at, update.length);
    packed.set(update, at + 4);
    at += 4 + update.length;
  }
  return packed;
}

export interface SqliteStoreOptions {
  /** How often the checkpointer folds the WAL back (default 5 s). */
  checkpointMs?: number;
  /** WAL length in frames after which it is made to start over (default 8,192). */
  walRestartFrames?: number;
  /** What the WAL file is cut back to when it starts over (default 64 MiB). */
  walSizeLimitBytes?: number;
}

/**
 * The embedded default store: one SQLite file in WAL mode holding, per board, a snapshot and
 * an append-only log of the updates after it.
 *
 * Checkpoints run on a checkpointer thread and fsyncs never on the event loop that relays
 * edits: with durability `power` (an fsync per commit) writes run on a writer thread; with
 * `process` (no fsync) they run here, where a commit costs less than a hop to a thread.
 * Reads (loading a board) run here; WAL lets them proceed alongside a writer thread.
 */
export class SqliteBoardStore implements BoardStore {
  readonly #db: Database.Database;
  readonly #main: MainConnection;
  readonly #writer: LogWriter;
  readonly #checkpointer: SqliteThread;
  readonly #selectSnapshot: Database.Statement<[string], { snapshot: Buffer }>;
  readonly #selectUpdates: Database.Statement<[string], { data: Buffer }>;
  readonly #countUpdates: Database.Statement<[string], { n: number }>;
  #closed = false;

  constructor(file: string, durability: Durability, options: SqliteStoreOptions = {}) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    this.#db = new Database(file);
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('busy_timeout = 5000');
    try {
      this.#migrate();
    } catch (error) {
      this.#db.close();
      throw error;
    }
    this.#selectSnapshot = this.#db.prepare(
      'SELECT snapshot FROM board_snapshot WHERE board_id = ?',
    );
    this.#selectUpdates = this.#db.prepare(
      'SELECT data FROM board_update WHERE board_id = ? ORDER BY seq',
    );
    this.#countUpdates = this.#db.prepare(
      'SELECT count(*) AS n FROM board_update WHERE board_id = ?',
    );
    this.#main = new MainConnection(this.#db);
    const walSizeLimit = options.walSizeLimitBytes ?? WAL_SIZE_LIMIT_BYTES;
    const common = { driver: driverPath, file, walSizeLimit };
    this.#writer =
      durability === 'process'
        ? new InlineWriter(this.#main, walSizeLimit)
        : new ThreadWriter(common);
    this.#checkpointer = new SqliteThread({
      ...common,
      role: 'checkpointer',
      checkpointMs: options.checkpointMs ?? CHECKPOINT_EVERY_MS,
      walRestartFrames: options.walRestartFrames ?? WAL_RESTART_FRAMES,
    });
  }

  #migrate(): void {
    const version = this.#db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      throw new Error(
        `database schema version ${version} is newer than this server understands (${SCHEMA_VERSION})`,
      );
    }
    const migrate = this.#db.transaction(() => {
      if (version < 1) {
        this.#db.exec(`
          CREATE TABLE board_snapshot (
            board_id TEXT PRIMARY KEY,
            snapshot BLOB NOT NULL,
            updated_at INTEGER NOT NULL
          );
          ${UPDATE_LOG_DDL}
          PRAGMA user_version = 2;
        `);
      } else if (version < 2) {
        // v1 → v2: the log's key loses AUTOINCREMENT. That kept a counter row in
        // sqlite_sequence that every commit rewrote: one page in three of the WAL. A plain
        // rowid still grows past every row in the table, which is all the log's order needs.
        this.#db.exec(`
          ALTER TABLE board_update RENAME TO board_update_v1;
          DROP INDEX board_update_by_board;
          ${UPDATE_LOG_DDL}
          INSERT INTO board_update (seq, board_id, data)
            SELECT seq, board_id, data FROM board_update_v1 ORDER BY seq;
          DROP TABLE board_update_v1;
          DELETE FROM sqlite_sequence WHERE name IN ('board_update', 'board_update_v1');
          PRAGMA user_version = 2;
        `);
      }
    });
    migrate();
  }

  #assertOpen(): void {
    if (this.#closed) throw new StoreClosedError();
  }

  async load(boardId: string): Promise<StoredBoard> {
    this.#assertOpen();
    return this.#main.run(() => {
      const row = this.#selectSnapshot.get(boardId);
      const updates = this.#selectUpdates.all(boardId).map((r) => new Uint8Array(r.data));
      return { snapshot: row ? new Uint8Array(row.snapshot) : null, updates };
    });
  }

  async append(updates: readonly BoardUpdate[]): Promise<void> {
    this.#assertOpen();
    if (updates.length === 0) return;
    await this.#writer.append(updates);
  }

  async compact(boardId: string, snapshot: Uint8Array): Promise<void> {
    this.#assertOpen();
    await this.#writer.compact(boardId, snapshot, Date.now());
  }

  async logLength(boardId: string): Promise<number> {
    this.#assertOpen();
    return this.#main.run(() => this.#countUpdates.get(boardId)?.n ?? 0);
  }

  isHealthy(): boolean {
    return !this.#closed && this.#db.open && this.#writer.healthy;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#main.idle();
    await this.#writer.close();
    await this.#checkpointer.close();
    // Fold the WAL back into the main file so a stopped server leaves one tidy file.
    this.#db.pragma('wal_checkpoint(TRUNCATE)');
    this.#db.close();
  }
}
