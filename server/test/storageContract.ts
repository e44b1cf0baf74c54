import { beforeEach, describe, expect, it } from 'vitest';
import type { BoardStore } from '../src/storage/store.js';
import { StoreClosedError } from '../src/storage/store.js';

export interface StoreHarness {
  /** Opens the store (a fresh, empty one on first call after setup). */
  open(): Promise<BoardStore>;
  /** Closes `store` and opens it again over the same data. */
  reopen(store: BoardStore): Promise<BoardStore>;
}

const bytes = (...values: number[]) => new Uint8Array(values);

/** The rules of SPEC.md's storage section, run against one adapter. */
export function storageContract(name: string, makeHarness: () => StoreHarness): void {
  describe(`BoardStore contract: ${name}`, () => {
    let harness: StoreHarness;
    let store: BoardStore;
    beforeEach(async () => {
      harness = makeHarness();
      store = await harness.open();
      return async () => {
        await store.close();
      };
    });

    it('[ST1] an unknown board is empty', async () => {
      expect(await store.load('nobody')).toEqual({ snapshot: null, updates: [] });
      expect(await store.logLength('nobody')).toBe(0);
    });

    it('[ST2] appended updates load back byte for byte, in order', async () => {
      await store.append([{ boardId: 'b', update: bytes(1, 2) }]);
      await store.append([
        { boardId: 'b', update: bytes(3) },
        { boardId: 'b', update: bytes(4, 5, 6) },
      ]);
      const loaded = await store.load('b');
      expect(loaded.snapshot).toBeNull();
      expect(loaded.updates).toEqual([bytes(1, 2), bytes(3), bytes(4, 5, 6)]);
    });

    it('[ST2] stored bytes are not aliased to the caller’s buffers', async () => {
      const update = bytes(7, 7);
      await store.append([{ boardId: 'b', update }]);
      update[0] = 0;
      expect((await store.load('b')).updates).toEqual([bytes(7, 7)]);
    });

    it('[ST3] an acknowledged update is readable after restart', async () => {
      await store.append([{ boardId: 'b', update: bytes(9) }]);
      await store.compact('c', bytes(1, 1));
      store = await harness.reopen(store);
      expect((await store.load('b')).updates).toEqual([bytes(9)]);
      expect((await store.load('c')).snapshot).toEqual(bytes(1, 1));
    });

    it('[ST4] one append may carry several boards, each loads only its own', async () => {
      await store.append([
        { boardId: 'a', update: bytes(1) },
        { boardId: 'b', update: bytes(2) },
        { boardId: 'a', update: bytes(3) },
      ]);
      expect((await store.load('a')).updates).toEqual([bytes(1), bytes(3)]);
      expect((await store.load('b')).updates).toEqual([bytes(2)]);
    });

    it('[ST5] compact replaces the snapshot and empties the log; later updates follow it', async () => {
      await store.append([
        { boardId: 'a', update: bytes(1) },
        { boardId: 'other', update: bytes(5) },
      ]);
      await store.compact('a', bytes(10));
      await store.append([{ boardId: 'a', update: bytes(2) }]);
      await store.compact('a', bytes(20));
      await store.append([{ boardId: 'a', update: bytes(3) }]);
      expect(await store.load('a')).toEqual({ snapshot: bytes(20), updates: [bytes(3)] });
      expect(await store.load('other')).toEqual({ snapshot: null, updates: [bytes(5)] });
    });

    it('[ST8] calls take effect in the order they are made, awaited or not', async () => {
      const first = store.append([{ boardId: 'a', update: bytes(1) }]);
      const compaction = store.compact('a', bytes(10));
      const later = store.append([{ boardId: 'a', update: bytes(2) }]);
      await Promise.all([first, compaction, later]);
      expect(await store.load('a')).toEqual({ snapshot: bytes(10), updates: [bytes(2)] });
    });

    it('[ST8] many overlapping appends with a compaction among them keep their order', async () => {
      const range = (from: number, to: number) =>
        Array.from({ length: to - from + 1 }, (_, i) => bytes(from + i));
      const calls: Promise<void>[] = [];
      for (const update of range(1, 20)) {
        calls.push(
          store.append([
            { boardId: 'a', update },
            { boardId: 'b', update },
          ]),
        );
      }
      calls.push(store.compact('a', bytes(100)));
      for (const update of range(21, 40)) calls.push(store.append([{ boardId: 'a', update }]));
      await Promise.all(calls);
      expect(await store.load('a')).toEqual({ snapshot: bytes(100), updates: range(21, 40) });
      expect(await store.load('b')).toEqual({ snapshot: null, updates: range(1, 20) });
    });

    it('[ST6] logLength counts the updates after the snapshot', async () => {
      await store.append([
        { boardId: 'a', update: bytes(1) },
        { boardId: 'a', update: bytes(2) },
      ]);
      expect(await store.logLength('a')).toBe(2);
      await store.compact('a', bytes(3));
      expect(await store.logLength('a')).toBe(0);
      await store.append([{ boardId: 'a', update: bytes(4) }]);
      expect(await store.logLength('a')).toBe(1);
    });

    it('[ST7] a closed store rejects every operation and reports unhealthy', async () => {
      expect(store.isHealthy()).toBe(true);
      await store.close();
      expect(store.isHealthy()).toBe(false);
      await expect(store.load('a')).rejects.toBeInstanceOf(StoreClosedError);
      await expect(store.append([{ boardId: 'a', update: bytes(1) }])).rejects.toBeInstanceOf(
        StoreClosedError,
      );
      await expect(store.compact('a', bytes(1))).rejects.toBeInstanceOf(StoreClosedError);
      await expect(store.logLength('a')).rejects.toBeInstanceOf(StoreClosedError);
      await store.close();
    });
  });
}
