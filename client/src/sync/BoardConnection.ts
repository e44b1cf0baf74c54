import { BoardKindError, initSnodoBoard } from '@trama/shared';
import { type Awareness, removeAwarenessStates } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { type ConnectionFacts, type ConnectionStatus, deriveStatus } from './connectionStatus';

export interface BoardConnectionState {
  readonly status: ConnectionStatus;
  /** The first sync is done and the board's structure exists: the UI may read and write it. */
  readonly ready: boolean;
  /** Why the board cannot be shown: the server refused it, or it is not a tavolo's board. */
  readonly problem: BoardProblem | null;
}

export type BoardProblem = 'refused' | 'wrongKind';

export interface BoardConnectionOptions {
  /** `ws(s)://host`; the sync endpoint is `<wsBase>/sync/<boardId>`. */
  readonly wsBase: string;
  /** Title for a board that does not exist yet (used only if this client creates it). */
  readonly initialTitle?: string | undefined;
}

/** `ws://host` or `wss://host` for the page's own origin. */
export function defaultWsBase(location: Location = window.location): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}`;
}

/**
 * One open board: its Y.Doc, the WebSocket provider that syncs it with the server, and the
 * awareness (who is here, where their carets are). The UI reads `getState()` through
 * `subscribe` and never touches the provider directly, so the transport can change (offline
 * cache, another provider) without touching components.
 */
export class BoardConnection {
  readonly doc: Y.Doc;
  readonly awareness: Awareness;
  private readonly provider: WebsocketProvider;
  private readonly listeners = new Set<() => void>();
  private readonly initialTitle: string | undefined;
  private facts: ConnectionFacts;
  private state: BoardConnectionState;
  private destroyed = false;

  constructor(
    readonly boardId: string,
    options: BoardConnectionOptions,
  ) {
    this.initialTitle = options.initialTitle;
    this.doc = new Y.Doc();
    this.facts = {
      online: navigator.onLine,
      socketOpen: false,
      synced: false,
      everSynced: false,
      failures: 0,
      rejected: false,
    };
    this.state = { status: deriveStatus(this.facts), ready: false, problem: null };
    this.provider = new WebsocketProvider(`${options.wsBase}/sync`, boardId, this.doc, {
      connect: false,
    });
    this.awareness = this.provider.awareness;
    this.provider.on('status', this.onStatus);
    this.provider.on('sync', this.onSync);
    this.provider.on('connection-close', this.onClose);
    this.provider.on('closed', this.onRefused);
    window.addEventListener('online', this.onOnlineChange);
    window.addEventListener('offline', this.onOnlineChange);
    this.provider.connect();
  }

  getState = (): BoardConnectionState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    window.removeEventListener('online', this.onOnlineChange);
    window.removeEventListener('offline', this.onOnlineChange);
    this.provider.off('status', this.onStatus);
    this.provider.off('sync', this.onSync);
    this.provider.off('connection-close', this.onClose);
    this.provider.off('closed', this.onRefused);
    // Tell the others we left while the socket is still open, then close it.
    removeAwarenessStates(this.awareness, [this.doc.clientID], 'local');
    this.provider.destroy();
    this.doc.destroy();
    this.listeners.clear();
  }

  private update(
    change: Partial<ConnectionFacts>,
    ready = this.state.ready,
    problem = this.state.problem,
  ): void {
    if (this.destroyed) return;
    this.facts = { ...this.facts, ...change };
    const status = deriveStatus(this.facts);
    const same =
      status === this.state.status && ready === this.state.ready && problem === this.state.problem;
    if (same) return;
    this.state = { status, ready, problem };
    for (const listener of this.listeners) listener();
  }

  private onStatus = ({ status }: { status: 'connected' | 'disconnected' | 'connecting' }) => {
    const socketOpen = status === 'connected';
    this.update(socketOpen ? { socketOpen } : { socketOpen, synced: false });
  };

  private onSync = (synced: boolean) => {
    if (!synced) {
      this.update({ synced });
      return;
    }
    if (!this.state.ready && this.state.problem === null) {
      try {
        // Idempotent: creates the board's structure only if the server had none.
        initSnodoBoard(
          this.doc,
          this.initialTitle === undefined ? undefined : { title: this.initialTitle },
        );
      } catch (error) {
        if (!(error instanceof BoardKindError)) throw error;
        this.provider.disconnect();
        this.update({ rejected: true }, false, 'wrongKind');
        return;
      }
    }
    this.update({ synced, everSynced: true, failures: 0 }, this.state.problem === null);
  };

  private onClose = () => {
    this.update({ socketOpen: false, synced: false, failures: this.facts.failures + 1 });
  };

  private onRefused = () => {
    this.update({ rejected: true }, false, 'refused');
  };

  private onOnlineChange = () => {
    this.update({ online: navigator.onLine });
  };
}
