import { CloseCode, CloseReason } from '@trama/shared';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { BoardStore, BoardUpdate } from '../storage/store.js';
import {
  decodeClientMessage,
  encodeAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  MalformedMessageError,
} from './messages.js';
import type { SyncConnection, SyncSocket } from './socket.js';

const APPLY: UpdateVerdict = { action: 'apply' };

/**
 * Keeps a transaction on `doc` young, so that it dies in the next scavenge.
 *
 * Yjs queues every transaction in `doc._transactionCleanups` and swaps in a new empty array
 * once it is cleaned up. On a board that stays quiet for a second or so, that empty array
 * ages into V8's old generation; the next transaction is pushed into it, and when Yjs swaps
 * the array out, the dead old array still points at the transaction. Scavenges treat every
 * old-to-young pointer as live until the next full GC, so the transaction with its maps and
 * sets (~2 KB per update) was copied and promoted: 8–25 ms scavenges at the benchmark's
 * quiet-board points. A fresh array before each transaction keeps the whole chain young.
 */
export function freshTransactionQueue(doc: Y.Doc): void {
  if (doc._transaction === null && doc._transactionCleanups.length === 0) {
    doc._transactionCleanups = [];
  }
}

/** Whether a transaction changed the doc (what Yjs checks before emitting 'update'). */
function changedAnything(transaction: Y.Transaction): boolean {
  const { afterState, beforeState, deleteSet } = transaction;
  if (deleteSet.clients.size > 0) return true;
  // (Keys, not entries: this runs for every client update, and entries allocate a pair each.)
  for (const client of afterState.keys()) {
    if (beforeState.get(client) !== afterState.get(client)) return true;
  }
  return false;
}

/**
 * An update holding what `transaction` added: every struct past its starting state vector,
 * and the doc's delete set (a superset of the transaction's deletions, which is harmless).
 */
function encodeTransaction(doc: Y.Doc, transaction: Y.Transaction): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, transaction.beforeState.size);
  for (const [client, clock] of transaction.beforeState) {
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, clock);
  }
  return Y.encodeStateAsUpdate(doc, encoding.toUint8Array(encoder));
}

/** Transaction origin of changes the server itself makes to a board. */
export const SERVER_ORIGIN = Symbol('trama-server');

export interface SyncLogger {
  debug(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** What to do with a client's update, decided before it touches the board. */
export type UpdateVerdict =
  | { action: 'apply' }
  | { action: 'ignore' }
  | { action: 'refuse'; code: number; reason: string };

export interface ConnectionOptions {
  /** Vets each update of this connection before it is applied (access rules, locks). */
  vetUpdate?: (doc: Y.Doc, update: Uint8Array) => UpdateVerdict;
  /** Groups connections so they can be closed together (e.g. the invite they came by). */
  tag?: string;
}

export interface SyncServerOptions {
  store: BoardStore;
  maxMessageBytes: number;
  compactAfterUpdates: number;
  unloadDelayMs: number;
  logger: SyncLogger;
  /**
   * A board with at least this many clients writes to each of them at most about once per
   * `busyRoomIntervalMs`, and to `busyRoomSlice` of them per event-loop turn (defaults: 64
   * clients, 3 ms, 16). See Room's fan-out.
   */
  busyRoomClients?: number;
  busyRoomIntervalMs?: number;
  busyRoomSlice?: number;
  /**
   * Runs on a board right after it is loaded, before any client sees it (schema
   * migrations). Whatever it changes is persisted like any other update.
   */
  prepareBoard?: (boardId: string, doc: Y.Doc) => void;
}

/**
 * The transport-agnostic sync core: rooms of y-websocket clients, one per board.
 *
 * Write path: an update is applied to the board's in-memory doc, then queued. Once per
 * event-loop turn every queued update of every board is appended to the store in one commit
 * ("persist before broadcast"); only after the commit resolves does each board post ONE
 * message for it, encoded once (a lone client update goes out as the bytes the client sent),
 * to its outbox, from which every client is sent what it has not had yet (see Room's
 * fan-out). Nothing a client receives from the server was ever not durable: sync replies
 * wait for the commit too.
 *
 * Commits overlap across boards but never within one: a board's updates that arrive while
 * its commit is in flight wait for that commit, then go in the next. So a board's log has no
 * gaps (if a commit fails, nothing after it is committed for that board) and its broadcasts
 * go out in order, while other boards' edits need not queue behind it.
 */
export class SyncServer {
  readonly #options: SyncServerOptions;
  readonly #rooms = new Map<string, Room>();
  readonly #dirty = new Set<Room>();
  #flushScheduled = false;
  /** Commits in flight (each followed by its broadcasts). */
  readonly #commits = new Set<Promise<void>>();
  readonly #compactions = new Set<Promise<void>>();
  /** @internal How crowded boards fan out (see SyncServerOptions.busyRoom*). */
  readonly fanOut: FanOutPacing;
  #closing = false;

  constructor(options: SyncServerOptions) {
    this.#options = options;
    this.fanOut = {
      busyClients: options.busyRoomClients ?? 64,
      intervalMs: options.busyRoomIntervalMs ?? 3,
      slice: Math.max(1, options.busyRoomSlice ?? 16),
    };
  }

  /** Number of boards in memory (for health and tests). */
  get loadedBoards(): number {
    return this.#rooms.size;
  }

  /** Number of open client connections. */
  get connectionCount(): number {
    let count = 0;
    for (const room of this.#rooms.values()) count += room.connections.size;
    return count;
  }

  /** Attaches a client connection to a board; the transport feeds it messages. */
  connect(boardId: string, socket: SyncSocket, options: ConnectionOptions = {}): SyncConnection {
    if (this.#closing) {
      socket.close(CloseCode.goingAway, CloseReason[CloseCode.goingAway]);
      return { receive() {}, closed() {} };
    }
    const room = this.#room(boardId);
    const connection = new Connection(room, socket, this.#options.maxMessageBytes, options);
    room.attach(connection);
    return connection;
  }

  /** The board's room, loading it if it is not in memory. */
  #room(boardId: string): Room {
    let room = this.#rooms.get(boardId);
    if (!room) {
      room = new Room(boardId, this);
      this.#rooms.set(boardId, room);
      room.ready = this.#load(room);
    }
    return room;
  }

  /** A board's room once it is loaded; a room nobody is connected to unloads later. */
  async #readyRoom(boardId: string): Promise<Room> {
    if (this.#closing) throw new Error('the sync server is closing');
    const room = this.#room(boardId);
    await room.ready;
    if (room.status !== 'ready') throw new Error(`board ${boardId} could not be loaded`);
    if (room.connections.size === 0 && !room.unloadTimer) this.scheduleUnload(room);
    return room;
  }

  /**
   * A copy of a board's current state, for readers on the server (exports, snapshots).
   * Changing the copy changes nothing.
   */
  async readBoard(boardId: string): Promise<Y.Doc> {
    const room = await this.#readyRoom(boardId);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(room.doc));
    return copy;
  }

  /**
   * Changes a board on behalf of the server (restoring a snapshot, recording the verbale):
   * `change` runs in one transaction on the live doc; the result goes through the same
   * commit-then-broadcast path as a client's edit, and is committed when this resolves.
   */
  async changeBoard<T>(boardId: string, change: (doc: Y.Doc) => T): Promise<T> {
    const room = await this.#readyRoom(boardId);
    let result: T | undefined;
    freshTransactionQueue(room.doc);
    room.doc.transact(() => {
      result = change(room.doc);
    }, SERVER_ORIGIN);
    await this.drain();
    return result as T;
  }

  async #load(room: Room): Promise<void> {
    try {
      const stored = await this.#options.store.load(room.id);
      room.hydrate(stored.snapshot, stored.updates, this.#options.prepareBoard);
      this.#options.logger.debug(
        { boardId: room.id, logLength: stored.updates.length },
        'board loaded',
      );
    } catch (error) {
      this.#options.logger.error({ boardId: room.id, err: error }, 'board could not be loaded');
      this.#rooms.delete(room.id);
      room.fail(CloseCode.loadFailed);
    }
  }

  /** @internal A room has updates waiting to be committed. */
  markDirty(room: Room): void {
    // A committing room comes back at the end of its commit; until then its updates wait.
    if (room.committing) return;
    this.#dirty.add(room);
    if (!this.#flushScheduled) {
      this.#flushScheduled = true;
      // setImmediate lets every message already read from the sockets join this batch.
      setImmediate(() => {
        this.#flushScheduled = false;
        void this.#flush();
      });
    }
  }

  /** @internal Yjs refused a client's payload: worth a warning, the client was closed. */
  noteRejectedUpdate(boardId: string, reason: string): void {
    this.#options.logger.warn({ boardId, reason }, 'update rejected');
  }

  /** @internal A room has no connections left. */
  scheduleUnload(room: Room): void {
    room.unloadTimer = setTimeout(() => this.#unload(room), this.#options.unloadDelayMs);
    room.unloadTimer.unref?.();
  }

  #unload(room: Room): void {
    room.unloadTimer = null;
    if (room.connections.size > 0 || this.#rooms.get(room.id) !== room) return;
    if (room.hasUnsavedUpdates) {
      this.scheduleUnload(room);
      return;
    }
    this.#rooms.delete(room.id);
    room.destroy();
    this.#options.logger.debug({ boardId: room.id }, 'board unloaded');
  }

  /** Commits the queued updates of every due board, then broadcasts them. */
  #flush(): Promise<void> {
    const commit = this.#runFlush().finally(() => this.#commits.delete(commit));
    this.#commits.add(commit);
    return commit;
  }

  async #runFlush(): Promise<void> {
    const rooms = [...this.#dirty];
    this.#dirty.clear();
    if (rooms.length === 0) return;
    const batch: BoardUpdate[] = [];
    const taken = new Map<Room, PendingUpdate[]>();
    for (const room of rooms) {
      const pending = room.takePending();
      room.committing = true;
      taken.set(room, pending);
      for (const { update } of pending) batch.push({ boardId: room.id, update });
    }
    try {
      await this.#options.store.append(batch);
    } catch (error) {
      // The updates are in memory but not durable: drop those boards from memory and close
      // their clients, who still hold the edits and send them again on reconnect.
      this.#options.logger.error({ err: error, boards: rooms.length }, 'commit failed');
      for (const room of rooms) {
        if (this.#rooms.get(room.id) === room) this.#rooms.delete(room.id);
        room.fail(CloseCode.internalError);
      }
      return;
    }
    for (const [room, pending] of taken) {
      room.broadcastCommitted(pending);
      room.answerDeferredSyncRequests();
      // Only the board's current room compacts: a snapshot of a room already closed (its
      // server closing, or its commit failed) could overwrite what a newer one stored.
      if (
        room.logLength >= this.#options.compactAfterUpdates &&
        this.#rooms.get(room.id) === room
      ) {
        this.#compact(room);
      }
      room.committing = false;
      // What arrived during the commit goes in the next one.
      if (room.hasPendingUpdates) this.markDirty(room);
    }
  }

  /**
   * Folds the board's log into a snapshot without holding up the next commit. Safe because
   * the store applies calls in the order they are made ([ST8]): every append made before this
   * call holds updates already in the doc, so in the snapshot; every later one comes after.
   */
  #compact(room: Room): void {
    const compaction = this.#options.store
      .compact(room.id, Y.encodeStateAsUpdate(room.doc))
      .then(
        () => this.#options.logger.debug({ boardId: room.id }, 'board compacted'),
        (error: unknown) => {
          this.#options.logger.error({ err: error, boardId: room.id }, 'compaction failed');
        },
      )
      .finally(() => this.#compactions.delete(compaction));
    this.#compactions.add(compaction);
    room.logLength = 0;
  }

  /** Closes every connection carrying `tag`; returns how many were closed. */
  disconnectTagged(tag: string, code: number, reason: string): number {
    let closed = 0;
    for (const room of this.#rooms.values()) {
      for (const connection of [...room.connections]) {
        if (connection.options.tag === tag) {
          connection.close(code, reason);
          closed++;
        }
      }
    }
    return closed;
  }

  /**
   * Waits until every update received so far is committed and sent to every client, and
   * compacted. (Crowded boards are hurried: draining does not wait out their interval.)
   */
  async drain(): Promise<void> {
    for (;;) {
      if (this.#commits.size > 0) await Promise.all(this.#commits);
      else if (this.#dirty.size > 0) await this.#flush();
      else if (this.#anySending()) {
        await Promise.all([...this.#rooms.values()].map((room) => room.hurry()));
      } else if (this.#compactions.size > 0) await Promise.all(this.#compactions);
      else return;
    }
  }

  #anySending(): boolean {
    for (const room of this.#rooms.values()) if (room.sending) return true;
    return false;
  }

  /** Stops accepting clients, commits everything pending and closes every connection. */
  async close(): Promise<void> {
    this.#closing = true;
    // A board still loading becomes ready and replays what its clients sent meanwhile:
    // wait for it, then drain again, so nothing is left to commit once closed.
    for (;;) {
      await this.drain();
      const loading = [...this.#rooms.values()].filter((room) => room.status === 'loading');
      if (loading.length === 0 && this.#dirty.size === 0) break;
      await Promise.all(loading.map((room) => room.ready));
    }
    for (const room of this.#rooms.values()) {
      room.fail(CloseCode.goingAway);
    }
    this.#rooms.clear();
  }
}

/** How crowded boards fan out; see Room's fan-out. */
interface FanOutPacing {
  busyClients: number;
  intervalMs: number;
  slice: number;
}

/** A message in a board's outbox: committed updates, or presence. */
interface OutboxEntry {
  message: Uint8Array;
  /** Its sole author, spared its own echo when nothing else goes with it. */
  except: Connection | null;
}

interface PendingUpdate {
  update: Uint8Array;
  /** The connection it came from, to spare it its own echo; null for server-made updates. */
  sender: Connection | null;
  /** The client's own `[sync, update, …]` message, relayed as is when it goes out alone. */
  message: Uint8Array | null;
}

/**
 * One board in memory: its doc, its awareness, its clients, its queued updates and its outbox.
 *
 * Fan-out: every committed message, and every presence update relayed, is posted to the outbox,
 * and each client keeps how far into it it has been sent (`Connection.sentSeq`). A cursor walks
 * the clients in a ring; a client it visits is sent everything posted since its last visit in
 * ONE socket write (one message, or several frames together). On a small board one pass runs at
 * once, so each commit reaches every client straight away. On a crowded one the walk yields to
 * the event loop after each slice of clients, so updates that arrive meanwhile are read,
 * committed and carried to the clients still ahead of the cursor in this very pass, and a full
 * lap takes at least the board's interval, so each client gets about one write per interval
 * however many commits there are. A write per client is what a board's traffic costs (the
 * kernel's share of each is most of it): a commit waits at most one lap for any client, where a
 * merged broadcast per interval made it wait for the broadcast in progress and then its own.
 */
class Room {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly connections = new Set<Connection>();
  status: 'loading' | 'ready' | 'closed' = 'loading';
  logLength = 0;
  /** A commit holding this board's updates is in flight. */
  committing = false;
  unloadTimer: ReturnType<typeof setTimeout> | null = null;
  /** Settles when loading ends, whether it succeeded (status 'ready') or not. */
  ready: Promise<void> = Promise.resolve();
  #pending: PendingUpdate[] = [];
  #inFlight = 0;
  /** The connection whose update applyClientUpdate is applying, and that transaction. */
  #clientApply: Connection | null = null;
  #clientTransaction: Y.Transaction | null = null;
  #deferredSyncRequests: { connection: Connection; stateVector: Uint8Array }[] = [];

  // Fan-out state (see the class comment). Entry i of the outbox has sequence number
  // #outboxBase + i; a client is owed the entries from its sentSeq up to #head.
  #outbox: OutboxEntry[] = [];
  #outboxBase = 0;
  /** Clients owed something (sentSeq < #head); the walk runs while there are any. */
  #behind = 0;
  #ring: Connection[] = [];
  #ringStale = false;
  #cursor = 0;
  #lapStartedAt = Number.NEGATIVE_INFINITY;
  #walking = false;
  /** The walk goes on in a later turn: after a slice (setImmediate), or after a pause. */
  #walkScheduled = false;
  #pauseTimer: ReturnType<typeof setTimeout> | null = null;
  /** The pause before a lap is over (timers may fire a little early: close enough). */
  #pauseOver = false;
  #hurried = false;
  #caughtUp: { promise: Promise<void>; resolve: () => void } | null = null;
  /** The messages of the last span of the outbox handed out, kept for the next client. */
  #span: { from: number; to: number; messages: Uint8Array[] } | null = null;

  constructor(
    readonly id: string,
    readonly server: SyncServer,
  ) {
    // The server is not a participant: it advertises no presence of its own.
    this.awareness.setLocalState(null);
    this.awareness.on('update', this.#trackAwareness);
  }

  get hasPendingUpdates(): boolean {
    return this.#pending.length > 0;
  }

  get hasUnsavedUpdates(): boolean {
    return this.#pending.length > 0 || this.#inFlight > 0;
  }

  /** Applies what the store holds, runs board preparation, then serves waiting clients. */
  hydrate(
    snapshot: Uint8Array | null,
    updates: Uint8Array[],
    prepare?: (boardId: string, doc: Y.Doc) => void,
  ): void {
    if (this.status !== 'loading') return;
    const stored = snapshot ? [snapshot, ...updates] : updates;
    if (stored.length > 0) Y.applyUpdate(this.doc, Y.mergeUpdates(stored));
    this.logLength = updates.length;
    // From here on every change to the doc, whoever makes it, goes through the write path.
    // (Not through the doc's 'update' event: with a listener, Yjs encodes every transaction,
    // while a client's update is committed and relayed as the bytes the client sent.)
    this.doc.on('afterTransactionCleanup', this.#onTransaction);
    prepare?.(this.id, this.doc);
    this.status = 'ready';
    for (const connection of this.connections) connection.start();
    // Everyone may have left while the board loaded.
    if (this.connections.size === 0) this.server.scheduleUnload(this);
  }

  attach(connection: Connection): void {
    if (this.unloadTimer) {
      clearTimeout(this.unloadTimer);
      this.unloadTimer = null;
    }
    this.connections.add(connection);
    // A client is owed what is posted from now on; what was posted before is in its doc
    // already, or in the sync step 2 it is about to get.
    connection.sentSeq = this.#head;
    this.#ringStale = true;
    if (this.status === 'ready') connection.start();
  }

  detach(connection: Connection): void {
    if (!this.connections.delete(connection)) return;
    if (connection.sentSeq < this.#head) this.#owedNothing();
    // Owed nothing ever after: the walk passes it by until the ring is rebuilt.
    connection.sentSeq = Number.POSITIVE_INFINITY;
    this.#ringStale = true;
    this.#deferredSyncRequests = this.#deferredSyncRequests.filter(
      (r) => r.connection !== connection,
    );
    if (connection.awarenessClients.size > 0) {
      awarenessProtocol.removeAwarenessStates(
        this.awareness,
        [...connection.awarenessClients],
        connection,
      );
    }
    if (this.connections.size === 0 && this.status === 'ready') this.server.scheduleUnload(this);
  }

  #onTransaction = (transaction: Y.Transaction): void => {
    if (transaction.origin !== null && transaction.origin === this.#clientApply) {
      this.#clientTransaction = transaction;
      return;
    }
    if (!changedAnything(transaction)) return;
    const { origin } = transaction;
    this.#queue(
      encodeTransaction(this.doc, transaction),
      origin instanceof Connection ? origin : null,
    );
  };

  /**
   * Applies a client's update. What it changes is committed and relayed as the bytes the
   * client sent (`message`: its whole message, when it can go out as is), not re-encoded;
   * an update that only repeats what the board has goes nowhere. One that leaves structs
   * waiting for others it depends on is kept too, as Yjs keeps them.
   */
  applyClientUpdate(connection: Connection, update: Uint8Array, message: Uint8Array | null): void {
    const { store } = this.doc;
    // Yjs replaces these when an update leaves structs or deletions waiting.
    const pendingStructs = store.pendingStructs?.update;
    const { pendingDs } = store;
    let failed = true;
    this.#clientApply = connection;
    try {
      freshTransactionQueue(this.doc);
      Y.applyUpdate(this.doc, update, connection);
      failed = false;
    } finally {
      const transaction = this.#clientTransaction;
      this.#clientApply = null;
      this.#clientTransaction = null;
      const changed = transaction !== null && changedAnything(transaction);
      if (failed) {
        // Yjs gave up halfway: what it integrated before failing is committed all the same,
        // re-encoded from the doc (the client is closed; its bytes are not valid).
        if (changed) this.#queue(encodeTransaction(this.doc, transaction), connection);
      } else if (
        changed ||
        store.pendingStructs?.update !== pendingStructs ||
        store.pendingDs !== pendingDs
      ) {
        // (What waits in Yjs is in the doc's state updates too: sync replies and snapshots.)
        this.#queue(update, connection, message);
      }
    }
  }

  #queue(update: Uint8Array, sender: Connection | null, message: Uint8Array | null = null): void {
    const entry: PendingUpdate = { update, sender, message };
    // A new array for the first entry: an empty one kept since the last commit may be old
    // by now, and would keep what is pushed into it alive past its commit (see
    // freshTransactionQueue).
    if (this.#pending.length === 0) this.#pending = [entry];
    else this.#pending.push(entry);
    this.server.markDirty(this);
  }

  #trackAwareness = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    if (origin instanceof Connection) {
      for (const id of added) origin.awarenessClients.add(id);
      for (const id of updated) origin.awarenessClients.add(id);
      for (const id of removed) origin.awarenessClients.delete(id);
    }
    // A client that left takes its presence along: tell the others.
    if (origin instanceof Connection && !this.connections.has(origin) && removed.length > 0) {
      this.broadcast(
        encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, removed)),
        null,
      );
    }
  };

  takePending(): PendingUpdate[] {
    const pending = this.#pending;
    this.#pending = [];
    this.#inFlight += pending.length;
    return pending;
  }

  /** Posts committed updates as one message, encoded once, for every client. */
  broadcastCommitted(pending: PendingUpdate[]): void {
    this.#inFlight -= pending.length;
    this.logLength += pending.length;
    if (pending.length === 0 || this.status !== 'ready') return;
    const first = pending[0] as PendingUpdate;
    // With a single author the author is spared its echo; with several, each author gets
    // its own edits back inside the merge, which Yjs ignores as already known.
    const soleSender = pending.every((p) => p.sender === first.sender) ? first.sender : null;
    if (pending.length === 1) {
      this.broadcast(first.message ?? encodeUpdate(first.update), soleSender);
      return;
    }
    this.broadcast(encodeUpdate(Y.mergeUpdates(pending.map((p) => p.update))), soleSender);
  }

  /** Posts a message for every client but `except` (see the class comment on fan-out). */
  broadcast(message: Uint8Array, except: Connection | null): void {
    if (this.status !== 'ready' || this.connections.size === 0) return;
    this.#outbox.push({ message, except });
    // Everyone was owed nothing or up to the old head; now everyone is owed this one.
    this.#behind = this.connections.size;
    if (!this.#walkScheduled && !this.#walking) this.#walk();
  }

  /** Whether some client is still owed part of the outbox. */
  get sending(): boolean {
    return this.#behind > 0;
  }

  /** Resolves once every client has been sent the whole outbox; skips the interval. */
  hurry(): Promise<void> {
    if (this.#behind === 0) return Promise.resolve();
    this.#hurried = true;
    if (this.#pauseTimer) {
      clearTimeout(this.#pauseTimer);
      this.#pauseTimer = null;
      this.#walkScheduled = false;
      this.#walk();
    }
    if (this.#behind === 0) return Promise.resolve();
    if (!this.#caughtUp) {
      let resolve = () => {};
      const promise = new Promise<void>((r) => {
        resolve = r;
      });
      this.#caughtUp = { promise, resolve };
    }
    return this.#caughtUp.promise;
  }

  get #head(): number {
    return this.#outboxBase + this.#outbox.length;
  }

  /** One client less is owed anything; the last one lets the outbox go. */
  #owedNothing(): void {
    this.#behind--;
    if (this.#behind > 0) return;
    this.#outboxBase = this.#head;
    this.#outbox = [];
    this.#span = null;
    this.#hurried = false;
    const caughtUp = this.#caughtUp;
    this.#caughtUp = null;
    caughtUp?.resolve();
  }

  #walkAfterPause = (): void => {
    this.#pauseTimer = null;
    this.#pauseOver = true;
    this.#walk();
  };

  /** Visits clients from the cursor until all are caught up or the slice is used up. */
  #walk = (): void => {
    this.#walkScheduled = false;
    if (this.#behind === 0 || this.status === 'closed') return;
    if (this.#ringStale) {
      this.#ring = [...this.connections];
      this.#ringStale = false;
      if (this.#cursor >= this.#ring.length) this.#cursor = 0;
    }
    const ring = this.#ring;
    const { busyClients, intervalMs, slice } = this.server.fanOut;
    const crowded = ring.length >= busyClients;
    let visits = crowded ? slice : ring.length;
    this.#walking = true;
    try {
      while (this.#behind > 0 && visits-- > 0) {
        if (this.#cursor === 0) {
          const wait = this.#lapStartedAt + intervalMs - performance.now();
          if (crowded && wait > 0 && !this.#hurried && !this.#pauseOver) {
            this.#walkScheduled = true;
            this.#pauseTimer = setTimeout(this.#walkAfterPause, wait);
            return;
          }
          this.#pauseOver = false;
          this.#lapStartedAt = performance.now();
          this.#trimOutbox();
        }
        const connection = ring[this.#cursor] as Connection;
        this.#cursor = this.#cursor + 1 === ring.length ? 0 : this.#cursor + 1;
        // (A client that left since the ring was built is owed nothing: see detach.)
        if (connection.sentSeq < this.#head) this.#deliver(connection);
      }
    } finally {
      this.#walking = false;
    }
    // (Destroying the room zeroes #behind.)
    if (this.#behind > 0) {
      // The rest waits for the next turn, after what the sockets have read meanwhile.
      this.#walkScheduled = true;
      setImmediate(this.#walk);
    }
  };

  /** Sends `connection` what it is owed, in one write. */
  #deliver(connection: Connection): void {
    const from = connection.sentSeq;
    const to = this.#head;
    let message: Uint8Array | null = null;
    let batch: Uint8Array[] | null = null;
    if (to - from === 1) {
      const entry = this.#outbox[from - this.#outboxBase] as OutboxEntry;
      if (entry.except !== connection) message = entry.message;
    } else {
      // Consecutive clients are mostly owed the same span: its list is built once. (A
      // client's own edits go with the others; Yjs ignores them as already known.)
      let span = this.#span;
      if (span === null || span.from !== from || span.to !== to) {
        const messages = this.#outbox
          .slice(from - this.#outboxBase, to - this.#outboxBase)
          .map((entry) => entry.message);
        span = { from, to, messages };
        this.#span = span;
      }
      batch = span.messages;
    }
    // Settled before the write: a failing write closes the client, which may post (its
    // presence leaving) and so count everyone as owed again.
    connection.sentSeq = to;
    this.#owedNothing();
    if (message) connection.send(message);
    else if (batch) connection.sendBatch(batch);
  }

  /** Drops the outbox entries every client has been sent. */
  #trimOutbox(): void {
    let lowest = this.#head;
    for (const connection of this.connections) {
      if (connection.sentSeq < lowest) lowest = connection.sentSeq;
    }
    if (lowest <= this.#outboxBase) return;
    this.#outbox = this.#outbox.slice(lowest - this.#outboxBase);
    this.#outboxBase = lowest;
  }

  /** Answers a client's sync step 1 with what it lacks, once that state is durable. */
  requestSync(connection: Connection, stateVector: Uint8Array): void {
    if (this.hasUnsavedUpdates) {
      this.#deferredSyncRequests.push({ connection, stateVector });
      return;
    }
    connection.send(encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, stateVector)));
  }

  answerDeferredSyncRequests(): void {
    if (this.hasUnsavedUpdates || this.#deferredSyncRequests.length === 0) return;
    const requests = this.#deferredSyncRequests;
    this.#deferredSyncRequests = [];
    for (const { connection, stateVector } of requests) this.requestSync(connection, stateVector);
  }

  /** Closes every connection with `code` and releases the board. */
  fail(code: CloseCode): void {
    this.status = 'closed';
    for (const connection of [...this.connections]) connection.close(code, CloseReason[code]);
    this.destroy();
  }

  destroy(): void {
    this.status = 'closed';
    if (this.unloadTimer) clearTimeout(this.unloadTimer);
    if (this.#pauseTimer) clearTimeout(this.#pauseTimer);
    this.#pauseTimer = null;
    this.#walkScheduled = false;
    this.#outbox = [];
    this.#span = null;
    this.#behind = 0;
    const caughtUp = this.#caughtUp;
    this.#caughtUp = null;
    caughtUp?.resolve();
    this.doc.off('afterTransactionCleanup', this.#onTransaction);
    this.awareness.destroy();
    this.doc.destroy();
  }
}

/** One client's connection to a room. */
class Connection implements SyncConnection {
  readonly awarenessClients = new Set<number>();
  /** How far into its room's outbox this client has been sent. */
  sentSeq = 0;
  #open = true;
  #started = false;
  /** Messages that arrived while the board was loading, replayed once it is ready. */
  #early: Uint8Array[] = [];
  #earlyBytes = 0;

  constructor(
    readonly room: Room,
    readonly socket: SyncSocket,
    readonly maxMessageBytes: number,
    readonly options: ConnectionOptions,
  ) {}

  /** The board is ready: greet the client, then replay what it sent meanwhile. */
  start(): void {
    if (this.#started || !this.#open) return;
    this.#started = true;
    const { doc, awareness } = this.room;
    this.send(encodeSyncStep1(Y.encodeStateVector(doc)));
    if (awareness.getStates().size > 0) {
      this.send(
        encodeAwareness(
          awarenessProtocol.encodeAwarenessUpdate(awareness, [...awareness.getStates().keys()]),
        ),
      );
    }
    const early = this.#early;
    this.#early = [];
    for (const data of early) {
      if (!this.#open) return;
      this.#handle(data);
    }
  }

  receive(data: Uint8Array): void {
    if (!this.#open) return;
    if (data.byteLength > this.maxMessageBytes) {
      this.close(
        CloseCode.tooLarge,
        `${CloseReason[CloseCode.tooLarge]} (limit ${this.maxMessageBytes} bytes)`,
      );
      return;
    }
    if (!this.#started) {
      this.#earlyBytes += data.byteLength;
      // A client cannot make the server buffer without bound while its board loads.
      if (this.#earlyBytes > this.maxMessageBytes * 4) {
        this.close(CloseCode.tooLarge, CloseReason[CloseCode.tooLarge]);
        return;
      }
      this.#early.push(data);
      return;
    }
    this.#handle(data);
  }

  #handle(data: Uint8Array): void {
    const { room } = this;
    try {
      const message = decodeClientMessage(data);
      switch (message.type) {
        case 'syncStep1':
          room.requestSync(this, message.stateVector);
          break;
        case 'update': {
          const verdict = this.options.vetUpdate?.(room.doc, message.update) ?? APPLY;
          if (verdict.action === 'refuse') {
            this.close(verdict.code, verdict.reason.slice(0, 120));
            return;
          }
          if (verdict.action === 'apply') {
            room.applyClientUpdate(this, message.update, message.relayable ? data : null);
          }
          break;
        }
        case 'awareness':
          awarenessProtocol.applyAwarenessUpdate(room.awareness, message.update, this);
          // Forward the client's own bytes: no re-encode on the presence path.
          room.broadcast(data, this);
          break;
        case 'queryAwareness': {
          const clients = [...room.awareness.getStates().keys()];
          this.send(
            encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(room.awareness, clients)),
          );
          break;
        }
        case 'auth':
          // The stock protocol's auth message is unused: boards are open to their link.
          break;
      }
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.close(
        CloseCode.malformed,
        `${CloseReason[CloseCode.malformed]}: ${reason}`.slice(0, 120),
      );
      // When Yjs itself rejects a payload, whatever it integrated before failing was already
      // queued for commit by applyClientUpdate, so memory and disk stay equal.
      if (!(error instanceof MalformedMessageError)) {
        room.server.noteRejectedUpdate(room.id, reason);
      }
    }
  }

  send(message: Uint8Array): void {
    if (!this.#open) return;
    try {
      this.socket.send(message);
    } catch {
      this.closed();
    }
  }

  /** Sends several messages, in one write when the transport can. */
  sendBatch(messages: readonly Uint8Array[]): void {
    if (!this.#open) return;
    try {
      if (this.socket.sendBatch) this.socket.sendBatch(messages);
      else for (const message of messages) this.socket.send(message);
    } catch {
      this.closed();
    }
  }

  close(code: number, reason: string): void {
    if (!this.#open) return;
    try {
      this.socket.close(code, reason);
    } finally {
      this.closed();
    }
  }

  closed(): void {
    if (!this.#open) return;
    this.#open = false;
    this.#early = [];
    this.room.detach(this);
  }
}
