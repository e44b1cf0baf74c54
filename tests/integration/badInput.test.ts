/**
 * Hostile and broken input, from raw `ws` clients, never takes the server down: a message
 * over the configured maximum size closes that connection with 1009 and a reason (one exactly
 * at the limit is accepted); a malformed or undecodable message (garbage bytes, unknown
 * message types, truncated sync messages, undecodable Yjs updates, text frames) closes that
 * connection with 1007; meanwhile stock providers on the same board keep syncing. A bad board
 * id is refused with HTTP 400 before any upgrade, an unknown route gets a JSON 404, and
 * `GET /health` reports the loaded boards and open connections.
 */
import { CloseCode } from '@trama/shared';
import * as encoding from 'lib0/encoding';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import {
  closeOf,
  connectSynced,
  openRaw,
  type RunningApp,
  startApp,
  syncMessage,
  teardown,
  waitForDoc,
} from '../support/harness.js';
import { waitFor } from '../support/wait.js';

const LIMIT = 64 * 1024;

let server: RunningApp;
let boardCounter = 0;
let boardId: string;
let alice: WebsocketProvider;
let bob: WebsocketProvider;

beforeEach(async () => {
  server = await startApp({ config: { maxMessageBytes: LIMIT } });
  boardId = `bad-${process.pid}-${++boardCounter}`;
  alice = await connectSynced(server.syncUrl, boardId);
  bob = await connectSynced(server.syncUrl, boardId);
});
afterEach(teardown);

let probe = 0;
/** Alice writes, Bob must receive it through the server: the board is still served. */
async function boardStillSyncs(): Promise<void> {
  const key = `probe-${++probe}`;
  alice.doc.getMap('map').set(key, true);
  await waitForDoc(bob.doc, (d) => d.getMap('map').has(key), `${key} at bob`);
  expect(alice.wsconnected && bob.wsconnected).toBe(true);
}

/** A valid awareness message of exactly `size` bytes (a client state padded with a string). */
function awarenessMessageOfSize(size: number): Uint8Array {
  const doc = new Y.Doc();
  const awareness = new awarenessProtocol.Awareness(doc);
  const build = (pad: number) => {
    awareness.setLocalState({ pad: 'x'.repeat(pad) });
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint8Array(
      encoder,
      awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]),
    );
    return encoding.toUint8Array(encoder);
  };
  let pad = size;
  let message = build(pad);
  // Length prefixes are varints: converge on the exact size in a few steps.
  for (let i = 0; i < 10 && message.byteLength !== size; i++) {
    pad += size - message.byteLength;
    message = build(pad);
  }
  awareness.destroy();
  doc.destroy();
  if (message.byteLength !== size) throw new Error(`could not build a ${size}-byte message`);
  return message;
}

describe('message size limit', () => {
  it('closes a connection whose message exceeds the limit with 1009 and a reason', async () => {
    const raw = await openRaw(server.boardUrl(boardId));
    const closed = closeOf(raw);
    raw.send(awarenessMessageOfSize(LIMIT + 1));
    const { code, reason } = await closed;
    expect(code).toBe(CloseCode.tooLarge);
    expect(reason).not.toBe('');
    await boardStillSyncs();
  });

  it('closes an oversized update message with 1009 and keeps the board intact', async () => {
    const raw = await openRaw(server.boardUrl(boardId));
    const closed = closeOf(raw);
    const doc = new Y.Doc();
    doc.getText('text').insert(0, 'y'.repeat(LIMIT * 2));
    raw.send(syncMessage(2, Y.encodeStateAsUpdate(doc)));
    expect((await closed).code).toBe(CloseCode.tooLarge);
    await boardStillSyncs();
    // Nothing of the refused update reached the board.
    expect(bob.doc.getText('text').length).toBe(0);
  });

  it('accepts a message of exactly the limit', async () => {
    const raw = await openRaw(server.boardUrl(boardId));
    let closedWith: number | null = null;
    raw.on('close', (code: number) => {
      closedWith = code;
    });
    const message = awarenessMessageOfSize(LIMIT);
    expect(message.byteLength).toBe(LIMIT);
    raw.send(message);
    // The server forwards the presence to the other clients: proof it was accepted.
    await waitFor(
      () => [...bob.awareness.getStates().values()].some((state) => typeof state.pad === 'string'),
      { on: [[bob.awareness, 'change']], what: 'the padded presence at bob' },
    );
    expect(closedWith).toBeNull();
  });
});

describe('malformed messages close only their connection with 1007', () => {
  const cases: [string, Uint8Array | string][] = [
    ['garbage bytes 0xff 0xff 0xff', new Uint8Array([0xff, 0xff, 0xff])],
    ['an empty binary message', new Uint8Array([])],
    ['an unknown message type', new Uint8Array([7, 0, 0])],
    ['an unknown sync message type', new Uint8Array([0, 9, 0])],
    ['a sync message without payload', new Uint8Array([0, 2])],
    ['a truncated sync step 1', new Uint8Array([0, 0, 40, 1, 2])],
    ['a truncated sync update', new Uint8Array([0, 2, 40, 1, 2, 3])],
    ['an undecodable Yjs update', syncMessage(2, new Uint8Array([1, 5, 0xff, 0xff, 0xff, 0x7f]))],
    ['an undecodable awareness update', new Uint8Array([1, 3, 1, 0xff, 0xff])],
    ['a text frame', '{"type":"update"}'],
  ];
  for (const [name, message] of cases) {
    it(`closes on ${name}`, async () => {
      const raw = await openRaw(server.boardUrl(boardId));
      const closed = closeOf(raw);
      raw.send(message);
      const { code, reason } = await closed;
      expect({ code, reasonIsSet: reason.length > 0 }).toEqual({
        code: CloseCode.malformed,
        reasonIsSet: true,
      });
      await boardStillSyncs();
      expect(server.sync.connectionCount).toBe(2);
    });
  }

  it('keeps serving after many bad clients in a row', async () => {
    for (let i = 0; i < 20; i++) {
      const raw = await openRaw(server.boardUrl(boardId));
      const closed = closeOf(raw);
      raw.send(new Uint8Array([0xff, i, 0xff]));
      expect((await closed).code).toBe(CloseCode.malformed);
    }
    await boardStillSyncs();
  });
});

/** The HTTP status a WebSocket upgrade to `urlPath` is refused with; rejects if it upgrades. */
function upgradeRefusal(urlPath: string): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${server.port}${urlPath}`);
    socket.on('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      socket.terminate();
    });
    socket.on('open', () => {
      reject(new Error(`upgraded ${urlPath}`));
      socket.terminate();
    });
    socket.on('error', () => {});
  });
}

describe('HTTP surface', () => {
  it('refuses a bad board id with HTTP 400 before upgrading', async () => {
    for (const bad of ['bad!id', 'has%20space', 'dot.dot', 'x'.repeat(65)]) {
      const res = await server.app.inject({ method: 'GET', url: `/sync/${bad}` });
      expect({ bad, status: res.statusCode }).toEqual({ bad, status: 400 });
    }
    expect(await upgradeRefusal('/sync/bad!id')).toBe(400);
    expect(await upgradeRefusal(`/sync/${'y'.repeat(65)}`)).toBe(400);
    await boardStillSyncs();
  });

  it('refuses an overlong board id before upgrading, and can still shut down', async () => {
    // Past Fastify's maxParamLength (200) the router itself answers 414 URI Too Long.
    const url = `/sync/${'x'.repeat(300)}`;
    const res = await server.app.inject({ method: 'GET', url });
    expect([400, 414]).toContain(res.statusCode);
    expect([400, 414]).toContain(await upgradeRefusal(url));
    await boardStillSyncs();
    // A refused upgrade must not leave its socket behind: graceful shutdown has to finish.
    const outcome = await Promise.race([
      server.close().then(() => 'closed'),
      new Promise<string>((resolve) => setTimeout(() => resolve('still closing after 3 s'), 3000)),
    ]);
    expect(outcome).toBe('closed');
  });

  it('answers an unknown route with a JSON 404', async () => {
    const res = await server.app.inject({ method: 'GET', url: '/no/such/route' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.json()).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });

  it('GET /health reports status, loaded boards and open connections', async () => {
    const res = await server.app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', boards: 1, connections: 2 });
  });
});
