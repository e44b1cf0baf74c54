import {
  type VerbaleActor,
  type VerbaleEntry,
  type VerbaleEvent,
  verbaleEventSchema,
} from '@trama/shared';
import type Database from 'better-sqlite3';
import { openSideDatabase } from '../sideDatabase.js';

/**
 * The verbale: what happened on each board, in order — sessions opened and closed, who
 * joined (name, ente, role), focus and step changes, votes, snapshots, exports. Rules [VB1]–
 * [VB4] in server/SPEC.md, checked for every adapter by `test/verbale.test.ts`. Writes are
 * small and rare: synchronous, so a caller never has to await one.
 */
export interface VerbaleLog {
  /** Validates and appends an event; returns the stored entry. Throws on an invalid event. */
  record(
    boardId: string,
    event: VerbaleEvent,
    options?: { actor?: VerbaleActor | null; at?: number },
  ): VerbaleEntry;
  /** The board's entries in the order they were recorded. */
  list(boardId: string): VerbaleEntry[];
  close(): void;
}

export class VerbaleClosedError extends Error {
  override name = 'VerbaleClosedError';
  constructor() {
    super('the verbale is closed');
  }
}

function validate(event: VerbaleEvent): VerbaleEvent {
  return verbaleEventSchema.parse(event);
}

export class MemoryVerbaleLog implements VerbaleLog {
  readonly #entries: VerbaleEntry[] = [];
  #closed = false;

  record(
    boardId: string,
    event: VerbaleEvent,
    options: { actor?: VerbaleActor | null; at?: number } = {},
  ): VerbaleEntry {
    if (this.#closed) throw new VerbaleClosedError();
    const entry: VerbaleEntry = {
      seq: this.#entries.length + 1,
      boardId,
      at: options.at ?? Date.now(),
      actor: options.actor ?? null,
      event: validate(event),
    };
    this.#entries.push(entry);
    return structuredClone(entry);
  }

  list(boardId: string): VerbaleEntry[] {
    if (this.#closed) throw new VerbaleClosedError();
    return structuredClone(this.#entries.filter((e) => e.boardId === boardId));
  }

  close(): void {
    this.#closed = true;
  }
}

const SCHEMA_VERSION = 1;

interface Row {
  seq: number;
  board_id: string;
  at: number;
  actor: string | null;
  event: string;
}

/** The verbale in `<DATA_DIR>/trama.sqlite`, table `verbale_entry`, on its own connection. */
export class SqliteVerbaleLog implements VerbaleLog {
  readonly #db: Database.Database;
  readonly #insert: Database.Statement<[string, number, string | null, string]>;
  readonly #select: Database.Statement<[string], Row>;
  #closed = false;

  constructor(file: string) {
    this.#db = openSideDatabase(file);
    this.#migrate();
    this.#insert = this.#db.prepare(
      'INSERT INTO verbale_entry (board_id, at, actor, event) VALUES (?, ?, ?, ?)',
    );
    this.#select = this.#db.prepare(
      'SELECT seq, board_id, at, actor, event FROM verbale_entry WHERE board_id = ? ORDER BY seq',
    );
  }

  #migrate(): void {
    this.#db.exec('CREATE TABLE IF NOT EXISTS verbale_schema (version INTEGER NOT NULL)');
    const row = this.#db
      .prepare<[], { version: number }>('SELECT version FROM verbale_schema')
      .get();
    const version = row?.version ?? 0;
    if (version > SCHEMA_VERSION) {
      throw new Error(`verbale schema ${version} is newer than this server (${SCHEMA_VERSION})`);
    }
    if (version < 1) {
      this.#db.transaction(() => {
        this.#db.exec(`
          CREATE TABLE verbale_entry (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            board_id TEXT NOT NULL,
            at INTEGER NOT NULL,
            actor TEXT,
            event TEXT NOT NULL
          );
          CREATE INDEX verbale_entry_board ON verbale_entry (board_id, seq);
        `);
        this.#db.prepare('DELETE FROM verbale_schema').run();
        this.#db.prepare('INSERT INTO verbale_schema (version) VALUES (?)').run(SCHEMA_VERSION);
      })();
    }
  }

  record(
    boardId: string,
    event: VerbaleEvent,
    options: { actor?: VerbaleActor | null; at?: number } = {},
  ): VerbaleEntry {
    if (this.#closed) throw new VerbaleClosedError();
    const clean = validate(event);
    const at = options.at ?? Date.now();
    const actor = options.actor ?? null;
    const result = this.#insert.run(
      boardId,
      at,
      actor === null ? null : JSON.stringify(actor),
      JSON.stringify(clean),
    );
    return { seq: Number(result.lastInsertRowid), boardId, at, actor, event: clean };
  }

  list(boardId: string): VerbaleEntry[] {
    if (this.#closed) throw new VerbaleClosedError();
    return this.#select.all(boardId).map((row) => ({
      seq: row.seq,
      boardId: row.board_id,
      at: row.at,
      actor: row.actor === null ? null : (JSON.parse(row.actor) as VerbaleActor),
      // Stored only after validation; parsed again so a hand-edited row cannot break readers.
      event: verbaleEventSchema.parse(JSON.parse(row.event)),
    }));
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#db.close();
  }
}

/** Sessions of a board so far: the last number, and whether one is open. */
export function sessionState(entries: readonly VerbaleEntry[]): { last: number; open: boolean } {
  let last = 0;
  let open = false;
  for (const { event } of entries) {
    if (event.type === 'sessionOpened') {
      last = Math.max(last, event.session);
      open = true;
    } else if (event.type === 'sessionClosed') open = false;
  }
  return { last, open };
}
