import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryBoardStore } from '../src/storage/memory.js';
import { SqliteBoardStore } from '../src/storage/sqlite.js';
import { storageContract } from './storageContract.js';

const tempRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'trama-store-'));
afterAll(() => fs.rmSync(tempRoot, { recursive: true, force: true }));
let counter = 0;

storageContract('memory', () => {
  const store = new MemoryBoardStore();
  return {
    open: async () => store,
    reopen: async (s) => {
      await s.close();
      return store.reopen();
    },
  };
});

for (const durability of ['process', 'power'] as const) {
  storageContract(`sqlite (durability=${durability})`, () => {
    const file = path.join(tempRoot, `store-${counter++}`, 'trama.sqlite');
    return {
      open: async () => new SqliteBoardStore(file, durability),
      reopen: async (s) => {
        await s.close();
        return new SqliteBoardStore(file, durability);
      },
    };
  });
}

describe('sqlite schema migrations', () => {
  it('v1 → v2: the log keeps every update in order and drops AUTOINCREMENT', async () => {
    const file = path.join(tempRoot, `store-${counter++}`, 'trama.sqlite');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // A database as schema v1 left it.
    const v1 = new Database(file);
    v1.pragma('journal_mode = WAL');
    v1.exec(`
      CREATE TABLE board_snapshot (
        board_id TEXT PRIMARY KEY, snapshot BLOB NOT NULL, updated_at INTEGER NOT NULL);
      CREATE TABLE board_update (
        seq INTEGER PRIMARY KEY AUTOINCREMENT, board_id TEXT NOT NULL, data BLOB NOT NULL);
      CREATE INDEX board_update_by_board ON board_update (board_id, seq);
      PRAGMA user_version = 1;
    `);
    const insert = v1.prepare('INSERT INTO board_update (board_id, data) VALUES (?, ?)');
    for (let i = 0; i < 5; i++) insert.run(i % 2 ? 'b' : 'a', Buffer.from([i]));
    v1.prepare('INSERT INTO board_snapshot VALUES (?, ?, ?)').run('a', Buffer.from([9]), 1);
    v1.close();

    const store = new SqliteBoardStore(file, 'process');
    const a = await store.load('a');
    expect(a.snapshot).toEqual(new Uint8Array([9]));
    expect(a.updates).toEqual([0, 2, 4].map((i) => new Uint8Array([i])));
    await store.append([{ boardId: 'b', update: new Uint8Array([5]) }]);
    expect((await store.load('b')).updates).toEqual([1, 3, 5].map((i) => new Uint8Array([i])));
    await store.close();

    const db = new Database(file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    const sql = db
      .prepare(
        "SELECT group_concat(sql, ';') AS s FROM sqlite_master WHERE tbl_name LIKE 'board_update%'",
      )
      .get() as { s: string };
    expect(sql.s).not.toMatch(/AUTOINCREMENT/i);
    expect(sql.s).toMatch(/board_update_by_board/);
    db.close();
  });

  it('refuses a database from a newer server', () => {
    const file = path.join(tempRoot, `store-${counter++}`, 'trama.sqlite');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const db = new Database(file);
    db.pragma('user_version = 99');
    db.close();
    expect(() => new SqliteBoardStore(file, 'process')).toThrow(/newer than this server/);
  });
});

describe('sqlite under a steady stream of commits', () => {
  const update = (i: number) => new Uint8Array([i & 0xff, (i >> 8) & 0xff, 1, 2, 3, 4, 5, 6]);

  for (const durability of ['process', 'power'] as const) {
    it(`keeps the WAL bounded, losing nothing (durability=${durability})`, async () => {
      const file = path.join(tempRoot, `store-${counter++}`, 'trama.sqlite');
      const store = new SqliteBoardStore(file, durability, {
        checkpointMs: 5,
        walRestartFrames: 64,
        walSizeLimitBytes: 256 * 1024,
      });
      // Until the WAL file has been cut back a few times (the checkpointer thread may take a
      // while to start on a busy machine); without the restarts it only ever grows.
      const deadline = Date.now() + 15_000;
      let count = 0;
      let cutBacks = 0;
      let lastWal = 0;
      while ((count < 500 || cutBacks < 3) && Date.now() < deadline) {
        // Two boards per commit, as the sync server batches them; never a quiet moment.
        await store.append([
          { boardId: `a${count % 7}`, update: update(count) },
          { boardId: `b${count % 5}`, update: update(count) },
        ]);
        count++;
        if (count % 10 === 0) {
          const wal = fs.statSync(`${file}-wal`).size;
          if (wal < lastWal) cutBacks++;
          lastWal = wal;
        }
        // One commit per event-loop turn, as the sync server makes them.
        await new Promise((resolve) => setImmediate(resolve));
      }
      expect(cutBacks).toBeGreaterThanOrEqual(3);
      expect((await store.load('a3')).updates).toEqual(
        Array.from({ length: count }, (_, i) => i)
          .filter((i) => i % 7 === 3)
          .map(update),
      );
      await store.close();
    });
  }

  it('waits out a write lock held elsewhere without blocking the event loop, in order', async () => {
    const file = path.join(tempRoot, `store-${counter++}`, 'trama.sqlite');
    const store = new SqliteBoardStore(file, 'process');
    await store.append([{ boardId: 'x', update: update(1) }]);
    const other = new Database(file);
    other.exec('BEGIN IMMEDIATE');
    const events: string[] = [];
    const appended = store.append([{ boardId: 'x', update: update(2) }]).then(() => {
      events.push('appended');
    });
    const loaded = store.load('x').then((board) => {
      events.push(`loaded ${board.updates.length}`);
    });
    // The event loop runs timers meanwhile: nothing sleeps in SQLite's busy handler.
    await new Promise((resolve) => setTimeout(resolve, 20));
    events.push('timer');
    other.exec('COMMIT');
    other.close();
    await Promise.all([appended, loaded]);
    expect(events).toEqual(['timer', 'appended', 'loaded 2']);
    await store.close();
  });
});
