import { formatTimer, type TimerState, timerIsUp, timerRemainingMs } from '@trama/shared';

/** What a timer shows at one instant of the server's clock. */
export interface TimerView {
  /** `ended` also when a running timer has run out. */
  readonly phase: 'idle' | 'running' | 'paused' | 'ended';
  /** Milliseconds left; null when idle. */
  readonly remainingMs: number | null;
  /** `m:ss` (or `h:mm:ss`); '' when idle. */
  readonly text: string;
  /** Whole seconds left (rounded up as displayed), for comparisons and tests. */
  readonly seconds: number | null;
  /** Time elapsed over the full duration, 0–1 (for a progress bar). */
  readonly fraction: number;
  readonly durationMs: number;
}

/** Pure: the timer at server time `serverNow` (the local clock corrected by its offset). */
export function timerView(state: TimerState, serverNow: number): TimerView {
  const remainingMs = timerRemainingMs(state, serverNow);
  if (state.status === 'idle' || remainingMs === null) {
    return {
      phase: 'idle',
      remainingMs: null,
      text: '',
      seconds: null,
      fraction: 0,
      durationMs: 0,
    };
  }
  const up = timerIsUp(state, serverNow);
  const durationMs = state.durationMs;
  return {
    phase: up ? 'ended' : state.status === 'ended' ? 'ended' : state.status,
    remainingMs,
    text: formatTimer(remainingMs),
    seconds: Math.ceil(remainingMs / 1000),
    fraction: durationMs > 0 ? Math.min(1, Math.max(0, 1 - remainingMs / durationMs)) : 1,
    durationMs,
  };
}

/**
 * The view on a device's estimate of the server's clock, or null while a running timer cannot
 * be placed yet: until the first `GET /api/time` reply the local clock may be minutes off, and
 * a fast one would show (and announce) "time's up". If that first sync gets no reply the local
 * clock stands in. Idle, paused and ended timers need no clock.
 */
export function timerViewOn(
  state: TimerState,
  clock: { readonly ready: boolean; now(): number },
): TimerView | null {
  if (state.status === 'running' && !clock.ready) return null;
  return timerView(state, clock.now());
}

/**
 * What is worth saying out loud (aria-live polite) when the timer changes: its start, pause,
 * resumption, added time, five and one minute left, and the end. Never every second.
 */
export type TimerCue =
  | { readonly kind: 'started'; readonly minutes: number }
  | { readonly kind: 'paused' }
  | { readonly kind: 'resumed' }
  | { readonly kind: 'added'; readonly minutes: number }
  | { readonly kind: 'left'; readonly minutes: 5 | 1 }
  | { readonly kind: 'ended' }
  | { readonly kind: 'reset' };

const MINUTE = 60_000;
const THRESHOLDS = [5, 1] as const;

/**
 * Pure: the cue between two successive observations of the timer (null: say nothing). The
 * first observation (`previous` null: a page just opened, a late joiner) is silent — the
 * timer is on screen; announcing it would interrupt whatever the screen reader was reading.
 */
export function timerCue(
  previous: { readonly state: TimerState; readonly view: TimerView } | null,
  state: TimerState,
  view: TimerView,
): TimerCue | null {
  if (previous === null) return null;
  const before = previous.view;
  const was = previous.state;
  if (view.phase === 'ended') return before.phase === 'ended' ? null : { kind: 'ended' };
  if (view.phase === 'idle') return before.phase === 'idle' ? null : { kind: 'reset' };
  const started = { kind: 'started', minutes: Math.round(view.durationMs / MINUTE) } as const;
  const added = (ms: number) => ({ kind: 'added', minutes: Math.round(ms / MINUTE) }) as const;
  if (was.status === 'running' && state.status === 'running') {
    const grew = state.durationMs - was.durationMs;
    const moved = state.endsAt - was.endsAt;
    if (moved === 0 && grew === 0) return crossed(before, view);
    if (grew > 0) {
      // Added time: the end moves by what was added — or, once it had run out, counts from now.
      const now = state.endsAt - (view.remainingMs ?? 0);
      const expected = before.phase === 'ended' ? Math.max(0, now - was.endsAt) + grew : grew;
      if (Math.abs(moved - expected) < 1000) return added(grew);
    }
    return started;
  }
  if (was.status === 'paused' && state.status === 'paused') {
    const grew = state.durationMs - was.durationMs;
    if (grew > 0 && state.remainingMs - was.remainingMs === grew) return added(grew);
    return state.remainingMs === was.remainingMs ? null : started;
  }
  if (was.status === 'running' && state.status === 'paused') {
    return state.durationMs === was.durationMs ? { kind: 'paused' } : started;
  }
  if (was.status === 'paused' && state.status === 'running') {
    return state.durationMs === was.durationMs && view.remainingMs !== null
      ? { kind: 'resumed' }
      : started;
  }
  // From idle or ended to running or paused.
  return started;
}

/** Five or one minute left: said once, when the running timer crosses the mark. */
function crossed(before: TimerView, view: TimerView): TimerCue | null {
  if (before.remainingMs === null || view.remainingMs === null) return null;
  for (const minutes of THRESHOLDS) {
    const at = minutes * MINUTE;
    if (before.remainingMs > at && view.remainingMs <= at && view.durationMs > at) {
      return { kind: 'left', minutes };
    }
  }
  return null;
}
