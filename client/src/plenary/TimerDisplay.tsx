import type { TimerState } from '@trama/shared';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { readPreference, writePreference } from '../app/preferences';
import { type TimerCue, type TimerView, timerCue, timerViewOn } from './timerModel';
import { useServerClock } from './useServerClock';

const SOUND_KEY = 'plenary.sound';
const TICK_MS = 200;

/** A soft two-note chime through WebAudio (only when the person turned sound on). */
function chime(): void {
  const Context =
    window.AudioContext ??
    (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
  if (Context === undefined) return;
  try {
    const audio = new Context();
    [523.25, 659.25].forEach((frequency, index) => {
      const start = audio.currentTime + index * 0.35;
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.type = 'sine';
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(0.12, start + 0.05);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.6);
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start(start);
      oscillator.stop(start + 0.65);
    });
    setTimeout(() => void audio.close(), 1500);
  } catch {
    // No audio device: the visual signal and the announcement remain.
  }
}

export function useTimerSound(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(() => readPreference(SOUND_KEY) === 'on');
  return [
    on,
    (next: boolean) => {
      writePreference(SOUND_KEY, next ? 'on' : 'off');
      setOn(next);
    },
  ];
}

/**
 * The timer's view now, re-rendered a few times a second while it runs; null while a running
 * timer waits for the server's clock.
 */
export function useTimerView(timer: TimerState): TimerView | null {
  const clock = useServerClock();
  const [, setTick] = useState(0);
  useEffect(() => {
    if (timer.status !== 'running') return;
    const interval = setInterval(() => setTick((n) => n + 1), TICK_MS);
    return () => clearInterval(interval);
  }, [timer]);
  // Read at render: a new clock estimate (after a resync) shows at once.
  return timerViewOn(timer, clock);
}

function cueText(t: ReturnType<typeof useTranslation>['t'], cue: TimerCue): string {
  switch (cue.kind) {
    case 'started':
      return t('plenary.timer.cue.started', { count: cue.minutes });
    case 'added':
      return t('plenary.timer.cue.added', { count: cue.minutes });
    case 'left':
      return t('plenary.timer.cue.left', { count: cue.minutes });
    case 'paused':
      return t('plenary.timer.cue.paused');
    case 'resumed':
      return t('plenary.timer.cue.resumed');
    case 'ended':
      return t('plenary.timer.cue.ended');
    case 'reset':
      return t('plenary.timer.cue.reset');
  }
}

/**
 * The shared timer in server time ([PL3]): `m:ss`, a progress bar, and — at sensible moments
 * only (start, pause, added time, five and one minute left, the end) — a polite announcement.
 * When time is up it pulses gently (a still highlight under prefers-reduced-motion) and, if
 * this person turned it on, plays a soft chime.
 */
export function TimerDisplay({
  timer,
  variant,
  announce = true,
  soundToggle = false,
}: {
  timer: TimerState;
  variant: 'projector' | 'bar' | 'console';
  /** One announcer per page: the console next to a bar stays quiet. */
  announce?: boolean;
  soundToggle?: boolean;
}) {
  const { t } = useTranslation();
  const view = useTimerView(timer);
  const [sound, setSound] = useTimerSound();
  const labelId = useId();
  const previous = useRef<{ state: TimerState; view: TimerView } | null>(null);
  const [message, setMessage] = useState('');
  const [signal, setSignal] = useState(false);

  useEffect(() => {
    // Nothing is shown yet, so nothing is observed: the first placed view stays silent.
    if (view === null) return;
    const cue = timerCue(previous.current, timer, view);
    previous.current = { state: timer, view };
    if (cue === null) return;
    if (announce) setMessage(cueText(t, cue));
    if (cue.kind === 'ended') {
      setSignal(true);
      if (sound && announce) chime();
    } else if (cue.kind !== 'left') {
      setSignal(false);
    }
  }, [timer, view, t, announce, sound]);

  const live = announce ? (
    <div className="visually-hidden" role="status" aria-live="polite" data-testid="timer-announcer">
      {message}
    </div>
  ) : null;

  const up = view?.phase === 'ended';
  return (
    <>
      {view === null || view.phase === 'idle' ? null : (
        <div
          className={`plenary-timer plenary-timer--${variant}${up ? ' plenary-timer--up' : ''}${signal && up ? ' plenary-timer--signal' : ''}`}
          data-testid="plenary-timer"
          data-phase={view.phase}
          data-seconds={view.seconds ?? ''}
        >
          <span id={labelId} className="plenary-timer__label">
            {up
              ? t('plenary.timer.up')
              : view.phase === 'paused'
                ? t('plenary.timer.paused')
                : t('plenary.timer.label')}
          </span>
          <span
            className="plenary-timer__time"
            role="timer"
            aria-labelledby={labelId}
            data-testid="plenary-timer-time"
          >
            {view.text}
          </span>
          <span className="plenary-timer__bar" aria-hidden="true">
            <span style={{ width: `${Math.round(view.fraction * 100)}%` }} />
          </span>
          {soundToggle ? (
            <button
              type="button"
              className="button button--ghost button--small plenary-timer__sound"
              aria-pressed={sound}
              onClick={() => setSound(!sound)}
              data-testid="timer-sound"
            >
              {t('plenary.timer.sound')}
            </button>
          ) : null}
        </div>
      )}
      {live}
    </>
  );
}
