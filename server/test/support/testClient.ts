import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { SyncConnection } from '../../src/sync/socket.js';
import type { SyncServer } from '../../src/sync/syncServer.js';

/**
 * A y-websocket client over an in-memory socket. Messages from the server wait in `inbox`
 * until the test delivers them, so tests decide the interleaving and never sleep.
 */
export class TestClient {
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  inbox: Uint8Array[] = [];
  /** Every message the server sent, in order (for assertions on what was broadcast). */
  readonly received: Uint8Array[] = [];
  /** Socket writes the server made (a batch of messages is one write). */
  writes = 0;
  /** Runs inside each socket write, after the message is taken (to act mid-broadcast). */
  onWrite: (() => void) | null = null;
  closedWith: { code: number; reason: string } | null = null;
  #connection: SyncConnection | null = null;

  constructor(
    readonly server: SyncServer,
    readonly boardId: string,
    doc = new Y.Doc(),
    /** Whether its socket takes batches (else the server sends a batch's messages one by one). */
    readonly takesBatches = true,
  ) {
    this.doc = doc;
    this.awareness = new awarenessProtocol.Awareness(doc);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== this) this.#send(writeSync((e) => syncProtocol.writeUpdate(e, update)));
    });
    this.awareness.on('update', ({ added, updated, removed }: AwarenessChange, origin: unknown) => {
      if (origin === this) return;
      const changed = [...added, ...updated, ...removed];
      this.#send(writeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed)));
    });
    this.connect();
  }

  get connected(): boolean {
    return this.#connection !== null;
  }

  /** Opens a connection and starts the sync handshake, as y-websocket does. */
  connect(): void {
    if (this.#connection) return;
    this.closedWith = null;
    this.#connection = this.server.connect(this.boardId, {
      send: (data) => {
        this.writes++;
        this.inbox.push(data);
        this.received.push(data);
        this.onWrite?.();
      },
      ...(this.takesBatches
        ? {
            sendBatch: (messages: readonly Uint8Array[]) => {
              this.writes++;
              this.inbox.push(...messages);
              this.received.push(...messages);
              this.onWrite?.();
            },
          }
        : {}),
      close: (code, reason) => {
        this.closedWith = { code, reason };
        this.#connection = null;
      },
    });
    this.#send(writeSync((e) => syncProtocol.writeSyncStep1(e, this.doc)));
    if (this.awareness.getLocalState() !== null) {
      this.#send(
        writeAwareness(
          awarenessProtocol.encodeAwarenessUpdate(this.awareness, [this.doc.clientID]),
        ),
      );
    }
  }

  /** Drops the connection (network loss): undelivered server messages are lost. */
  disconnect(): void {
    this.#connection?.closed();
    this.#connection = null;
    this.inbox = [];
  }

  /** Resolves at the server's next write to this client (a crowded board's timed lap). */
  nextWrite(): Promise<void> {
    return new Promise((resolve) => {
      this.onWrite = () => {
        this.onWrite = null;
        resolve();
      };
    });
  }

  /** Sends raw bytes, as a misbehaving client would. */
  sendRaw(data: Uint8Array): void {
    this.#connection?.receive(data);
  }

  #send(data: Uint8Array): void {
    this.#connection?.receive(data);
  }

  /** Handles up to `max` waiting server messages; returns how many were handled. */
  deliver(max = Number.POSITIVE_INFINITY): number {
    let handled = 0;
    while (this.inbox.length > 0 && handled < max) {
      const data = this.inbox.shift() as Uint8Array;
      handled++;
      const decoder = decoding.createDecoder(data);
      const type = decoding.readVarUint(decoder);
      if (type === 0) {
        const reply = encoding.createEncoder();
        encoding.writeVarUint(reply, 0);
        syncProtocol.readSyncMessage(decoder, reply, this.doc, this);
        if (encoding.length(reply) > 1) this.#send(encoding.toUint8Array(reply));
      } else if (type === 1) {
        awarenessProtocol.applyAwarenessUpdate(
          this.awareness,
          decoding.readVarUint8Array(decoder),
          this,
        );
      }
    }
    return handled;
  }

  destroy(): void {
    this.disconnect();
    this.awareness.destroy();
    this.doc.destroy();
  }
}

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}

function writeSync(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

function writeAwareness(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** Lets pending I/O callbacks and immediates run (loads, commits). */
export const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Runs server commits and client deliveries until nothing moves any more. */
export async function settle(server: SyncServer, clients: readonly TestClient[]): Promise<void> {
  for (let round = 0; round < 1000; round++) {
    await nextTurn();
    await server.drain();
    let moved = 0;
    for (const client of clients) moved += client.deliver();
    if (moved === 0) {
      await nextTurn();
      await server.drain();
      if (clients.every((c) => c.inbox.length === 0)) return;
    }
  }
  throw new Error('settle: the system did not quiesce in 1000 rounds');
}
