import { applyTimerAction, IDLE_TIMER, type TimerState } from '@trama/shared';
import { describe, expect, test } from 'vitest';
import { ServerClock } from '../src/plenary/serverClock';
import { timerCue, timerView, timerViewOn } from '../src/plenary/timerModel';

/**
 * [PL3][PL5] The timer as each client shows it: the server's clock is the reference, so
 * devices whose clocks are minutes off — and someone who opens the page late — show the same
 * seconds left.
 */

const MIN = 60_000;

/** A simulated room: one server clock, clients with skewed clocks, a network with latency. */
function room() {
  let serverTime = 1_800_000_000_000;
  const server = {
    now: () => serverTime,
    advance(ms: number) {
      serverTime += ms;
    },
  };
  function client(skewMs: number, latencyMs = { up: 30, down: 50 }) {
    const local = () => server.now() + skewMs;
    const clock = new ServerClock(local);
    const fetchNow = async () => {
      server.advance(latencyMs.up);
      const stamped = server.now();
      server.advance(latencyMs.down);
      return stamped;
    };
    return { clock, fetchNow, local };
  }
  return { server, client };
}

/** A timer started at the server's current time. */
function startedNow(server: ReturnType<typeof room>['server'], durationMs: number): TimerState {
  return applyTimerAction(IDLE_TIMER, { action: 'start', durationMs }, server.now());
}

describe('server clock and timer view', () => {
  test('[PL5] clients whose clocks are minutes off show the same time left', async () => {
    const { server, client } = room();
    const ahead = client(7 * MIN);
    const behind = client(-3 * MIN - 1234, { up: 5, down: 120 });
    const exact = client(0, { up: 1, down: 1 });
    await ahead.clock.sync(ahead.fetchNow);
    await behind.clock.sync(behind.fetchNow);
    await exact.clock.sync(exact.fetchNow);

    // The facilitator starts a 10-minute timer: the server stamps it with its own clock.
    const timer = applyTimerAction(
      IDLE_TIMER,
      { action: 'start', durationMs: 10 * MIN },
      server.now(),
    );
    server.advance(2 * MIN + 500);
    const seconds = [ahead, behind, exact].map((c) => timerView(timer, c.clock.now()).seconds);
    // Each estimate is right to within half a round trip (≤ 63 ms here).
    for (const value of seconds) expect(value).toBeGreaterThanOrEqual(7 * 60 + 59);
    for (const value of seconds) expect(value).toBeLessThanOrEqual(8 * 60);
    // Without the correction the client 7 minutes ahead would see 1:00.
    expect(timerView(timer, ahead.local()).seconds).toBe(60);
    expect(timerView(timer, ahead.clock.now()).text).toMatch(/^(7:59|8:00)$/);
  });

  test('a late joiner sees the running timer, paused time and added time correctly', async () => {
    const { server, client } = room();
    let timer: TimerState = applyTimerAction(
      IDLE_TIMER,
      { action: 'start', durationMs: 10 * MIN },
      server.now(),
    );
    server.advance(4 * MIN);
    timer = applyTimerAction(timer, { action: 'pause' }, server.now());
    server.advance(3 * MIN); // paused: no time passes on the timer
    timer = applyTimerAction(timer, { action: 'resume' }, server.now());
    server.advance(1 * MIN);
    timer = applyTimerAction(timer, { action: 'add', ms: 5 * MIN }, server.now());
    server.advance(30_000);

    // Opens the projector now, with a clock 7 minutes fast.
    const late = client(7 * MIN + 321);
    await late.clock.sync(late.fetchNow);
    const view = timerView(timer, late.clock.now());
    expect(view.phase).toBe('running');
    // 10 − 4 − 1 + 5 − 0.5 = 9.5 minutes left (minus the sync's own 320 ms)
    expect(view.seconds).toBeGreaterThanOrEqual(9 * 60 + 29);
    expect(view.seconds).toBeLessThanOrEqual(9 * 60 + 30);
    expect(view.durationMs).toBe(15 * MIN);
  });

  test('a running timer waits for the server clock: a fast clock never flashes time up', async () => {
    const { server, client } = room();
    const timer = startedNow(server, 5 * MIN);
    const wall = client(7 * MIN);
    // On the wall's own clock the timer ran out two minutes ago.
    expect(timerView(timer, wall.clock.now()).phase).toBe('ended');
    expect(timerViewOn(timer, wall.clock)).toBeNull();
    // Paused, ended and idle timers need no clock.
    const paused = applyTimerAction(timer, { action: 'pause' }, server.now());
    expect(timerViewOn(paused, wall.clock)).toMatchObject({ phase: 'paused', seconds: 5 * 60 });
    expect(timerViewOn(IDLE_TIMER, wall.clock)).toMatchObject({ phase: 'idle' });
    await wall.clock.sync(wall.fetchNow);
    expect(timerViewOn(timer, wall.clock)).toMatchObject({ phase: 'running' });
  });

  test('if the first sync gets no reply, the local clock stands in until one does', async () => {
    const { server, client } = room();
    const timer = startedNow(server, 5 * MIN);
    const wall = client(30_000);
    let changes = 0;
    wall.clock.subscribe(() => {
      changes += 1;
    });
    const version = wall.clock.getVersion();
    await wall.clock.sync(() => Promise.reject(new Error('offline')));
    // Subscribers hear of it (the page re-renders) and the timer shows on the local clock.
    expect(changes).toBe(1);
    expect(wall.clock.getVersion()).not.toBe(version);
    expect(wall.clock.known).toBe(false);
    expect(timerViewOn(timer, wall.clock)).toMatchObject({
      phase: 'running',
      seconds: 4 * 60 + 30,
    });
    await wall.clock.sync(wall.fetchNow);
    expect(timerViewOn(timer, wall.clock)?.seconds).toBe(5 * 60);
  });

  test('the shortest round trip wins; a failed sample keeps the last estimate', async () => {
    const clock = new ServerClock(() => 1000);
    clock.addSample({ sentAt: 0, receivedAt: 400, serverNow: 10_000 }); // offset 9800 ± 200
    clock.addSample({ sentAt: 0, receivedAt: 20, serverNow: 10_190 }); // offset 10180 ± 10
    expect(clock.getOffset()).toEqual({ offsetMs: 10_180, errorMs: 10 });
    expect(clock.now()).toBe(11_180);
    await clock.sync(() => Promise.reject(new Error('offline')));
    expect(clock.getOffset()?.offsetMs).toBe(10_180);
    expect(new ServerClock(() => 5).now()).toBe(5);
  });

  test('time up: a running timer past its end shows 0:00 and reads as ended', () => {
    const timer = applyTimerAction(IDLE_TIMER, { action: 'start', durationMs: 60_000 }, 0);
    expect(timerView(timer, 59_001).text).toBe('0:01');
    expect(timerView(timer, 60_000)).toMatchObject({ phase: 'ended', text: '0:00', seconds: 0 });
    expect(timerView(IDLE_TIMER, 0)).toMatchObject({ phase: 'idle', text: '' });
  });
});

describe('what the timer announces', () => {
  function observe(state: TimerState, now: number) {
    return { state, view: timerView(state, now) };
  }
  function cue(
    a: { state: TimerState; now: number } | null,
    b: { state: TimerState; now: number },
  ) {
    return timerCue(a && observe(a.state, a.now), b.state, timerView(b.state, b.now));
  }

  test('a page opening on a running timer says nothing; start, pause, resume, end are said', () => {
    const running = applyTimerAction(IDLE_TIMER, { action: 'start', durationMs: 10 * MIN }, 0);
    expect(cue(null, { state: running, now: 1000 })).toBeNull();
    expect(cue({ state: IDLE_TIMER, now: 0 }, { state: running, now: 0 })).toEqual({
      kind: 'started',
      minutes: 10,
    });
    const paused = applyTimerAction(running, { action: 'pause' }, 2 * MIN);
    expect(cue({ state: running, now: 2 * MIN }, { state: paused, now: 2 * MIN })).toEqual({
      kind: 'paused',
    });
    const resumed = applyTimerAction(paused, { action: 'resume' }, 3 * MIN);
    expect(cue({ state: paused, now: 3 * MIN }, { state: resumed, now: 3 * MIN })).toEqual({
      kind: 'resumed',
    });
    const ended = applyTimerAction(resumed, { action: 'end' }, 4 * MIN);
    expect(cue({ state: resumed, now: 4 * MIN }, { state: ended, now: 4 * MIN })).toEqual({
      kind: 'ended',
    });
    expect(cue({ state: ended, now: 4 * MIN }, { state: IDLE_TIMER, now: 4 * MIN })).toEqual({
      kind: 'reset',
    });
  });

  test('five and one minute left once each; running out is the end; added time', () => {
    const running = applyTimerAction(IDLE_TIMER, { action: 'start', durationMs: 10 * MIN }, 0);
    const at = (ms: number) => ({ state: running, now: ms });
    expect(cue(at(4 * MIN), at(4 * MIN + 500))).toBeNull();
    expect(cue(at(5 * MIN - 200), at(5 * MIN + 300))).toEqual({ kind: 'left', minutes: 5 });
    expect(cue(at(5 * MIN + 300), at(5 * MIN + 800))).toBeNull();
    expect(cue(at(9 * MIN - 1), at(9 * MIN))).toEqual({ kind: 'left', minutes: 1 });
    expect(cue(at(10 * MIN - 10), at(10 * MIN))).toEqual({ kind: 'ended' });
    expect(cue(at(10 * MIN), at(10 * MIN + 1000))).toBeNull();
    const more = applyTimerAction(running, { action: 'add', ms: 2 * MIN }, 3 * MIN);
    expect(cue(at(3 * MIN), { state: more, now: 3 * MIN })).toEqual({ kind: 'added', minutes: 2 });
    // Added after it ran out: counts from now, and is still "added".
    const late = applyTimerAction(running, { action: 'add', ms: MIN }, 11 * MIN);
    expect(cue(at(11 * MIN), { state: late, now: 11 * MIN })).toEqual({
      kind: 'added',
      minutes: 1,
    });
    // Started again with the same duration.
    const again = applyTimerAction(running, { action: 'start', durationMs: 10 * MIN }, 6 * MIN);
    expect(cue(at(6 * MIN), { state: again, now: 6 * MIN })).toEqual({
      kind: 'started',
      minutes: 10,
    });
  });
});
