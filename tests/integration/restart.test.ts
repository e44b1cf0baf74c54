/**
 * Durability across restarts, in process, over the SQLite store. What clients wrote is there
 * after the app is closed and a new one is built on the same DATA_DIR; an update is in the
 * store before any other client receives it (persist-before-broadcast); closing the app
 * commits updates it has received but not yet flushed; compaction (a small
 * `compactAfterUpdates`) folds the log into a snapshot, verified through the store's
 * `logLength`, and a board loaded from snapshot + tail has exactly the content it had; a board
 * leaves memory after its last client leaves (`sync.loadedBoards`), also when that client
 * left while the board was still loading, and comes back with the same content.
 */
import path from 'node:path';
import {
  DATABASE_FILE,
  MemoryBoardStore,
  SqliteBoardStore,
  type StoredBoard,
  type SyncSocket,
} from '@trama/server';
import * as decoding from 'lib0/decoding';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  connect,
  connectSynced,
  contentOf,
  contentOfUpdate,
  disconnect,
  disconnectAll,
  makeTempDir,
  startApp,
  stopAll,
  storedUpdate,
  syncMessage,
  teardown,
  waitForDoc,
} from '../support/harness.js';
import { waitFor } from '../support/wait.js';

afterEach(teardown);

let boardCounter = 0;
const newBoardId = () => `dur-${process.pid}-${++boardCounter}`;

/** The SQLite store, counting loads: a load means the board was (re)read from disk. */
class CountingStore extends SqliteBoardStore {
  loads = 0;
  constructor(dataDir: string) {
    super(path.join(dataDir, DATABASE_FILE), 'process');
  }
  override load(boardId: string): Promise<StoredBoard> {
    this.loads++;
    return super.load(boardId);
  }
}

/** Several clients write text, map and xml content; resolves once all of them hold it all. */
async function writeBoard(syncUrl: string, boardId: string, tag: string): Promise<Y.Doc> {
  const clients = await Promise.all([0, 1, 2].map(() => connectSynced(syncUrl, boardId)));
  clients.forEach((client, i) => {
    const doc = client.doc;
    doc.getText('text').insert(0, `${tag}:${i} `);
    doc.getMap('map').set(`${tag}-${i}`, { i, tag, nested: [1, 2, { deep: true }] });
    const card = new Y.XmlElement('card');
    card.setAttribute('tag', `${tag}-${i}`);
    doc.getXmlFragment('xml').push([card]);
  });
  const complete = (d: Y.Doc) => [0, 1, 2].every((i) => d.getMap('map').has(`${tag}-${i}`));
  await Promise.all(clients.map((c) => waitForDoc(c.doc, complete, `${tag} complete`)));
  const view = clients[0]!.doc;
  for (const client of clients.slice(1)) expect(contentOf(client.doc)).toEqual(contentOf(view));
  return view;
}

describe('restart', () => {
  it('keeps a board across a server restart on the same DATA_DIR', async () => {
    const dataDir = makeTempDir();
    const boardId = newBoardId();
    const first = await startApp({ dataDir });
    const before = contentOf(await writeBoard(first.syncUrl, boardId, 'before'));
    await stopAll(); // destroys the clients, closes the app; only the data dir remains
    expect(before.text).not.toBe('');

    const second = await startApp({ dataDir });
    expect(second.sync.loadedBoards).toBe(0);
    const fresh = await connectSynced(second.syncUrl, boardId);
    expect(contentOf(fresh.doc)).toEqual(before);

    // And it keeps accepting writes on top of the reloaded state.
    const after = contentOf(await writeBoard(second.syncUrl, boardId, 'after'));
    expect(Object.keys(after.map as object)).toHaveLength(6);
  });

  it('commits every update before any client receives it (persist-before-broadcast)', async () => {
    const server = await startApp();
    const boardId = newBoardId();
    const alice = await connectSynced(server.syncUrl, boardId);
    const bob = await connectSynced(server.syncUrl, boardId);
    // Each time content leaves the server, note what it carried and read the store right then.
    // SqliteBoardStore.load queries synchronously: the promise holds the store's state at
    // that very moment.
    const checks: { where: string; keys: string[]; stored: Promise<StoredBoard> }[] = [];
    // 1. At the transport: an observer connection sees the bytes as the core hands them over,
    //    so a broadcast made before the commit is caught even though SQLite commits in the
    //    same turn of the event loop.
    const observerDoc = new Y.Doc();
    const observer = server.sync.connect(boardId, {
      send(data) {
        const decoder = decoding.createDecoder(data);
        if (decoding.readVarUint(decoder) !== 0 || decoding.readVarUint(decoder) === 0) return;
        Y.applyUpdate(observerDoc, decoding.readVarUint8Array(decoder));
        checks.push({
          where: 'handed to the transport',
          keys: [...observerDoc.getMap('map').keys()],
          stored: server.store.load(boardId),
        });
      },
      close() {},
    });
    // 2. On the wire: the instant a stock client receives an update.
    bob.doc.on('update', (_update: Uint8Array, origin: unknown) => {
      if (origin !== bob) return;
      checks.push({
        where: 'received by bob',
        keys: [...bob.doc.getMap('map').keys()],
        stored: server.store.load(boardId),
      });
    });
    for (let i = 0; i < 30; i++) {
      alice.doc.getMap('map').set(`k${i}`, i);
      if (i % 3 === 0) await waitForDoc(bob.doc, (d) => d.getMap('map').has(`k${i}`));
    }
    await waitForDoc(bob.doc, (d) => d.getMap('map').size === 30, 'all 30 keys at bob');
    observer.closed();
    expect(checks.filter((c) => c.where === 'received by bob').length).toBeGreaterThan(0);
    expect(checks.filter((c) => c.where === 'handed to the transport').length).toBeGreaterThan(0);
    expect(observerDoc.getMap('map').size).toBe(30);
    for (const { where, keys, stored } of checks) {
      const { snapshot, updates } = await stored;
      const parts = snapshot ? [snapshot, ...updates] : updates;
      const onDisk = contentOfUpdate(Y.mergeUpdates(parts)).map as Record<string, unknown>;
      const missing = keys.filter((key) => !(key in onDisk));
      expect(missing, `keys ${where} before they were stored`).toEqual([]);
    }
  });

  it('closing the app commits updates it received but had not flushed yet', async () => {
    const dataDir = makeTempDir();
    const boardId = newBoardId();
    const first = await startApp({ dataDir });
    // Drive the sync core through its transport interface, to control the timing exactly.
    const sent: Uint8Array[] = [];
    const socket: SyncSocket = { send: (data) => sent.push(data), close: () => {} };
    const connection = first.sync.connect(boardId, socket);
    await waitFor(() => sent.length > 0, { what: 'the server greeting (board loaded)' });
    const doc = new Y.Doc();
    doc.getMap('map').set('last-words', 'committed on close');
    connection.receive(syncMessage(2, Y.encodeStateAsUpdate(doc)));
    // Same tick: the batch is queued for the next turn, not committed yet.
    expect(await first.store.logLength(boardId)).toBe(0);
    await first.close();

    const second = await startApp({ dataDir });
    const fresh = await connectSynced(second.syncUrl, boardId);
    expect(fresh.doc.getMap('map').get('last-words')).toBe('committed on close');
  });
});

describe('compaction', () => {
  it('folds the log into a snapshot and keeps the content identical across restarts', async () => {
    const dataDir = makeTempDir();
    const boardId = newBoardId();
    const config = { compactAfterUpdates: 10 };
    const first = await startApp({ dataDir, config });
    const alice = await connectSynced(first.syncUrl, boardId);
    const bob = await connectSynced(first.syncUrl, boardId);
    const updatesSent = 80;
    for (let i = 0; i < updatesSent; i++) {
      const doc = alice.doc;
      // Separate transactions: each one its own update message and its own log row.
      const text = doc.getText('text');
      text.insert(text.length, `line ${i}\n`);
      if (i % 4 === 3) text.delete(0, 3);
      doc.getMap('map').set(`k${i % 25}`, i);
      if (i % 10 === 0) doc.getXmlFragment('xml').push([new Y.XmlText(`x${i}`)]);
      // Pace by round trips now and then, so the server sees many separate batches.
      if (i % 8 === 7) await waitForDoc(bob.doc, (d) => d.getMap('map').get(`k${i % 25}`) === i);
    }
    const expected = contentOf(alice.doc);
    await waitForDoc(bob.doc, (d) => JSON.stringify(contentOf(d)) === JSON.stringify(expected));

    // Compaction runs after the broadcast that crosses the threshold: let it finish.
    await first.sync.drain();
    const stored = await first.store.load(boardId);
    const logLength = await first.store.logLength(boardId);
    console.log(`compaction: ${updatesSent} updates sent, ${logLength} left in the log`);
    expect(stored.snapshot, 'a snapshot was written').not.toBeNull();
    expect(logLength).toBeLessThan(config.compactAfterUpdates);
    expect(contentOfUpdate(await storedUpdate(first.store, boardId))).toEqual(expected);

    // Restart: load = snapshot + tail. From here on compaction is out of reach, so the few
    // updates below stay in the log as a tail after the snapshot.
    await stopAll();
    const noCompaction = { compactAfterUpdates: 1_000_000 };
    const second = await startApp({ dataDir, config: noCompaction });
    const carol = await connectSynced(second.syncUrl, boardId);
    expect(contentOf(carol.doc)).toEqual(expected);

    // A few more updates make a tail after the snapshot; restart again and compare.
    for (let i = 0; i < 3; i++) carol.doc.getMap('map').set(`tail-${i}`, i);
    const dave = await connectSynced(second.syncUrl, boardId);
    await waitForDoc(dave.doc, (d) => d.getMap('map').has('tail-2'), 'the tail at dave');
    const expectedWithTail = contentOf(carol.doc);
    const tail = await second.store.logLength(boardId);
    expect(tail).toBeGreaterThan(0);
    expect((await second.store.load(boardId)).snapshot).not.toBeNull();
    await stopAll();

    const third = await startApp({ dataDir, config: noCompaction });
    const erin = await connectSynced(third.syncUrl, boardId);
    expect(contentOf(erin.doc)).toEqual(expectedWithTail);
    expect(Y.encodeStateVector(erin.doc)).toEqual(Y.encodeStateVector(carol.doc));
  });

  it('compacts a board written by many clients at once without losing any edit', async () => {
    const server = await startApp({ config: { compactAfterUpdates: 5 } });
    const boardId = newBoardId();
    const writers = await Promise.all(
      Array.from({ length: 6 }, () => connectSynced(server.syncUrl, boardId)),
    );
    for (let round = 0; round < 15; round++) {
      writers.forEach((w, i) => {
        w.doc.getMap('map').set(`w${i}-${round}`, round);
      });
    }
    await Promise.all(writers.map((w) => waitForDoc(w.doc, (d) => d.getMap('map').size === 90)));
    await server.sync.drain();
    expect(await server.store.logLength(boardId)).toBeLessThan(5);
    const onDisk = contentOfUpdate(await storedUpdate(server.store, boardId));
    expect(Object.keys(onDisk.map as object)).toHaveLength(90);
    expect(onDisk).toEqual(contentOf(writers[0]!.doc));
  });
});

describe('unloading', () => {
  it('unloads a board after its last client leaves and reloads it intact', async () => {
    const dataDir = makeTempDir();
    const store = new CountingStore(dataDir);
    const server = await startApp({ dataDir, store, config: { unloadDelayMs: 0 } });
    const boardId = newBoardId();
    const before = contentOf(await writeBoard(server.syncUrl, boardId, 'u'));
    expect(server.sync.loadedBoards).toBe(1);
    expect(store.loads).toBe(1);
    disconnectAll();
    // No event tells when a board leaves memory: poll the counter.
    await waitFor(() => server.sync.loadedBoards === 0, { what: 'the board to unload' });
    const health = await server.app.inject({ method: 'GET', url: '/health' });
    expect(health.json()).toEqual({ status: 'ok', boards: 0, connections: 0 });

    const back = await connectSynced(server.syncUrl, boardId);
    expect(server.sync.loadedBoards).toBe(1);
    expect(store.loads, 'reloaded from the store').toBe(2);
    expect(contentOf(back.doc)).toEqual(before);
  });

  it('waits unloadDelayMs, and a client coming back in time finds the board in memory', async () => {
    const dataDir = makeTempDir();
    const store = new CountingStore(dataDir);
    const server = await startApp({ dataDir, store, config: { unloadDelayMs: 500 } });
    const boardId = newBoardId();
    const first = await connectSynced(server.syncUrl, boardId);
    first.doc.getMap('map').set('kept', true);
    const second = await connectSynced(server.syncUrl, boardId);
    expect(second.doc.getMap('map').get('kept')).toBe(true);
    disconnectAll();
    await waitFor(() => server.sync.connectionCount === 0, { what: 'both clients gone' });
    expect(server.sync.loadedBoards).toBe(1);
    const returning = await connectSynced(server.syncUrl, boardId);
    expect(returning.doc.getMap('map').get('kept')).toBe(true);
    expect(store.loads, 'served from memory, not reloaded').toBe(1);
    disconnect(returning);
    await waitFor(() => server.sync.loadedBoards === 0, { what: 'unload after the delay' });
  });

  it('unloads a board whose only client left while it was still loading', async () => {
    // A store whose loads wait until the test releases them.
    class GatedStore extends MemoryBoardStore {
      release: () => void = () => {};
      readonly gate = new Promise<void>((resolve) => {
        this.release = resolve;
      });
      override async load(boardId: string): Promise<StoredBoard> {
        await this.gate;
        return super.load(boardId);
      }
    }
    const store = new GatedStore();
    const server = await startApp({ store, config: { unloadDelayMs: 0 } });
    const boardId = newBoardId();
    const client = connect(server.syncUrl, boardId);
    await waitFor(() => server.sync.connectionCount === 1, { what: 'the connection' });
    disconnect(client);
    await waitFor(() => server.sync.connectionCount === 0, { what: 'the disconnection' });
    store.release();
    await waitFor(() => server.sync.loadedBoards === 0, {
      what: 'the board to unload once loaded with no client left',
      timeoutMs: 2000,
    });
  });
});
