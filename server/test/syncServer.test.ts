import { CloseCode } from '@trama/shared';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MemoryBoardStore } from '../src/storage/memory.js';
import type { BoardStore, BoardUpdate } from '../src/storage/store.js';
import {
  freshTransactionQueue,
  SyncServer,
  type SyncServerOptions,
} from '../src/sync/syncServer.js';
import { MemoryLogger } from './support/logger.js';
import { FlakyStore, GatedStore } from './support/stores.js';
import { nextTurn, settle, TestClient } from './support/testClient.js';

const clients: TestClient[] = [];
afterEach(() => {
  for (const client of clients.splice(0)) client.destroy();
});

function makeServer(
  store: BoardStore = new MemoryBoardStore(),
  options: Partial<SyncServerOptions> = {},
) {
  return new SyncServer({
    store,
    maxMessageBytes: 64 * 1024,
    compactAfterUpdates: 1000,
    unloadDelayMs: 60_000,
    logger: new MemoryLogger(),
    ...options,
  });
}

function client(server: SyncServer, boardId = 'board', doc?: Y.Doc): TestClient {
  const c = new TestClient(server, boardId, doc);
  clients.push(c);
  return c;
}

/** A memory store that holds every commit touching `heldBoard` until `release()`. */
class BoardHoldingStore extends MemoryBoardStore {
  appends: BoardUpdate[][] = [];
  heldBoard: string | null = null;
  #waiting: (() => void)[] = [];

  release(): void {
    this.heldBoard = null;
    for (const resume of this.#waiting.splice(0)) resume();
  }

  override async append(updates: readonly BoardUpdate[]): Promise<void> {
    this.appends.push([...updates]);
    if (updates.some((u) => u.boardId === this.heldBoard)) {
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    }
    return super.append(updates);
  }
}

const text = (c: TestClient) => c.doc.getText('t').toString();

/** The updates a fresh doc emits for `edit`, one per transaction, as a client would send them. */
function updatesOf(edit: (text: Y.Text) => void): Uint8Array[] {
  const source = new Y.Doc();
  const updates: Uint8Array[] = [];
  source.on('update', (u: Uint8Array) => updates.push(u));
  edit(source.getText('t'));
  source.destroy();
  return updates;
}

/** A y-websocket sync update message carrying `update` (then `trailing`, if any). */
function syncUpdate(update: Uint8Array, ...trailing: number[]): Uint8Array {
  // One length byte: a varint below 128.
  if (update.length >= 128) throw new Error('test update too long for a one-byte length');
  return new Uint8Array([0, 2, update.length, ...update, ...trailing]);
}

/** Counts y-websocket "update" broadcasts (sync type 0, sub-type 2) a client received. */
const updateBroadcasts = (c: TestClient) =>
  c.received.filter((m) => m[0] === 0 && m[1] === 2).length;

describe('SyncServer', () => {
  it('[SY1] clients of a board converge; other boards see nothing', async () => {
    const server = makeServer();
    const a = client(server);
    const b = client(server);
    const other = client(server, 'other');
    await settle(server, clients);
    a.doc.getText('t').insert(0, 'ciao ');
    b.doc.getText('t').insert(0, 'mondo');
    await settle(server, clients);
    expect(text(a)).toBe(text(b));
    expect(text(a)).toHaveLength(10);
    expect(text(other)).toBe('');
  });

  it('[SY2] nothing is broadcast or sent in a sync reply before its commit resolves', async () => {
    const store = new GatedStore();
    const server = makeServer(store);
    const a = client(server);
    const b = client(server);
    await settle(server, clients);
    const before = updateBroadcasts(b);

    store.closeGate();
    a.doc.getText('t').insert(0, 'durable');
    await nextTurn();
    await nextTurn();
    expect(store.appends.at(-1)?.length).toBe(1);
    // A late joiner asking for the state now must not get the uncommitted edit either.
    const late = client(server);
    await nextTurn();
    await nextTurn();
    b.deliver();
    late.deliver();
    expect(updateBroadcasts(b)).toBe(before);
    expect(text(b)).toBe('');
    expect(text(late)).toBe('');

    store.openGate();
    await settle(server, clients);
    expect(text(b)).toBe('durable');
    expect(text(late)).toBe('durable');
  });

  it('[SY3] one turn of updates is one commit and one merged broadcast; no echo to a sole author', async () => {
    const store = new GatedStore();
    const server = makeServer(store);
    const a = client(server);
    const b = client(server);
    await settle(server, clients);
    const appendsBefore = store.appends.length;
    const aBefore = updateBroadcasts(a);
    const bBefore = updateBroadcasts(b);

    const ytext = a.doc.getText('t');
    ytext.insert(0, 'uno ');
    ytext.insert(4, 'due ');
    ytext.insert(8, 'tre');
    await settle(server, clients);

    expect(store.appends.length - appendsBefore).toBe(1);
    expect(store.appends.at(-1)).toHaveLength(3);
    expect(updateBroadcasts(b) - bBefore).toBe(1);
    expect(updateBroadcasts(a) - aBefore).toBe(0);
    expect(text(b)).toBe('uno due tre');
  });

  it('[SY3] a lone update goes out as the very message its author sent; a repeat goes nowhere', async () => {
    const store = new GatedStore();
    const server = makeServer(store);
    const a = client(server);
    const b = client(server);
    await settle(server, clients);
    const [update, next] = updatesOf((t) => {
      t.insert(0, 'prima');
      t.insert(5, '!');
    }) as [Uint8Array, Uint8Array];
    const sent = syncUpdate(update);

    const appendsBefore = store.appends.length;
    a.sendRaw(sent);
    await settle(server, clients);
    expect(b.received.at(-1)).toBe(sent);
    expect(text(b)).toBe('prima');
    expect(
      store.appends
        .slice(appendsBefore)
        .flat()
        .map((u) => u.update),
    ).toEqual([update]);

    const seen = b.received.length;
    a.sendRaw(sent);
    await settle(server, clients);
    expect(store.appends.length - appendsBefore).toBe(1);
    expect(b.received.length).toBe(seen);

    // Bytes after the update are not passed on: that message goes out re-encoded.
    a.sendRaw(syncUpdate(next, 7, 7));
    await settle(server, clients);
    expect(text(b)).toBe('prima!');
    expect(Array.from(b.received.at(-1) as Uint8Array)).toEqual([0, 2, next.length, ...next]);
  });

  it('[SY3] a client that leaves while a commit is being sent out is passed by; the rest get it all', async () => {
    const server = makeServer();
    // The walk visits clients in the order they joined: the author, the one whose write
    // makes another leave, the one who leaves, and one more who must still get everything.
    const author = client(server);
    const trigger = client(server);
    const leaver = client(server);
    const last = client(server);
    for (const c of [author, trigger, leaver, last]) c.awareness.setLocalState({ name: 'x' });
    await settle(server, clients);
    trigger.onWrite = () => {
      trigger.onWrite = null;
      leaver.disconnect();
    };
    author.doc.getText('t').insert(0, 'ciao');
    await settle(server, [author, trigger, last]);
    expect(text(trigger)).toBe('ciao');
    expect(text(last)).toBe('ciao');
    // The leaver's presence is gone for everyone who stayed.
    for (const c of [author, trigger, last]) {
      expect(c.awareness.getStates().has(leaver.doc.clientID)).toBe(false);
    }
  });

  it('[SY3] a crowded board writes to each client about once per interval; what comes meanwhile goes in one write', async () => {
    const server = makeServer(undefined, { busyRoomClients: 2, busyRoomIntervalMs: 40 });
    const a = client(server);
    const b = client(server);
    await settle(server, clients);
    const ytext = a.doc.getText('t');
    ytext.insert(0, 'uno ');
    // (settle drains, and draining skips the interval: a lap has just begun.)
    await settle(server, clients);
    const writes = b.writes;
    const updates = updateBroadcasts(b);
    ytext.insert(4, 'due ');
    await nextTurn();
    ytext.insert(8, 'tre');
    await nextTurn();
    await nextTurn();
    expect(b.writes).toBe(writes);
    // Once the interval is over, both commits go out together.
    await b.nextWrite();
    b.deliver();
    // Two commits, two messages, one write.
    expect(b.writes - writes).toBe(1);
    expect(updateBroadcasts(b) - updates).toBe(2);
    expect(text(b)).toBe('uno due tre');
  });

  it('[SY3] a crowded board writes to a slice of clients per turn, and a commit made meanwhile reaches those still ahead in the same lap', async () => {
    const server = makeServer(undefined, {
      busyRoomClients: 3,
      busyRoomIntervalMs: 0,
      busyRoomSlice: 1,
    });
    const a = client(server);
    const readers = [client(server), client(server), client(server), client(server)];
    await settle(server, clients);
    const before = readers.map((r) => r.writes);
    const wrote = () => readers.map((r, i) => r.writes - (before[i] as number));
    const ytext = a.doc.getText('t');
    ytext.insert(0, 'uno');
    // A turn reads and commits it; from then on one client is visited per turn.
    for (let turn = 0; turn < 10 && wrote().every((n) => n === 0); turn++) await nextTurn();
    expect(wrote().filter((n) => n > 0)).toHaveLength(1);
    ytext.insert(3, ' due');
    await settle(server, clients);
    for (const r of readers) expect(text(r)).toBe('uno due');
    // Each reader got each commit once; those the cursor had not reached when the second
    // was committed got both in a single write.
    expect(readers.every((r) => updateBroadcasts(r) >= 2)).toBe(true);
    expect(wrote().filter((n) => n === 1).length).toBeGreaterThan(0);
    expect(wrote().every((n) => n === 1 || n === 2)).toBe(true);
  });

  it('[SY3] a transport without batches gets what waits as separate messages', async () => {
    const server = makeServer(undefined, { busyRoomClients: 2, busyRoomIntervalMs: 40 });
    const a = client(server);
    const plain = new TestClient(server, 'board', undefined, false);
    clients.push(plain);
    await settle(server, clients);
    const ytext = a.doc.getText('t');
    ytext.insert(0, 'uno ');
    await settle(server, clients);
    const writes = plain.writes;
    ytext.insert(4, 'due ');
    await nextTurn();
    ytext.insert(8, 'tre');
    await nextTurn();
    await nextTurn();
    expect(plain.writes).toBe(writes);
    // After the interval both wait for it; without batches they go as two sends in one visit.
    await plain.nextWrite();
    expect(plain.writes - writes).toBe(2);
    plain.deliver();
    expect(text(plain)).toBe('uno due tre');
  });

  it('[SY3] drain() does not wait out a crowded board’s interval', async () => {
    const store = new MemoryBoardStore();
    const server = makeServer(store, { busyRoomClients: 1, busyRoomIntervalMs: 60_000 });
    const a = client(server);
    await settle(server, clients);
    a.doc.getText('t').insert(0, 'uno');
    await settle(server, clients);
    a.doc.getText('t').insert(3, ' due');
    await server.drain();
    const fresh = client(makeServer(store));
    await settle(fresh.server, [fresh]);
    expect(text(fresh)).toBe('uno due');
  });

  it('[SY3] a board whose commit is in flight holds up neither other boards’ commits nor their broadcasts', async () => {
    const store = new BoardHoldingStore();
    const server = makeServer(store);
    const slow = [client(server, 'slow'), client(server, 'slow')] as const;
    const fast = [client(server, 'fast'), client(server, 'fast')] as const;
    await settle(server, clients);

    store.heldBoard = 'slow';
    slow[0].doc.getText('t').insert(0, 'attesa');
    await nextTurn();
    fast[0].doc.getText('t').insert(0, 'subito');
    await nextTurn();
    await nextTurn();
    fast[1].deliver();
    slow[1].deliver();
    expect(text(fast[1])).toBe('subito');
    expect(text(slow[1])).toBe('');

    store.release();
    await settle(server, clients);
    expect(text(slow[1])).toBe('attesa');
  });

  it('[SY2] a board’s updates arriving during its commit wait for it, then go in the next one', async () => {
    const store = new BoardHoldingStore();
    const server = makeServer(store);
    const [a, b] = [client(server), client(server)];
    await settle(server, clients);
    const before = updateBroadcasts(b);

    store.heldBoard = 'board';
    a.doc.getText('t').insert(0, 'uno');
    await nextTurn();
    await nextTurn();
    const appends = store.appends.length;
    a.doc.getText('t').insert(3, ' due');
    await nextTurn();
    await nextTurn();
    // No second commit for this board while the first is in flight: its log has no gaps.
    expect(store.appends.length).toBe(appends);

    store.release();
    await settle(server, clients);
    expect(store.appends.length).toBe(appends + 1);
    expect(store.appends.at(-1)).toHaveLength(1);
    expect(updateBroadcasts(b) - before).toBe(2);
    expect(text(b)).toBe('uno due');
  });

  it('[SY4] a late joiner gets the whole state', async () => {
    const server = makeServer();
    const a = client(server);
    await settle(server, clients);
    a.doc.getMap('m').set('k', 'v');
    a.doc.getText('t').insert(0, 'esigenze');
    await settle(server, clients);
    const late = client(server);
    await settle(server, clients);
    expect(late.doc.getMap('m').get('k')).toBe('v');
    expect(text(late)).toBe('esigenze');
  });

  it('[SY5] an oversized message closes only that connection with 1009', async () => {
    const server = makeServer(undefined, { maxMessageBytes: 1024 });
    const a = client(server);
    const b = client(server);
    const bad = client(server);
    await settle(server, clients);
    bad.sendRaw(new Uint8Array(2048));
    expect(bad.closedWith?.code).toBe(CloseCode.tooLarge);
    expect(bad.closedWith?.reason).toMatch(/too large/);
    a.doc.getText('t').insert(0, 'ancora qui');
    await settle(server, clients);
    expect(text(b)).toBe('ancora qui');
    expect(a.closedWith).toBeNull();
  });

  it.each([
    ['garbage', [0xff, 0xff, 0xff]],
    ['unknown message type', [9, 0]],
    ['unknown sync type', [0, 7, 0]],
    ['truncated sync message', [0, 2, 50, 1, 2]],
    ['empty message', []],
  ])(
    '[SY5] a malformed message (%s) closes only that connection with 1007',
    async (_name, bytes) => {
      const server = makeServer();
      const a = client(server);
      const b = client(server);
      const bad = client(server);
      await settle(server, clients);
      bad.sendRaw(new Uint8Array(bytes));
      expect(bad.closedWith?.code).toBe(CloseCode.malformed);
      a.doc.getText('t').insert(0, 'ok');
      await settle(server, clients);
      expect(text(b)).toBe('ok');
    },
  );

  it('[SY5] an update Yjs cannot read closes that connection and keeps the board consistent', async () => {
    const store = new MemoryBoardStore();
    const server = makeServer(store);
    const a = client(server);
    const bad = client(server);
    await settle(server, clients);
    // A sync update whose payload is not a Yjs update.
    bad.sendRaw(new Uint8Array([0, 2, 4, 1, 200, 200, 200]));
    expect(bad.closedWith?.code).toBe(CloseCode.malformed);
    a.doc.getText('t').insert(0, 'intatto');
    await settle(server, clients);
    await server.close();
    const restarted = makeServer(store.reopen());
    const fresh = client(restarted);
    await settle(restarted, [fresh]);
    expect(text(fresh)).toBe('intatto');
  });

  it('[SY6] the log is compacted past the threshold and the content is unchanged', async () => {
    const store = new MemoryBoardStore();
    const server = makeServer(store, { compactAfterUpdates: 10 });
    const a = client(server);
    await settle(server, clients);
    for (let i = 0; i < 25; i++) {
      a.doc.getText('t').insert(i, String(i % 10));
      await settle(server, clients);
    }
    expect(await store.logLength('board')).toBeLessThan(10);
    expect((await store.load('board')).snapshot).not.toBeNull();
    await server.close();
    const restarted = makeServer(store.reopen());
    const fresh = client(restarted);
    await settle(restarted, [fresh]);
    expect(text(fresh)).toBe(text(a));
  });

  it('[SY6] an update Yjs holds back survives a compaction and reaches those who join meanwhile', async () => {
    const store = new MemoryBoardStore();
    const server = makeServer(store, { compactAfterUpdates: 1 });
    const a = client(server);
    await settle(server, clients);
    const [first, second] = updatesOf((t) => {
      t.insert(0, 'prima');
      t.insert(5, ' poi');
    }) as [Uint8Array, Uint8Array];
    // The second waits for the first in Yjs; committing it compacts the log into a snapshot.
    a.sendRaw(syncUpdate(second));
    await settle(server, clients);
    await server.drain();
    expect(await store.logLength('board')).toBe(0);
    await server.close();

    const restarted = makeServer(store.reopen());
    // Joins while the second still waits: its sync reply carries it, waiting in its doc too.
    const watcher = client(restarted);
    const b = client(restarted);
    await settle(restarted, [watcher, b]);
    expect(text(watcher)).toBe('');
    expect(watcher.doc.store.pendingStructs).not.toBeNull();
    b.sendRaw(syncUpdate(first));
    await settle(restarted, [watcher, b]);
    expect(text(watcher)).toBe('prima poi');
    await restarted.close();

    const again = makeServer(store.reopen());
    const fresh = client(again);
    await settle(again, [fresh]);
    expect(text(fresh)).toBe('prima poi');
  });

  it('[SY7] a board is unloaded after its last client leaves, and reloads intact', async () => {
    const server = makeServer(undefined, { unloadDelayMs: 0 });
    const a = client(server);
    await settle(server, clients);
    a.doc.getText('t').insert(0, 'resta');
    await settle(server, clients);
    expect(server.loadedBoards).toBe(1);
    a.disconnect();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(server.loadedBoards).toBe(0);
    const fresh = client(server);
    await settle(server, clients);
    expect(text(fresh)).toBe('resta');
  });

  it('[SY7] a board with uncommitted updates is not unloaded before they commit', async () => {
    const store = new GatedStore();
    const server = makeServer(store, { unloadDelayMs: 0 });
    const a = client(server);
    await settle(server, clients);
    store.closeGate();
    a.doc.getText('t').insert(0, 'in volo');
    await nextTurn();
    a.disconnect();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(server.loadedBoards).toBe(1);
    store.openGate();
    await server.drain();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(server.loadedBoards).toBe(0);
    expect((await store.load('board')).updates.length).toBeGreaterThan(0);
  });

  it('[SY8] a failed commit closes the board’s clients with 1011 and nothing is lost', async () => {
    const store = new FlakyStore();
    const server = makeServer(store);
    const a = client(server);
    const b = client(server);
    await settle(server, clients);
    store.failures = 1;
    a.doc.getText('t').insert(0, 'non perdere');
    await settle(server, clients);
    expect(a.closedWith?.code).toBe(CloseCode.internalError);
    expect(b.closedWith?.code).toBe(CloseCode.internalError);
    expect(text(b)).toBe('');
    a.connect();
    b.connect();
    await settle(server, clients);
    expect(text(b)).toBe('non perdere');
    await server.close();
    const fresh = client(makeServer(store.reopen()));
    await settle(fresh.server, [fresh]);
    expect(text(fresh)).toBe('non perdere');
  });

  it('[SY9] presence is relayed and removed when a client leaves', async () => {
    const server = makeServer();
    const a = client(server);
    const b = client(server);
    await settle(server, clients);
    a.awareness.setLocalStateField('user', { name: 'Anna' });
    await settle(server, clients);
    expect(b.awareness.getStates().get(a.doc.clientID)).toEqual({ user: { name: 'Anna' } });
    const late = client(server);
    await settle(server, clients);
    expect(late.awareness.getStates().get(a.doc.clientID)).toEqual({ user: { name: 'Anna' } });
    a.disconnect();
    await settle(server, clients);
    expect(b.awareness.getStates().has(a.doc.clientID)).toBe(false);
    expect(late.awareness.getStates().has(a.doc.clientID)).toBe(false);
  });

  it('[SY10] close() commits what is pending and closes everyone with 1001', async () => {
    const store = new MemoryBoardStore();
    const server = makeServer(store);
    const a = client(server);
    await settle(server, clients);
    a.doc.getText('t').insert(0, 'ultimo');
    await server.close();
    expect(a.closedWith?.code).toBe(CloseCode.goingAway);
    const fresh = client(makeServer(store.reopen()));
    await settle(fresh.server, [fresh]);
    expect(text(fresh)).toBe('ultimo');
  });

  it('[SY10] a closing server refuses new clients', async () => {
    const server = makeServer();
    await server.close();
    const late = client(server);
    expect(late.closedWith?.code).toBe(CloseCode.goingAway);
  });

  it('a store that cannot load the board closes its clients with 4500', async () => {
    const store = new MemoryBoardStore();
    store.load = async () => {
      throw new Error('corrupt');
    };
    const server = makeServer(store);
    const a = client(server);
    await settle(server, clients);
    expect(a.closedWith?.code).toBe(CloseCode.loadFailed);
    expect(server.loadedBoards).toBe(0);
  });

  it('gives an idle doc a new transaction queue and leaves a running transaction’s alone', () => {
    // Guards the Yjs internal the server relies on to keep transactions young (GC).
    const doc = new Y.Doc();
    const idle = doc._transactionCleanups;
    expect(idle).toEqual([]);
    freshTransactionQueue(doc);
    expect(doc._transactionCleanups).not.toBe(idle);
    expect(doc._transactionCleanups).toEqual([]);
    doc.transact(() => {
      const running = doc._transactionCleanups;
      expect(running).toHaveLength(1);
      freshTransactionQueue(doc);
      expect(doc._transactionCleanups).toBe(running);
    });
    doc.getText('t').insert(0, 'still works');
    expect(doc.getText('t').toString()).toBe('still works');
  });

  it('runs prepareBoard on load and persists what it changes', async () => {
    const store = new MemoryBoardStore();
    const server = makeServer(store, {
      prepareBoard: (_id, doc) => {
        if (!doc.getMap('meta').has('schemaVersion')) doc.getMap('meta').set('schemaVersion', 1);
      },
    });
    const a = client(server);
    await settle(server, clients);
    expect(a.doc.getMap('meta').get('schemaVersion')).toBe(1);
    expect((await store.load('board')).updates).toHaveLength(1);
  });
});

describe('SyncServer server-side access', () => {
  it('readBoard returns a detached copy of the current state', async () => {
    const server = makeServer();
    const a = client(server);
    await settle(server, clients);
    a.doc.getText('t').insert(0, 'letto');
    await settle(server, clients);
    const copy = await server.readBoard('board');
    expect(copy.getText('t').toString()).toBe('letto');
    copy.getText('t').insert(0, 'x');
    await settle(server, clients);
    expect(text(a)).toBe('letto');
  });

  it('readBoard loads a board nobody is connected to, which unloads afterwards', async () => {
    const store = new MemoryBoardStore();
    const first = makeServer(store);
    const a = client(first);
    await settle(first, clients);
    a.doc.getText('t').insert(0, 'su disco');
    await first.close();
    const server = makeServer(store.reopen(), { unloadDelayMs: 0 });
    expect((await server.readBoard('board')).getText('t').toString()).toBe('su disco');
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(server.loadedBoards).toBe(0);
  });

  it('[SY2] changeBoard commits the server’s change, then broadcasts it', async () => {
    const store = new MemoryBoardStore();
    const server = makeServer(store);
    const a = client(server);
    await settle(server, clients);
    await server.changeBoard('board', (doc) => doc.getText('t').insert(0, 'dal server'));
    expect((await store.load('board')).updates.length).toBeGreaterThan(0);
    await settle(server, clients);
    expect(text(a)).toBe('dal server');
  });
});
