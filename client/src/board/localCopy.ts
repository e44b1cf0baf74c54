import { getBoardKind } from '@trama/shared';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import type { ConnectionStatus } from '../sync/connectionStatus';

export interface LocalCopyState {
  /** The browser's copy was read; `hasBoard`: it held this board (it can be shown offline). */
  readonly loaded: boolean;
  readonly hasBoard: boolean;
  /** Edits made here while not in sync with the server, not yet sent. */
  readonly pending: boolean;
}

const INITIAL: LocalCopyState = { loaded: false, hasBoard: false, pending: false };

/**
 * The board kept in this browser (IndexedDB, via y-indexeddb): it survives a reload with no
 * network, and edits made while disconnected are merged by Yjs when the socket is back.
 * Also tells whether edits are waiting: any local change made while the connection is not
 * `connected` is pending until the next successful sync sends it.
 */
export class LocalCopy {
  private readonly persistence: IndexeddbPersistence;
  private readonly listeners = new Set<() => void>();
  private state: LocalCopyState = INITIAL;
  private connected = false;

  constructor(
    private readonly doc: Y.Doc,
    boardId: string,
  ) {
    this.persistence = new IndexeddbPersistence(`trama-board-${boardId}`, doc);
    this.persistence.on('synced', this.onLoaded);
    doc.on('update', this.onUpdate);
  }

  getState = (): LocalCopyState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  /** Fed with the connection's status; a return to `connected` means pending edits went out. */
  setStatus(status: ConnectionStatus): void {
    this.connected = status === 'connected';
    if (this.connected && this.state.pending) this.set({ pending: false });
  }

  destroy(): void {
    this.doc.off('update', this.onUpdate);
    this.listeners.clear();
    void this.persistence.destroy();
  }

  private set(change: Partial<LocalCopyState>): void {
    this.state = { ...this.state, ...change };
    for (const listener of this.listeners) listener();
  }

  private onLoaded = () => {
    this.set({ loaded: true, hasBoard: getBoardKind(this.doc) === 'snodo' });
  };

  private onUpdate = (_update: Uint8Array, origin: unknown) => {
    const remote = origin instanceof WebsocketProvider || origin === this.persistence;
    if (!remote && !this.connected && !this.state.pending) this.set({ pending: true });
  };
}

const noop = () => () => {};

/** Opens the board's local copy while mounted; follows the connection status for `pending`. */
export function useLocalCopy(
  doc: Y.Doc | null,
  boardId: string,
  status: ConnectionStatus,
): LocalCopyState {
  const [copy, setCopy] = useState<LocalCopy | null>(null);
  useEffect(() => {
    if (doc === null) return;
    const opened = new LocalCopy(doc, boardId);
    setCopy(opened);
    return () => {
      opened.destroy();
      setCopy(null);
    };
  }, [doc, boardId]);
  useEffect(() => {
    copy?.setStatus(status);
  }, [copy, status]);
  return useSyncExternalStore(copy?.subscribe ?? noop, copy?.getState ?? (() => INITIAL));
}
