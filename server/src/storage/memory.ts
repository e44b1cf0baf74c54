import { type BoardStore, type BoardUpdate, StoreClosedError, type StoredBoard } from './store.js';

interface MemoryBoard {
  snapshot: Uint8Array | null;
  updates: Uint8Array[];
}

/**
 * A store that keeps everything in memory: for tests and for benchmarking the sync core
 * without disk. Copies bytes in and out so callers cannot mutate what was stored.
 */
export class MemoryBoardStore implements BoardStore {
  readonly #boards = new Map<string, MemoryBoard>();
  #closed = false;

  #board(boardId: string): MemoryBoard {
    let board = this.#boards.get(boardId);
    if (!board) {
      board = { snapshot: null, updates: [] };
      this.#boards.set(boardId, board);
    }
    return board;
  }

  #assertOpen(): void {
    if (this.#closed) throw new StoreClosedError();
  }

  async load(boardId: string): Promise<StoredBoard> {
    this.#assertOpen();
    const board = this.#boards.get(boardId);
    return {
      snapshot: board?.snapshot ? board.snapshot.slice() : null,
      updates: board ? board.updates.map((u) => u.slice()) : [],
    };
  }

  async append(updates: readonly BoardUpdate[]): Promise<void> {
    this.#assertOpen();
    for (const { boardId, update } of updates) this.#board(boardId).updates.push(update.slice());
  }

  async compact(boardId: string, snapshot: Uint8Array): Promise<void> {
    this.#assertOpen();
    const board = this.#board(boardId);
    board.snapshot = snapshot.slice();
    board.updates = [];
  }

  async logLength(boardId: string): Promise<number> {
    this.#assertOpen();
    return this.#boards.get(boardId)?.updates.length ?? 0;
  }

  isHealthy(): boolean {
    return !this.#closed;
  }

  /** Closing keeps the data, so a test can "restart" by reopening over the same instance. */
  async close(): Promise<void> {
    this.#closed = true;
  }

  /** Reopens after close(), keeping the data: simulates a restart in tests. */
  reopen(): this {
    this.#closed = false;
    return this;
  }
}
