import type * as Y from 'yjs';
import { z } from 'zod';

/**
 * The plenary's live state, on the percorso board: what the facilitator has in focus and the
 * shared timer. Both live in the root map `plenary` so every board page and the projector see
 * them live and late joiners get them with the first sync. Only the server writes them (after
 * checking the role on `/api/percorsi/:id/plenary/...`), with the server's clock; the sync
 * server refuses any client update touching this root ([PL1]).
 */
export const PLENARY_ROOT = 'plenary';

const boardId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

/** [PL2] What the facilitator puts in focus. */
export const plenaryFocusSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('none') }),
  /** One of the nine passaggi metodologici. */
  z.strictObject({ kind: z.literal('step'), step: z.number().int().min(1).max(9) }),
  /** A tavolo / laboratorio board as a whole. */
  z.strictObject({ kind: z.literal('snodo'), boardId }),
  /** One card of a snodo board. */
  z.strictObject({ kind: z.literal('card'), boardId, cardId: z.string().min(1).max(64) }),
  /** All snodi side by side; `spotlight` picks one to show large. */
  z.strictObject({ kind: z.literal('confronto'), spotlight: boardId.nullable() }),
]);
export type PlenaryFocus = z.infer<typeof plenaryFocusSchema>;

/** The focus with when it was set (server time) and a counter, so clients see each change. */
export const focusStateSchema = z.object({
  focus: plenaryFocusSchema,
  seq: z.number().int().min(0),
  at: z.number().int().min(0),
});
export type FocusState = z.infer<typeof focusStateSchema>;

export const NO_FOCUS: FocusState = { focus: { kind: 'none' }, seq: 0, at: 0 };

/** Timer limits: a working session is minutes to hours; added time at most one hour. */
export const TIMER_MAX_MS = 4 * 60 * 60 * 1000;
export const TIMER_MAX_ADD_MS = 60 * 60 * 1000;
/** The longest a timer can grow to with added time. */
export const TIMER_LONGEST_MS = TIMER_MAX_MS + 4 * TIMER_MAX_ADD_MS;

/**
 * [PL3] The shared timer. Instants are the server's clock (ms since the epoch): a client
 * shows `endsAt - serverNow`, where serverNow is its own clock corrected by the offset it
 * measured against `GET /api/time`, so clients whose clocks disagree still agree on the time
 * left.
 */
export const timerStateSchema = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('idle') }),
  z.strictObject({
    status: z.literal('running'),
    durationMs: z.number().int().min(1).max(TIMER_LONGEST_MS),
    endsAt: z.number().int().min(0),
  }),
  z.strictObject({
    status: z.literal('paused'),
    durationMs: z.number().int().min(1).max(TIMER_LONGEST_MS),
    remainingMs: z.number().int().min(0),
  }),
  z.strictObject({
    status: z.literal('ended'),
    durationMs: z.number().int().min(0),
    endedAt: z.number().int().min(0),
  }),
]);
export type TimerState = z.infer<typeof timerStateSchema>;

export const IDLE_TIMER: TimerState = { status: 'idle' };

export const timerActionSchema = z.discriminatedUnion('action', [
  z.strictObject({
    action: z.literal('start'),
    durationMs: z.number().int().min(1000).max(TIMER_MAX_MS),
  }),
  z.strictObject({ action: z.literal('pause') }),
  z.strictObject({ action: z.literal('resume') }),
  z.strictObject({
    action: z.literal('add'),
    ms: z.number().int().min(1000).max(TIMER_MAX_ADD_MS),
  }),
  z.strictObject({ action: z.literal('end') }),
  z.strictObject({ action: z.literal('reset') }),
]);
export type TimerAction = z.infer<typeof timerActionSchema>;

export class TimerActionError extends Error {
  override name = 'TimerActionError';
}

/**
 * [PL4] The timer after an action taken at server time `now`. Pure: the server applies it
 * and writes the result; tests drive it with any clock. Pausing or resuming a timer that is
 * not running or paused is refused rather than silently ignored.
 */
export function applyTimerAction(state: TimerState, action: TimerAction, now: number): TimerState {
  switch (action.action) {
    case 'start':
      return { status: 'running', durationMs: action.durationMs, endsAt: now + action.durationMs };
    case 'pause':
      if (state.status !== 'running') throw new TimerActionError('the timer is not running');
      return {
        status: 'paused',
        durationMs: state.durationMs,
        remainingMs: Math.max(0, state.endsAt - now),
      };
    case 'resume':
      if (state.status !== 'paused') throw new TimerActionError('the timer is not paused');
      return {
        status: 'running',
        durationMs: state.durationMs,
        endsAt: now + state.remainingMs,
      };
    case 'add': {
      if (state.status === 'running' || state.status === 'paused') {
        // The end moves by exactly what the duration grows, up to the cap, so the time left
        // never exceeds the duration.
        const ms = Math.min(action.ms, TIMER_LONGEST_MS - state.durationMs);
        if (ms <= 0) throw new TimerActionError('the timer is as long as it can be');
        const durationMs = state.durationMs + ms;
        if (state.status === 'running') {
          // Time added after the end counts from now: "two more minutes" means two from now.
          return { status: 'running', durationMs, endsAt: Math.max(state.endsAt, now) + ms };
        }
        return { status: 'paused', durationMs, remainingMs: state.remainingMs + ms };
      }
      return { status: 'running', durationMs: action.ms, endsAt: now + action.ms };
    }
    case 'end':
      if (state.status === 'idle') throw new TimerActionError('no timer to end');
      return {
        status: 'ended',
        durationMs: state.durationMs,
        endedAt: state.status === 'ended' ? state.endedAt : now,
      };
    case 'reset':
      return IDLE_TIMER;
  }
}

/**
 * Milliseconds left at server time `serverNow`; 0 once the time is up; null when idle. Never
 * more than the duration: a client whose estimate of the server's clock is a few ms behind
 * would otherwise show a ten-minute timer at 10:01 just after it starts.
 */
export function timerRemainingMs(state: TimerState, serverNow: number): number | null {
  switch (state.status) {
    case 'idle':
      return null;
    case 'running':
      return Math.min(state.durationMs, Math.max(0, state.endsAt - serverNow));
    case 'paused':
      return Math.min(state.durationMs, state.remainingMs);
    case 'ended':
      return 0;
  }
}

/** True once the time is up: ended by the facilitator, or run out. */
export function timerIsUp(state: TimerState, serverNow: number): boolean {
  return state.status === 'ended' || (state.status === 'running' && state.endsAt <= serverNow);
}

/** `mm:ss` (or `h:mm:ss`), rounding up so the display reaches 0:00 exactly at the end. */
export function formatTimer(ms: number): string {
  const total = Math.ceil(Math.max(0, ms) / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0
    ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}`
    : `${minutes}:${seconds}`;
}

function plenaryMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(PLENARY_ROOT);
}

export function getFocusState(doc: Y.Doc): FocusState {
  const parsed = focusStateSchema.safeParse(plenaryMap(doc).get('focus'));
  return parsed.success ? parsed.data : NO_FOCUS;
}

/** Server side: puts something in focus, one change after the previous one. */
export function setFocus(doc: Y.Doc, focus: PlenaryFocus, at: number): FocusState {
  const state: FocusState = {
    focus: plenaryFocusSchema.parse(focus),
    seq: getFocusState(doc).seq + 1,
    at,
  };
  plenaryMap(doc).set('focus', state);
  return state;
}

export function getTimer(doc: Y.Doc): TimerState {
  const parsed = timerStateSchema.safeParse(plenaryMap(doc).get('timer'));
  return parsed.success ? parsed.data : IDLE_TIMER;
}

/** Server side: stores the timer computed by applyTimerAction. */
export function setTimer(doc: Y.Doc, state: TimerState): void {
  plenaryMap(doc).set('timer', timerStateSchema.parse(state));
}

/**
 * [PL6] The invite the projector shows as a QR code and short code, chosen by the
 * facilitator; `null` shows none. Whoever sees the wall can join with it, as intended.
 */
export const joinDisplaySchema = z
  .object({
    /** Short code, e.g. `K7QM-2XPA`, typed at `/j`. */
    code: z.string().min(1).max(32),
    /** Path with the token in the fragment, made absolute by the client for the QR code. */
    link: z.string().min(1).max(4096),
    label: z.string().max(120),
  })
  .nullable();
export type JoinDisplay = z.infer<typeof joinDisplaySchema>;

export function getJoinDisplay(doc: Y.Doc): JoinDisplay {
  const parsed = joinDisplaySchema.safeParse(plenaryMap(doc).get('join'));
  return parsed.success ? parsed.data : null;
}

/** Server side. */
export function setJoinDisplay(doc: Y.Doc, display: JoinDisplay): void {
  plenaryMap(doc).set('join', joinDisplaySchema.parse(display));
}
