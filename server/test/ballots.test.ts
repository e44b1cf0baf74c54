import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  BallotError,
  type BallotStore,
  BallotsClosedError,
  MemoryBallotStore,
  SqliteBallotStore,
} from '../src/plenary/ballots.js';
import { SqliteBoardStore } from '../src/storage/sqlite.js';

/** One contract for every ballot store ([VT2]–[VT5]). */

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tmpFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trama-ballots-'));
  dirs.push(dir);
  return path.join(dir, 'trama.sqlite');
}

const adapters: {
  name: string;
  open(): { store: BallotStore; reopen: (() => BallotStore) | null };
}[] = [
  { name: 'memory', open: () => ({ store: new MemoryBallotStore(), reopen: null }) },
  {
    name: 'sqlite',
    open: () => {
      const file = tmpFile();
      return { store: new SqliteBallotStore(file), reopen: () => new SqliteBallotStore(file) };
    },
  },
];

const RULES = { cardIds: ['a', 'b', 'c'], budget: 3, maxPerCard: 2 };

function problemOf(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (error) {
    if (error instanceof BallotError) return error.problem;
    throw error;
  }
}

describe.each(adapters)('ballot store ($name)', (adapter) => {
  it('[VT3] places, changes and removes dots; each person sees only their own ballot', () => {
    const { store } = adapter.open();
    store.open('b1', 'v1', RULES);
    expect(store.place('b1', 'v1', 'anna', 'a', 2)).toEqual({ dots: { a: 2 }, used: 2 });
    expect(store.place('b1', 'v1', 'bruno', 'a', 1)).toEqual({ dots: { a: 1 }, used: 1 });
    expect(store.place('b1', 'v1', 'anna', 'a', 1)).toEqual({ dots: { a: 1 }, used: 1 });
    expect(store.place('b1', 'v1', 'anna', 'b', 2)).toEqual({ dots: { a: 1, b: 2 }, used: 3 });
    expect(store.place('b1', 'v1', 'anna', 'a', 0)).toEqual({ dots: { b: 2 }, used: 2 });
    expect(store.ballot('b1', 'v1', 'bruno')).toEqual({ dots: { a: 1 }, used: 1 });
    expect(store.ballot('b1', 'v1', 'carla')).toEqual({ dots: {}, used: 0 });
    expect(store.voters('b1', 'v1')).toBe(2);
    store.close();
  });

  it('[VT3] refuses over budget, over the per-card maximum, unknown cards; nothing changes', () => {
    const { store } = adapter.open();
    store.open('b1', 'v1', RULES);
    store.place('b1', 'v1', 'anna', 'a', 2);
    store.place('b1', 'v1', 'anna', 'b', 1);
    expect(problemOf(() => store.place('b1', 'v1', 'anna', 'c', 1))).toBe('overBudget');
    expect(problemOf(() => store.place('b1', 'v1', 'anna', 'b', 3))).toBe('overCard');
    expect(problemOf(() => store.place('b1', 'v1', 'anna', 'zz', 1))).toBe('unknownCard');
    expect(problemOf(() => store.place('b1', 'v9', 'anna', 'a', 1))).toBe('unknownVote');
    expect(problemOf(() => store.place('b1', 'v1', 'anna', 'a', -1))).toBe('overCard');
    expect(store.ballot('b1', 'v1', 'anna')).toEqual({ dots: { a: 2, b: 1 }, used: 3 });
    // Moving a dot: take it off one card, then put it on another.
    store.place('b1', 'v1', 'anna', 'b', 0);
    expect(store.place('b1', 'v1', 'anna', 'c', 1).used).toBe(3);
    store.close();
  });

  it('[VT4] closing stops placements; the tally counts every card; purge deletes ballots', () => {
    const { store } = adapter.open();
    store.open('b1', 'v1', RULES);
    store.place('b1', 'v1', 'anna', 'a', 2);
    store.place('b1', 'v1', 'bruno', 'a', 1);
    store.place('b1', 'v1', 'bruno', 'b', 2);
    expect(store.closeVote('b1', 'v1')).toBe(true);
    expect(store.closeVote('b1', 'v1')).toBe(false);
    expect(store.isOpen('b1', 'v1')).toBe(false);
    expect(problemOf(() => store.place('b1', 'v1', 'anna', 'a', 1))).toBe('closed');
    // Closed but not purged: the count can be taken again (a reveal that failed to commit).
    const tally = { results: { a: 3, b: 2, c: 0 }, voters: 2 };
    expect(store.tally('b1', 'v1')).toEqual(tally);
    expect(store.tally('b1', 'v1')).toEqual(tally);
    store.purge('b1', 'v1');
    expect(store.ballot('b1', 'v1', 'anna')).toEqual({ dots: {}, used: 0 });
    expect(store.tally('b1', 'v1')).toEqual({ results: { a: 0, b: 0, c: 0 }, voters: 0 });
    expect(store.tally('b1', 'v9')).toBeNull();
    store.close();
  });

  it('[VT4] votes of other boards are untouched; a vote id opens once per board', () => {
    const { store } = adapter.open();
    store.open('b1', 'v1', RULES);
    store.open('b2', 'v1', RULES);
    store.place('b1', 'v1', 'anna', 'a', 1);
    store.place('b2', 'v1', 'anna', 'a', 2);
    store.closeVote('b1', 'v1');
    store.purge('b1', 'v1');
    expect(store.ballot('b2', 'v1', 'anna')).toEqual({ dots: { a: 2 }, used: 2 });
    expect(store.isOpen('b2', 'v1')).toBe(true);
    expect(() => store.open('b2', 'v1', RULES)).toThrow();
    store.close();
  });

  it('[VT5] an open vote and its ballots survive a restart', () => {
    const { store, reopen } = adapter.open();
    if (!reopen) {
      store.close();
      return;
    }
    store.open('b1', 'v1', RULES);
    store.place('b1', 'v1', 'anna', 'a', 2);
    store.close();
    const again = reopen();
    expect(again.isOpen('b1', 'v1')).toBe(true);
    expect(again.rules('b1', 'v1')).toEqual(RULES);
    expect(again.ballot('b1', 'v1', 'anna')).toEqual({ dots: { a: 2 }, used: 2 });
    again.close();
  });

  it('[VT5] refuses use after close', () => {
    const { store } = adapter.open();
    store.close();
    expect(() => store.isOpen('b1', 'v1')).toThrow(BallotsClosedError);
  });
});

describe('sqlite ballot store', () => {
  it('[VT5] shares the database file with the board store', async () => {
    const file = tmpFile();
    const boards = new SqliteBoardStore(file, 'process');
    const ballots = new SqliteBallotStore(file);
    ballots.open('b1', 'v1', RULES);
    await boards.append([{ boardId: 'b1', update: new Uint8Array([0, 0]) }]);
    expect(ballots.isOpen('b1', 'v1')).toBe(true);
    ballots.close();
    await boards.close();
  });
});
