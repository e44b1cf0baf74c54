import { useEffect, useSyncExternalStore } from 'react';
import { plenaryApi } from './plenaryApi';
import { ServerClock } from './serverClock';

/** One clock for the whole page: every timer on it shows the same server time. */
const clock = new ServerClock();
const RESYNC_MS = 3 * 60_000;
let users = 0;
let interval: ReturnType<typeof setInterval> | undefined;
let syncing: Promise<void> | null = null;

const fetchNow = async () => (await plenaryApi.time()).now;

/** Samples `GET /api/time` again (at most one run at a time). */
export function resyncServerClock(): Promise<void> {
  syncing ??= clock.sync(fetchNow).finally(() => {
    syncing = null;
  });
  return syncing;
}

const onVisible = () => {
  if (document.visibilityState === 'visible') void resyncServerClock();
};
const onOnline = () => void resyncServerClock();

function start(): () => void {
  users += 1;
  if (users === 1) {
    void resyncServerClock();
    interval = setInterval(() => void resyncServerClock(), RESYNC_MS);
    document.addEventListener('visibilitychange', onVisible);
    window.addEventListener('online', onOnline);
  }
  return () => {
    users -= 1;
    if (users > 0) return;
    clearInterval(interval);
    document.removeEventListener('visibilitychange', onVisible);
    window.removeEventListener('online', onOnline);
  };
}

/**
 * The server's clock ([PL5]): sampled a few times when the first timer appears, again when
 * the page becomes visible, when the network returns, on reconnect (`resyncServerClock`) and
 * every few minutes. `clock.now()` is the server's time; a re-render follows a new estimate.
 */
export function useServerClock(): ServerClock {
  useEffect(start, []);
  useSyncExternalStore(clock.subscribe, clock.getVersion);
  return clock;
}
