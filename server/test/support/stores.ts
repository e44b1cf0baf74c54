import { MemoryBoardStore } from '../../src/storage/memory.js';
import type { BoardUpdate } from '../../src/storage/store.js';

/** A memory store whose commits wait until the test opens the gate, and that counts them. */
export class GatedStore extends MemoryBoardStore {
  appends: BoardUpdate[][] = [];
  #gate: Promise<void> | null = null;
  #open: (() => void) | null = null;

  closeGate(): void {
    this.#gate = new Promise((resolve) => {
      this.#open = resolve;
    });
  }

  openGate(): void {
    this.#open?.();
    this.#gate = null;
    this.#open = null;
  }

  override async append(updates: readonly BoardUpdate[]): Promise<void> {
    this.appends.push([...updates]);
    if (this.#gate) await this.#gate;
    return super.append(updates);
  }
}

/** A memory store whose next `failures` commits fail, as a full disk would. */
export class FlakyStore extends MemoryBoardStore {
  failures = 0;

  override async append(updates: readonly BoardUpdate[]): Promise<void> {
    if (this.failures > 0) {
      this.failures--;
      throw new Error('disk full');
    }
    return super.append(updates);
  }
}
