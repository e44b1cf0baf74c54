import { type ClockOffset, type ClockSample, estimateClockOffset } from '@trama/shared';

/**
 * The server's clock as this device sees it ([PL5]): samples of `GET /api/time`, the best
 * (shortest round trip) wins. Pure apart from the injected `localNow` and `fetchNow`, so tests
 * drive it with skewed clocks and slow networks.
 */
export class ServerClock {
  private samples: ClockSample[] = [];
  private offset: ClockOffset | null = null;
  /** The first sync got no reply at all: the local clock is the best there is for now. */
  private unreachable = false;
  /** Bumped on every change, for `useSyncExternalStore`. */
  private version = 0;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly localNow: () => number = () => Date.now(),
    /** How many samples a `sync` takes; more shrink the error on a jittery network. */
    private readonly perSync = 4,
    /** Samples kept across syncs (older ones age out: clocks drift). */
    private readonly keep = 8,
  ) {}

  /** The server's time now, best estimate; the local clock until a sample arrives. */
  now = (): number => this.localNow() + (this.offset?.offsetMs ?? 0);

  getOffset = (): ClockOffset | null => this.offset;

  /** True once at least one sample arrived. */
  get known(): boolean {
    return this.offset !== null;
  }

  /**
   * True once a running timer can be shown: a sample arrived, or a sync found the server
   * unreachable (then the local clock stands in until a later sync succeeds).
   */
  get ready(): boolean {
    return this.offset !== null || this.unreachable;
  }

  getVersion = (): number => this.version;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  /** Records one measurement (sent before asking, received after the reply). */
  addSample(sample: ClockSample): void {
    this.samples = [...this.samples, sample].slice(-this.keep);
    const next = estimateClockOffset(this.samples);
    const changed =
      next?.offsetMs !== this.offset?.offsetMs || next?.errorMs !== this.offset?.errorMs;
    this.offset = next;
    if (changed) this.notify();
  }

  /** Asks the server `perSync` times in a row; failures are skipped (offline: keep the last). */
  async sync(fetchNow: () => Promise<number>): Promise<void> {
    for (let i = 0; i < this.perSync; i++) {
      const sentAt = this.localNow();
      let serverNow: number;
      try {
        serverNow = await fetchNow();
      } catch {
        if (this.offset === null && !this.unreachable) {
          this.unreachable = true;
          this.notify();
        }
        return;
      }
      this.addSample({ sentAt, receivedAt: this.localNow(), serverNow });
    }
  }

  private notify(): void {
    this.version += 1;
    for (const listener of this.listeners) listener();
  }
}
