/**
 * Waiting without fixed sleeps: a condition is re-checked when something that can change it
 * happens (an event), and only falls back to short polling where no event exists.
 */

/** Anything with `on`/`off` (Node EventEmitter, lib0 Observable, Y.Doc). */
export interface Subscribable {
  on(event: string, listener: (...args: never[]) => void): unknown;
  off(event: string, listener: (...args: never[]) => void): unknown;
}

export interface WaitOptions {
  /** Give up after this long (ms). */
  timeoutMs?: number;
  /** Re-check whenever one of these fires. Without any, polls every `pollMs`. */
  on?: ReadonlyArray<readonly [Subscribable, string]>;
  /** Polling interval when no event is given (ms). */
  pollMs?: number;
  /** Describes the condition in the timeout error. */
  what?: string;
}

/** Resolves once `predicate()` is true; rejects with `what` after `timeoutMs`. */
export function waitFor(predicate: () => boolean, options: WaitOptions = {}): Promise<void> {
  const { timeoutMs = 5000, on = [], pollMs = 10, what = 'condition' } = options;
  if (predicate()) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    let done = false;
    const check = () => {
      if (done) return;
      let ok = false;
      try {
        ok = predicate();
      } catch (error) {
        finish(error);
        return;
      }
      if (ok) finish(null);
    };
    const poll = on.length === 0 ? setInterval(check, pollMs) : null;
    const timer = setTimeout(
      () => finish(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)),
      timeoutMs,
    );
    for (const [emitter, event] of on) emitter.on(event, check);
    function finish(error: unknown) {
      done = true;
      clearTimeout(timer);
      if (poll) clearInterval(poll);
      for (const [emitter, event] of on) emitter.off(event, check);
      if (error) reject(error);
      else resolve();
    }
  });
}

/** Resolves with the arguments of the next `event` that satisfies `filter`. */
export function nextEvent<T extends unknown[]>(
  emitter: Subscribable,
  event: string,
  options: { timeoutMs?: number; filter?: (...args: T) => boolean } = {},
): Promise<T> {
  const { timeoutMs = 5000, filter = () => true } = options;
  return new Promise<T>((resolve, reject) => {
    const listener = (...received: unknown[]) => {
      const args = received as T;
      if (!filter(...args)) return;
      clearTimeout(timer);
      emitter.off(event, listener);
      resolve(args);
    };
    const timer = setTimeout(() => {
      emitter.off(event, listener);
      reject(new Error(`timed out after ${timeoutMs} ms waiting for "${event}"`));
    }, timeoutMs);
    emitter.on(event, listener);
  });
}
