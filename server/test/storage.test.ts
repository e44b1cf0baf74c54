import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
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
