/**
 * Where boards' Yjs state lives between restarts. Rules every adapter obeys are numbered in
 * server/SPEC.md (`[ST1]`…) and checked by the shared contract suite
 * (server/test/storageContract.ts).
 */

/** One update to append to a board's log. */
export interface BoardUpdate {
  boardId: string;
  update: Uint8Array;
}

/** What a board is made of on disk: an optional snapshot, then the updates logged after it. */
export interface StoredBoard {
  snapshot: Uint8Array | null;
  updates: Uint8Array[];
}

/**
 * Calls take effect in the order they are made, even when their promises are not awaited
 * ([ST8]): the sync core relies on it to compact without holding up commits.
 */
export interface BoardStore {
  /** The board's snapshot and log tail; an unknown board is empty. */
  load(boardId: string): Promise<StoredBoard>;
  /**
   * Appends updates, possibly for several boards, as one atomic commit. Resolves only once
   * the commit is durable to the store's durability setting.
   */
  append(updates: readonly BoardUpdate[]): Promise<void>;
  /**
   * Replaces the board's snapshot with `snapshot` and drops its whole log. The caller
   * guarantees that `snapshot` contains every update appended for this board so far.
   */
  compact(boardId: string, snapshot: Uint8Array): Promise<void>;
  /** Number of updates in the board's log after its snapshot. */
  logLength(boardId: string): Promise<number>;
  /** Whether the store can serve (for health checks). */
  isHealthy(): boolean;
  /** Flushes and releases the store; later calls reject. */
  close(): Promise<void>;
}

export class StoreClosedError extends Error {
  override name = 'StoreClosedError';
  constructor() {
    super('the board store is closed');
  }
}
