import {
  type FocusState,
  getFocusState,
  getJoinDisplay,
  getTimer,
  IDLE_TIMER,
  type JoinDisplay,
  NO_FOCUS,
  type TimerState,
} from '@trama/shared';
import { useEffect, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import type { BoardConnectionState } from '../sync/BoardConnection';
import { useBoardConnection } from '../sync/useBoardConnection';
import { resyncServerClock } from './useServerClock';

/** What the plenary shows: the facilitator's focus, the shared timer, the projector's join code. */
export interface PlenaryState {
  readonly focus: FocusState;
  readonly timer: TimerState;
  readonly join: JoinDisplay;
}

export const NO_PLENARY: PlenaryState = { focus: NO_FOCUS, timer: IDLE_TIMER, join: null };

export function readPlenary(doc: Y.Doc): PlenaryState {
  return { focus: getFocusState(doc), timer: getTimer(doc), join: getJoinDisplay(doc) };
}

/**
 * A store over the percorso board's plenary state, read only through the shared accessors;
 * a new snapshot only when focus, timer or join display changed (typing in step 2 does not
 * re-render the projector).
 */
class PlenaryStore {
  private snapshot: PlenaryState;
  private key: string;

  constructor(private readonly doc: Y.Doc) {
    this.snapshot = readPlenary(doc);
    this.key = JSON.stringify(this.snapshot);
  }

  getSnapshot = (): PlenaryState => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    const onUpdate = () => {
      const next = readPlenary(this.doc);
      const key = JSON.stringify(next);
      if (key === this.key) return;
      this.key = key;
      this.snapshot = next;
      listener();
    };
    this.doc.on('update', onUpdate);
    return () => this.doc.off('update', onUpdate);
  };
}

const stores = new WeakMap<Y.Doc, PlenaryStore>();
const nothing = () => () => {};
const none = () => NO_PLENARY;

/** The plenary state of an open percorso board (null: not open yet → nothing in focus). */
export function usePlenaryState(doc: Y.Doc | null): PlenaryState {
  let store: PlenaryStore | undefined;
  if (doc !== null) {
    store = stores.get(doc);
    if (store === undefined) {
      store = new PlenaryStore(doc);
      stores.set(doc, store);
    }
  }
  return useSyncExternalStore(store?.subscribe ?? nothing, store?.getSnapshot ?? none);
}

/**
 * Opens the percorso board READ-ONLY (any token of the percorso may read it) and follows its
 * plenary state. Each time the connection syncs again (after a drop or a server restart) the
 * server's clock is sampled again, so the timer stays right.
 */
export function usePercorsoPlenary(
  percorsoBoardId: string | null,
  token: string | null,
): { plenary: PlenaryState; state: BoardConnectionState | null; ready: boolean } {
  const { connection, state } = useBoardConnection(percorsoBoardId ?? 'none', undefined, {
    token,
    kind: 'percorso',
    readOnly: true,
    enabled: percorsoBoardId !== null && token !== null,
  });
  const ready = connection !== null && state.ready;
  const plenary = usePlenaryState(ready ? connection.doc : null);
  useResyncOnReconnect(connection === null ? null : state);
  return { plenary, state: connection === null ? null : state, ready };
}

/** Samples the server's clock again whenever a connection comes back (synced anew). */
export function useResyncOnReconnect(state: BoardConnectionState | null): void {
  const synced = state?.status === 'connected';
  useEffect(() => {
    if (synced) void resyncServerClock();
  }, [synced]);
}
