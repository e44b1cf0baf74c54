import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addCard,
  applyTimerAction,
  estimateClockOffset,
  formatTimer,
  getCardVotes,
  getFocusState,
  getOpenVotazione,
  getTimer,
  IDLE_TIMER,
  initPercorsoBoard,
  initSnodoBoard,
  openVotazioneBody,
  parseApiBody,
  revealVotazione,
  setFocus,
  setTimer,
  TIMER_LONGEST_MS,
  TIMER_MAX_ADD_MS,
  TIMER_MAX_MS,
  TimerActionError,
  type TimerState,
  timerIsUp,
  timerRemainingMs,
  votazioni,
} from '../src/index.js';

const MIN = 60_000;

describe('timer', () => {
  it('[PL4] start, pause, resume and add keep the time left exact', () => {
    let t: TimerState = applyTimerAction(IDLE_TIMER, { action: 'start', durationMs: 10 * MIN }, 0);
    expect(timerRemainingMs(t, 3 * MIN)).toBe(7 * MIN);
    t = applyTimerAction(t, { action: 'pause' }, 3 * MIN);
    // Paused: the time left does not move, however long the pause.
    expect(timerRemainingMs(t, 50 * MIN)).toBe(7 * MIN);
    t = applyTimerAction(t, { action: 'resume' }, 50 * MIN);
    expect(timerRemainingMs(t, 51 * MIN)).toBe(6 * MIN);
    t = applyTimerAction(t, { action: 'add', ms: 2 * MIN }, 51 * MIN);
    expect(timerRemainingMs(t, 51 * MIN)).toBe(8 * MIN);
    expect(t).toMatchObject({ status: 'running', durationMs: 12 * MIN });
    expect(timerIsUp(t, 59 * MIN)).toBe(true);
    expect(timerRemainingMs(t, 70 * MIN)).toBe(0);
  });

  it('[PL4] time added after the end counts from now; end and reset', () => {
    let t = applyTimerAction(IDLE_TIMER, { action: 'start', durationMs: MIN }, 0);
    t = applyTimerAction(t, { action: 'add', ms: 2 * MIN }, 5 * MIN);
    expect(timerRemainingMs(t, 5 * MIN)).toBe(2 * MIN);
    t = applyTimerAction(t, { action: 'end' }, 6 * MIN);
    expect(t).toEqual({ status: 'ended', durationMs: 3 * MIN, endedAt: 6 * MIN });
    expect(timerIsUp(t, 0)).toBe(true);
    expect(applyTimerAction(t, { action: 'end' }, 9 * MIN)).toEqual(t);
    expect(applyTimerAction(t, { action: 'reset' }, 9 * MIN)).toEqual(IDLE_TIMER);
    expect(timerRemainingMs(IDLE_TIMER, 0)).toBeNull();
    // Adding to an idle timer starts one.
    expect(applyTimerAction(IDLE_TIMER, { action: 'add', ms: MIN }, 7)).toEqual({
      status: 'running',
      durationMs: MIN,
      endsAt: 7 + MIN,
    });
  });

  it('[PL4] pausing what is not running, resuming what is not paused, ending nothing: refused', () => {
    expect(() => applyTimerAction(IDLE_TIMER, { action: 'pause' }, 0)).toThrow(TimerActionError);
    expect(() => applyTimerAction(IDLE_TIMER, { action: 'resume' }, 0)).toThrow(TimerActionError);
    expect(() => applyTimerAction(IDLE_TIMER, { action: 'end' }, 0)).toThrow(TimerActionError);
  });

  it('[PL4] added time stops at the longest timer; the end moves by what was really added', () => {
    let t: TimerState = applyTimerAction(
      IDLE_TIMER,
      { action: 'start', durationMs: TIMER_MAX_MS },
      0,
    );
    for (let i = 0; i < 4; i++) t = applyTimerAction(t, { action: 'add', ms: TIMER_MAX_ADD_MS }, 0);
    expect(t).toEqual({
      status: 'running',
      durationMs: TIMER_LONGEST_MS,
      endsAt: TIMER_LONGEST_MS,
    });
    // Half an hour short of the longest, an hour more adds half an hour, to the end as well.
    const short: TimerState = {
      status: 'running',
      durationMs: TIMER_LONGEST_MS - 30 * MIN,
      endsAt: 0,
    };
    expect(applyTimerAction(short, { action: 'add', ms: TIMER_MAX_ADD_MS }, 0)).toEqual({
      status: 'running',
      durationMs: TIMER_LONGEST_MS,
      endsAt: 30 * MIN,
    });
    expect(() => applyTimerAction(t, { action: 'add', ms: MIN }, 0)).toThrow(TimerActionError);
    const paused = applyTimerAction(t, { action: 'pause' }, MIN);
    expect(() => applyTimerAction(paused, { action: 'add', ms: MIN }, MIN)).toThrow(
      TimerActionError,
    );
  });

  it('[PL5] a clock estimate a little behind the server never shows more than the duration', () => {
    const t = applyTimerAction(IDLE_TIMER, { action: 'start', durationMs: 10 * MIN }, 5000);
    // 3 ms behind, right after the start: 10:00, not 10:01.
    expect(timerRemainingMs(t, 4997)).toBe(10 * MIN);
    expect(formatTimer(timerRemainingMs(t, 4997) ?? 0)).toBe('10:00');
    expect(timerRemainingMs(t, 5000 + 1500)).toBe(10 * MIN - 1500);
    // A stored paused timer with more left than its duration (hand-edited, older) is capped too.
    expect(timerRemainingMs({ status: 'paused', durationMs: MIN, remainingMs: 2 * MIN }, 0)).toBe(
      MIN,
    );
  });

  it('formats mm:ss rounding up, and h:mm:ss past an hour', () => {
    expect(formatTimer(10 * MIN)).toBe('10:00');
    expect(formatTimer(59_001)).toBe('1:00');
    expect(formatTimer(1)).toBe('0:01');
    expect(formatTimer(0)).toBe('0:00');
    expect(formatTimer(-5)).toBe('0:00');
    expect(formatTimer(61 * MIN)).toBe('1:01:00');
  });

  it('[PL3] the stored timer round-trips; anything malformed reads as idle', () => {
    const doc = new Y.Doc();
    initPercorsoBoard(doc);
    expect(getTimer(doc)).toEqual(IDLE_TIMER);
    const running: TimerState = { status: 'running', durationMs: MIN, endsAt: 123 };
    setTimer(doc, running);
    expect(getTimer(doc)).toEqual(running);
    doc.getMap('plenary').set('timer', { status: 'running', endsAt: 'soon' });
    expect(getTimer(doc)).toEqual(IDLE_TIMER);
    expect(() => setTimer(doc, { status: 'bogus' } as unknown as TimerState)).toThrow();
  });
});

describe('clock offset', () => {
  it('[PL5] clients with skewed clocks agree on the time left', () => {
    const serverNow = 1_000_000;
    const endsAt = serverNow + 10 * MIN;
    const timer: TimerState = { status: 'running', durationMs: 10 * MIN, endsAt };
    // Two clients, one 7 minutes fast and one 3 minutes slow, each with a 40 ms round trip.
    const remaining = [7 * MIN, -3 * MIN].map((skew) => {
      const sentAt = serverNow + skew - 20;
      const offset = estimateClockOffset([{ sentAt, receivedAt: sentAt + 40, serverNow }]);
      expect(offset).not.toBeNull();
      const localNow = serverNow + skew + 60_000;
      return timerRemainingMs(timer, localNow + (offset?.offsetMs ?? 0));
    });
    expect(remaining).toEqual([9 * MIN, 9 * MIN]);
  });

  it('[PL5] the sample with the shortest round trip wins; nonsense samples are ignored', () => {
    const offset = estimateClockOffset([
      { sentAt: 0, receivedAt: 1000, serverNow: 5000 },
      { sentAt: 2000, receivedAt: 2010, serverNow: 7005 },
      { sentAt: 3000, receivedAt: 2000, serverNow: 0 },
    ]);
    expect(offset).toEqual({ offsetMs: 5000, errorMs: 5 });
    expect(estimateClockOffset([])).toBeNull();
  });
});

describe('focus', () => {
  it('[PL2] each change gets the next seq; bad focus is refused', () => {
    const doc = new Y.Doc();
    initPercorsoBoard(doc);
    expect(getFocusState(doc).focus).toEqual({ kind: 'none' });
    setFocus(doc, { kind: 'step', step: 7 }, 10);
    const state = setFocus(doc, { kind: 'card', boardId: 'b1', cardId: 'c1' }, 20);
    expect(state).toEqual({ focus: { kind: 'card', boardId: 'b1', cardId: 'c1' }, seq: 2, at: 20 });
    expect(getFocusState(doc)).toEqual(state);
    expect(() => setFocus(doc, { kind: 'step', step: 10 }, 30)).toThrow();
    expect(getFocusState(doc).seq).toBe(2);
  });
});

describe('votazioni', () => {
  it('[VT1] reveal writes the tally on the vote and its cards, 0 for cards without dots', () => {
    const doc = new Y.Doc();
    initSnodoBoard(doc);
    const a = addCard(doc, 'obiettivo');
    const b = addCard(doc, 'obiettivo');
    const id = votazioni.add(doc, {
      titolo: 'Priorità',
      cardIds: [a, b],
      budget: 3,
      maxPerCard: 3,
      status: 'open',
      openedAt: 1,
    });
    expect(getOpenVotazione(doc)?.id).toBe(id);
    revealVotazione(doc, id, { results: { [a]: 5 }, voters: 2, at: 9 });
    expect(getOpenVotazione(doc)).toBeUndefined();
    expect(votazioni.get(doc, id)).toMatchObject({
      status: 'revealed',
      results: { [a]: 5, [b]: 0 },
      voters: 2,
      closedAt: 9,
    });
    expect(getCardVotes(doc, a)).toEqual({ total: 5, byVotazione: { [id]: 5 } });
    expect(getCardVotes(doc, b).total).toBe(0);
  });

  it('[VT1] opening a vote: cards must not repeat, budget within bounds', () => {
    expect(
      parseApiBody(openVotazioneBody, { titolo: 'x', cardIds: ['a', 'a'], budget: 3 }),
    ).toEqual({ ok: false, message: 'cardIds: cardIds must not repeat' });
    expect(parseApiBody(openVotazioneBody, { titolo: 'x', cardIds: ['a'], budget: 0 }).ok).toBe(
      false,
    );
    expect(parseApiBody(openVotazioneBody, { titolo: 'x', cardIds: ['a'], budget: 3 }).ok).toBe(
      true,
    );
  });
});
