/**
 * Convergence through the real server. Stock y-websocket providers (each with its own Y.Doc,
 * BroadcastChannel off, so every byte goes through `/sync/<boardId>`) make concurrent edits to
 * a shared Y.Text, Y.Map and Y.XmlFragment — two clients, then ten — and must end with
 * identical documents holding every edit. A client that joins late receives the full state in
 * its initial sync, edits made offline before connecting are merged in, and two boards served
 * at once never see each other's content.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import {
  connect,
  connectSynced,
  contentOf,
  startApp,
  synced,
  teardown,
  waitForDoc,
} from '../support/harness.js';

afterEach(teardown);

let boardCounter = 0;
const newBoardId = () => `conv-${process.pid}-${++boardCounter}`;

/** Client `i`'s edits: all made in the same tick, before any client sees another's. */
function editAs(doc: Y.Doc, i: number): void {
  doc.transact(() => {
    // Everyone inserts at the same position of the same text: a real conflict.
    doc.getText('text').insert(0, `<c${i}>`);
    const map = doc.getMap('map');
    map.set(`own-${i}`, { by: i, values: [i, i * 2] });
    // Everyone writes the same key: exactly one value must win everywhere.
    map.set('contested', `client-${i}`);
    const element = new Y.XmlElement('card');
    element.setAttribute('by', String(i));
    element.insert(0, [new Y.XmlText(`card of ${i}`)]);
    doc.getXmlFragment('xml').insert(0, [element]);
  });
}

function hasAllEdits(doc: Y.Doc, n: number): boolean {
  const text = doc.getText('text').toString();
  const map = doc.getMap('map');
  for (let i = 0; i < n; i++) {
    if (!text.includes(`<c${i}>`) || !map.has(`own-${i}`)) return false;
  }
  return doc.getXmlFragment('xml').length === n;
}

async function convergeWith(n: number): Promise<WebsocketProvider[]> {
  const server = await startApp();
  const boardId = newBoardId();
  const providers = await Promise.all(
    Array.from({ length: n }, () => connectSynced(server.syncUrl, boardId)),
  );
  providers.forEach((provider, i) => {
    editAs(provider.doc, i);
  });
  await Promise.all(
    providers.map((p, i) => waitForDoc(p.doc, (d) => hasAllEdits(d, n), `client ${i} complete`)),
  );
  const reference = contentOf(providers[0]!.doc);
  for (const provider of providers) {
    expect(contentOf(provider.doc)).toEqual(reference);
    expect(Y.encodeStateVector(provider.doc)).toEqual(Y.encodeStateVector(providers[0]!.doc));
  }
  expect(reference.text.length).toBe(
    Array.from({ length: n }, (_, i) => `<c${i}>`.length).reduce((a, b) => a + b, 0),
  );
  expect(Object.keys(reference.map as object)).toHaveLength(n + 1);
  expect(String((reference.map as Record<string, unknown>).contested)).toMatch(/^client-\d+$/);
  return providers;
}

describe('convergence through the server', () => {
  it('two stock clients with concurrent text, map and xml edits converge', async () => {
    await convergeWith(2);
  });

  it('ten stock clients with concurrent edits converge', async () => {
    await convergeWith(10);
  });

  it('keeps converging over several rounds of interleaved edits', async () => {
    const server = await startApp();
    const boardId = newBoardId();
    const [a, b, c] = await Promise.all(
      [1, 2, 3].map(() => connectSynced(server.syncUrl, boardId)),
    );
    const docs = [a!.doc, b!.doc, c!.doc];
    for (let round = 0; round < 20; round++) {
      docs.forEach((doc, i) => {
        const text = doc.getText('text');
        // Insert in the middle and delete a character: concurrent inserts and deletes.
        text.insert(Math.floor(text.length / 2), `${round}.${i};`);
        if (text.length > 10 && round % 3 === i) text.delete(2, 1);
        doc.getMap('map').set(`r${round}-c${i}`, round);
      });
    }
    await Promise.all(
      docs.map((doc) => waitForDoc(doc, (d) => d.getMap('map').size === 60, 'all 60 map keys')),
    );
    // Map keys arrive together with the text edits of the same round, but wait for the
    // state vectors too: identical vectors mean every update of every client was delivered.
    const vector = (doc: Y.Doc) => Buffer.from(Y.encodeStateVector(doc)).toString('hex');
    await Promise.all(
      docs.map((doc) =>
        waitForDoc(doc, (d) => docs.every((other) => vector(other) === vector(d)), 'same vectors'),
      ),
    );
    expect(contentOf(docs[1]!)).toEqual(contentOf(docs[0]!));
    expect(contentOf(docs[2]!)).toEqual(contentOf(docs[0]!));
  });

  it('ten stock clients converge on a board crowded enough to fan out in slices (several frames per write)', async () => {
    // Every board counts as crowded here: each client is written to at most every 2 ms, three
    // clients per event-loop turn, so what is committed meanwhile reaches a client as several
    // WebSocket frames in one write, which the stock provider must read one by one.
    const server = await startApp({
      fanOut: { busyRoomClients: 2, busyRoomIntervalMs: 2, busyRoomSlice: 3 },
    });
    const boardId = newBoardId();
    const providers = await Promise.all(
      Array.from({ length: 10 }, () => connectSynced(server.syncUrl, boardId)),
    );
    const docs = providers.map((p) => p.doc);
    for (let round = 0; round < 10; round++) {
      docs.forEach((doc, i) => {
        doc.getText('text').insert(0, `${round}.${i};`);
        doc.getMap('map').set(`r${round}-c${i}`, round);
      });
      // Rounds in separate turns, so they are separate commits that pile up in the outbox.
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(
      docs.map((doc) => waitForDoc(doc, (d) => d.getMap('map').size === 100, 'all 100 keys')),
    );
    // Each doc has every key; the same state vectors everywhere mean every update arrived.
    const vector = (doc: Y.Doc) => Buffer.from(Y.encodeStateVector(doc)).toString('hex');
    for (const doc of docs) expect(vector(doc)).toBe(vector(docs[0]!));
    for (const doc of docs) expect(contentOf(doc)).toEqual(contentOf(docs[0]!));
  });

  it('a late joiner receives the full state in its initial sync', async () => {
    const server = await startApp();
    const boardId = newBoardId();
    const early = await Promise.all([0, 1, 2].map(() => connectSynced(server.syncUrl, boardId)));
    early.forEach((provider, i) => {
      editAs(provider.doc, i);
    });
    await Promise.all(early.map((p) => waitForDoc(p.doc, (d) => hasAllEdits(d, 3))));

    const late = connect(server.syncUrl, boardId);
    await synced(late);
    // Right at 'sync', before any further message: the initial sync alone carried everything.
    expect(contentOf(late.doc)).toEqual(contentOf(early[0]!.doc));
    expect(hasAllEdits(late.doc, 3)).toBe(true);
  });

  it('merges edits a client made offline before it connected', async () => {
    const server = await startApp();
    const boardId = newBoardId();
    const online = await connectSynced(server.syncUrl, boardId);
    online.doc.getMap('map').set('online', true);

    const offlineDoc = new Y.Doc();
    offlineDoc.getText('text').insert(0, 'written offline');
    offlineDoc.getMap('map').set('offline', true);
    const joiner = connect(server.syncUrl, boardId, offlineDoc);

    await waitForDoc(online.doc, (d) => d.getMap('map').has('offline'), 'offline edit at online');
    await waitForDoc(joiner.doc, (d) => d.getMap('map').has('online'), 'online edit at joiner');
    expect(online.doc.getText('text').toString()).toBe('written offline');
    expect(contentOf(joiner.doc)).toEqual(contentOf(online.doc));
  });

  it('relays edits of every WebSocket frame size (7-bit, 16-bit and 64-bit lengths)', async () => {
    const server = await startApp();
    const boardId = newBoardId();
    const [writer, reader] = await Promise.all([
      connectSynced(server.syncUrl, boardId),
      connectSynced(server.syncUrl, boardId),
    ]);
    // Each edit is one message whose payload straddles a frame-length boundary.
    let expected = '';
    for (const size of [10, 125, 126, 1_000, 65_535, 65_536, 200_000]) {
      const chunk = String.fromCharCode(97 + (size % 26)).repeat(size);
      writer!.doc.getText('text').insert(expected.length, chunk);
      expected += chunk;
      await waitForDoc(
        reader!.doc,
        (d) => d.getText('text').length === expected.length,
        `edit of ${size} characters at the reader`,
      );
    }
    expect(reader!.doc.getText('text').toString()).toBe(expected);
  });

  it('keeps boards isolated from each other', async () => {
    const server = await startApp();
    const boardA = newBoardId();
    const boardB = newBoardId();
    const [a1, a2, b1, b2] = await Promise.all([
      connectSynced(server.syncUrl, boardA),
      connectSynced(server.syncUrl, boardA),
      connectSynced(server.syncUrl, boardB),
      connectSynced(server.syncUrl, boardB),
    ]);
    a1!.doc.getMap('map').set('only-in-a', 'A');
    a1!.doc.getText('text').insert(0, 'AAA');
    b1!.doc.getMap('map').set('only-in-b', 'B');
    b1!.doc.getText('text').insert(0, 'BBB');
    await waitForDoc(a2!.doc, (d) => d.getMap('map').has('only-in-a'));
    await waitForDoc(b2!.doc, (d) => d.getMap('map').has('only-in-b'));

    // Fresh clients sync once everything sent so far is committed: they see their board only.
    const [freshA, freshB] = await Promise.all([
      connectSynced(server.syncUrl, boardA),
      connectSynced(server.syncUrl, boardB),
    ]);
    for (const doc of [a1!.doc, a2!.doc, freshA!.doc]) {
      expect(doc.getMap('map').toJSON()).toEqual({ 'only-in-a': 'A' });
      expect(doc.getText('text').toString()).toBe('AAA');
    }
    for (const doc of [b1!.doc, b2!.doc, freshB!.doc]) {
      expect(doc.getMap('map').toJSON()).toEqual({ 'only-in-b': 'B' });
      expect(doc.getText('text').toString()).toBe('BBB');
    }
    expect(server.sync.loadedBoards).toBe(2);
  });
});
