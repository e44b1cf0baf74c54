import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AccessRegistry } from '../src/access/registry.js';
import {
  MemorySnapshotStore,
  type SnapshotStore,
  SnapshotsClosedError,
  SqliteSnapshotStore,
} from '../src/snapshots/store.js';
import { SqliteBoardStore } from '../src/storage/sqlite.js';
import {
  MemoryVerbaleLog,
  SqliteVerbaleLog,
  sessionState,
  VerbaleClosedError,
  type VerbaleLog,
} from '../src/verbale/log.js';

/** One contract for every adapter of the verbale ([VB…]) and of the snapshot store ([SN…]). */

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tmpFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trama-outputs-'));
  dirs.push(dir);
  return path.join(dir, 'trama.sqlite');
}

interface Adapter<T> {
  name: string;
  open(): { store: T; reopen: (() => T) | null };
}

const verbaleAdapters: Adapter<VerbaleLog>[] = [
  { name: 'memory', open: () => ({ store: new MemoryVerbaleLog(), reopen: null }) },
  {
    name: 'sqlite',
    open: () => {
      const file = tmpFile();
      return { store: new SqliteVerbaleLog(file), reopen: () => new SqliteVerbaleLog(file) };
    },
  },
];

describe.each(verbaleAdapters)('verbale ($name)', (adapter) => {
  it('[VB1] entries come back per board, in the order recorded, with actor and time', () => {
    const { store } = adapter.open();
    store.record('a', { type: 'sessionOpened', session: 1 }, { at: 10 });
    store.record(
      'b',
      { type: 'joined', name: 'Anna', ente: 'Comune', role: 'partecipante' },
      { at: 11 },
    );
    store.record(
      'a',
      { type: 'focusChanged', step: 7 },
      {
        at: 12,
        actor: { name: 'Marco', ente: 'Coop', role: 'facilitatore' },
      },
    );
    const a = store.list('a');
    expect(a.map((e) => e.event.type)).toEqual(['sessionOpened', 'focusChanged']);
    expect(a[1]).toMatchObject({ boardId: 'a', at: 12, actor: { name: 'Marco' } });
    expect(a[0]?.seq).toBeLessThan(a[1]?.seq ?? 0);
    expect(store.list('b')).toHaveLength(1);
    expect(store.list('c')).toEqual([]);
    store.close();
  });

  it('[VB2] an invalid event is refused and nothing is written', () => {
    const { store } = adapter.open();
    expect(() =>
      store.record('a', { type: 'focusChanged', step: 12 } as unknown as Parameters<
        VerbaleLog['record']
      >[1]),
    ).toThrow();
    expect(store.list('a')).toEqual([]);
    store.close();
  });

  it('[VB3] entries survive closing and reopening (SQLite)', () => {
    const { store, reopen } = adapter.open();
    store.record('a', { type: 'exportMade', format: 'docx', lang: 'it' }, { at: 1 });
    store.close();
    if (!reopen) return;
    const again = reopen();
    expect(again.list('a').map((e) => e.event)).toEqual([
      { type: 'exportMade', format: 'docx', lang: 'it' },
    ]);
    again.close();
  });

  it('[VB4] after close every call throws VerbaleClosedError', () => {
    const { store } = adapter.open();
    store.close();
    expect(() => store.list('a')).toThrow(VerbaleClosedError);
    expect(() => store.record('a', { type: 'sessionClosed', session: 1 })).toThrow(
      VerbaleClosedError,
    );
  });
});

describe('sessionState', () => {
  it('[VB1] counts sessions and tells whether one is open', () => {
    const log = new MemoryVerbaleLog();
    expect(sessionState(log.list('a'))).toEqual({ last: 0, open: false });
    log.record('a', { type: 'sessionOpened', session: 1 });
    expect(sessionState(log.list('a'))).toEqual({ last: 1, open: true });
    log.record('a', { type: 'sessionClosed', session: 1 });
    expect(sessionState(log.list('a'))).toEqual({ last: 1, open: false });
  });
});

const snapshotAdapters: Adapter<SnapshotStore>[] = [
  { name: 'memory', open: () => ({ store: new MemorySnapshotStore(), reopen: null }) },
  {
    name: 'sqlite',
    open: () => {
      const file = tmpFile();
      return { store: new SqliteSnapshotStore(file), reopen: () => new SqliteSnapshotStore(file) };
    },
  },
];

function snap(id: string, boardId: string, createdAt: number) {
  return {
    id,
    boardId,
    name: `Sessione ${id}`,
    createdAt,
    auto: false,
    takenBy: 'Anna',
    cards: 2,
    bytes: 3,
    state: new Uint8Array([1, 2, 3]),
  };
}

describe.each(snapshotAdapters)('snapshot store ($name)', (adapter) => {
  it('[SN1] a saved snapshot lists newest first and reads back byte for byte, per board', () => {
    const { store } = adapter.open();
    store.save(snap('s1', 'a', 1));
    store.save(snap('s2', 'a', 2));
    store.save(snap('s3', 'b', 3));
    expect(store.list('a').map((s) => s.id)).toEqual(['s2', 's1']);
    expect(store.list('a')[0]).not.toHaveProperty('state');
    expect([...(store.get('a', 's1')?.state ?? [])]).toEqual([1, 2, 3]);
    // A snapshot is found only through its own board.
    expect(store.get('b', 's1')).toBeUndefined();
    expect(() => store.save(snap('s1', 'a', 4))).toThrow();
    store.close();
  });

  it('[SN1] snapshots survive closing and reopening (SQLite)', () => {
    const { store, reopen } = adapter.open();
    store.save(snap('s1', 'a', 1));
    store.close();
    if (!reopen) return;
    const again = reopen();
    expect(again.get('a', 's1')).toMatchObject({
      name: 'Sessione s1',
      takenBy: 'Anna',
      auto: false,
    });
    again.close();
  });

  it('[SN1] after close every call throws SnapshotsClosedError', () => {
    const { store } = adapter.open();
    store.close();
    expect(() => store.list('a')).toThrow(SnapshotsClosedError);
  });
});

describe('one database file', () => {
  it.each([
    ['board store first', true],
    ['outputs first', false],
  ])(
    '[SN1][VB3] the verbale and snapshots share trama.sqlite with the board store and the registry (%s)',
    async (_name, storeFirst) => {
      const file = tmpFile();
      const boards = storeFirst ? new SqliteBoardStore(file, 'process') : null;
      const verbale = new SqliteVerbaleLog(file);
      const snapshots = new SqliteSnapshotStore(file);
      const registry = new AccessRegistry(file);
      const later = boards ?? new SqliteBoardStore(file, 'process');
      await later.append([{ boardId: 'a', update: new Uint8Array([1]) }]);
      await later.compact('a', new Uint8Array([2]));
      verbale.record('a', { type: 'sessionOpened', session: 1 });
      snapshots.save(snap('s1', 'a', 1));
      expect((await later.load('a')).snapshot).toEqual(new Uint8Array([2]));
      expect(snapshots.list('a')).toHaveLength(1);
      expect(verbale.list('a')).toHaveLength(1);
      registry.close();
      snapshots.close();
      verbale.close();
      await later.close();
    },
  );
});
