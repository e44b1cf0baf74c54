import {
  type BoardKind,
  BoardKindError,
  CloseCode,
  getBoardKind,
  initPercorsoBoard,
  initSnodoBoard,
} from '@trama/shared';
import { type Awareness, removeAwarenessStates } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { type ConnectionFacts, type ConnectionStatus, deriveStatus } from './connectionStatus';

export interface BoardConnectionState {
  readonly status: ConnectionStatus;
  /** The first sync is done and the board's structure exists: the UI may read and write it. */
  readonly ready: boolean;
  /** Why the board cannot be shown (or edited): see `BoardProblem`. */
  readonly problem: BoardProblem | null;
  /** The server's close code when it refused the connection for good (44xx), else null. */
  readonly closeCode: number | null;
}

/**
 * - `refused`: the server refused the access token (4401 missing/expired/tampered, 4403
 *   revoked or out of scope, or another 44xx): stop, and offer to join again;
 * - `readOnly`: this connection may only read and sent an edit (4405); nothing was applied;
 * - `wrongKind`: the board is not of the kind the page expects.
 */
export type BoardProblem = 'refused' | 'readOnly' | 'wrongKind';

export interface BoardConnectionOptions {
  /** `ws(s)://host`; the sync endpoint is `<wsBase>/sync/<boardId>`. */
  readonly wsBase: string;
  /** Title for a board that does not exist yet (used only if this client creates it). */
  readonly initialTitle?: string | undefined;
  /** The access token, sent as `?token=` on the sync URL. */
  readonly token?: string | null | undefined;
  /** The board kind the page expects: a snodo's board (default) or a percorso's (steps 1–6). */
  readonly kind?: BoardKind | undefined;
  /**
   * The token only reads this board: never write, not even to initialise its structure
   * (the server would close the connection with 4405).
   */
  readonly readOnly?: boolean | undefined;
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
  readonly kind: BoardKind;
  private readonly readOnly: boolean;
  private facts: ConnectionFacts;
  private state: BoardConnectionState;
  private destroyed = false;

  constructor(
    readonly boardId: string,
    options: BoardConnectionOptions,
  ) {
    this.initialTitle = options.initialTitle;
    this.kind = options.kind ?? 'snodo';
    this.readOnly = options.readOnly ?? false;
    this.doc = new Y.Doc();
    this.facts = {
      online: navigator.onLine,
      socketOpen: false,
      synced: false,
      everSynced: false,
      failures: 0,
      rejected: false,
    };
    this.state = {
      status: deriveStatus(this.facts),
      ready: false,
      problem: null,
      closeCode: null,
    };
    const token = options.token ?? null;
    this.provider = new WebsocketProvider(`${options.wsBase}/sync`, boardId, this.doc, {
      connect: false,
      ...(token === null ? {} : { params: { token } }),
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
    closeCode = this.state.closeCode,
  ): void {
    if (this.destroyed) return;
    this.facts = { ...this.facts, ...change };
    const status = deriveStatus(this.facts);
    const same =
      status === this.state.status &&
      ready === this.state.ready &&
      problem === this.state.problem &&
      closeCode === this.state.closeCode;
    if (same) return;
    this.state = { status, ready, problem, closeCode };
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
        this.prepareBoard();
      } catch (error) {
        if (!(error instanceof BoardKindError)) throw error;
        this.provider.disconnect();
        this.update({ rejected: true }, false, 'wrongKind');
        return;
      }
    }
    this.update({ synced, everSynced: true, failures: 0 }, this.state.problem === null);
  };

  /** Checks the board's kind; a writer also creates its structure if the server had none. */
  private prepareBoard(): void {
    if (this.readOnly) {
      const actual = getBoardKind(this.doc);
      // An empty document reads as an empty board; another kind is the wrong page.
      if (actual !== undefined && actual !== this.kind) throw new BoardKindError(this.kind, actual);
      return;
    }
    const init = this.initialTitle === undefined ? undefined : { title: this.initialTitle };
    // Idempotent: creates the board's structure only if the server had none.
    if (this.kind === 'percorso') initPercorsoBoard(this.doc, init);
    else initSnodoBoard(this.doc, init);
  }

  private onClose = () => {
    this.update({ socketOpen: false, synced: false, failures: this.facts.failures + 1 });
  };

  private onRefused = ({ code }: { code: number; reason: string }) => {
    if (code === CloseCode.readOnly) {
      // The document stays readable as it was; what this client typed was not applied.
      this.update({ rejected: true }, this.state.ready, 'readOnly', code);
      return;
    }
    this.update(
      { rejected: true },
      false,
      code === CloseCode.badBoardId ? 'wrongKind' : 'refused',
      code,
    );
  };

  private onOnlineChange = () => {
    this.update({ online: navigator.onLine });
  };
}
