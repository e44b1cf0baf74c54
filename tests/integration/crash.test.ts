/**
 * Crash and shutdown of the real server process (spawned from source with tsx, SQLite in a
 * temp DATA_DIR, a small COMPACT_AFTER_UPDATES so compactions run during the stream). Stock
 * y-websocket writers insert uniquely named keys (`w3-117`) into a Y.Map on two boards as
 * fast as they can; every client records which keys it *received from the server*. The
 * server is SIGKILLed mid-stream, restarted on the same DATA_DIR, and a fresh client must find
 * every key any client had received (persist-before-broadcast: nothing is acknowledged that
 * is not committed). The same after SIGTERM, which must also exit 0 promptly and close the
 * clients with 1001. The restarted server answers /health.
 */
import { CloseCode } from '@trama/shared';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import {
  connectSynced,
  disconnectAll,
  makeTempDir,
  teardown,
  waitForDoc,
} from '../support/harness.js';
import {
  getHealth,
  killAllServers,
  type ServerProcess,
  spawnServer,
} from '../support/serverProcess.js';
import { waitFor } from '../support/wait.js';

afterEach(async () => {
  await killAllServers();
  await teardown();
});

const WRITERS_PER_BOARD = 3;

interface Stream {
  boards: string[];
  /** Keys each board's clients received from the server (not their own writes). */
  received: Map<string, Set<string>>;
  readers: WebsocketProvider[];
  written: () => number;
  stop: () => void;
}

/** Starts writers and a reader on two boards; they write until `stop()`. */
async function startStream(server: ServerProcess, tag: string): Promise<Stream> {
  const boards = [`${tag}-a-${process.pid}`, `${tag}-b-${process.pid}`];
  const received = new Map(boards.map((b) => [b, new Set<string>()]));
  const timers: ReturnType<typeof setInterval>[] = [];
  const readers: WebsocketProvider[] = [];
  let written = 0;
  const record = (provider: WebsocketProvider, boardId: string) => {
    const keys = received.get(boardId)!;
    // Only the first connection counts: once it closes, the provider must not reconnect
    // (the dead server's port may be reused by another test's server).
    let firstConnection = true;
    provider.once('connection-close', () => {
      firstConnection = false;
      // After the provider has finished handling the close (not re-entrantly).
      queueMicrotask(() => provider.disconnect());
    });
    provider.doc.getMap('items').observe((event) => {
      // Only what came from the server: remote updates carry the provider as origin.
      if (event.transaction.origin !== provider || !firstConnection) return;
      for (const key of event.keysChanged) keys.add(key);
    });
  };
  for (const [b, boardId] of boards.entries()) {
    const reader = await connectSynced(server.syncUrl, boardId);
    record(reader, boardId);
    readers.push(reader);
    for (let w = 0; w < WRITERS_PER_BOARD; w++) {
      const writer = await connectSynced(server.syncUrl, boardId);
      record(writer, boardId);
      const map = writer.doc.getMap('items');
      const name = `w${b * WRITERS_PER_BOARD + w}`;
      let n = 0;
      timers.push(
        setInterval(() => {
          // Two separate transactions: two update messages per tick.
          for (let k = 0; k < 2; k++) {
            map.set(`${name}-${n}`, n);
            n++;
            written++;
          }
        }, 1),
      );
    }
  }
  return {
    boards,
    received,
    readers,
    written: () => written,
    stop: () => {
      for (const timer of timers) clearInterval(timer);
    },
  };
}

const totalReceived = (stream: Stream) =>
  [...stream.received.values()].reduce((sum, keys) => sum + keys.size, 0);

/** Waits until the readers have received `count` keys in all, re-checking on their updates. */
function receivedAtLeast(stream: Stream, count: number): Promise<void> {
  return waitFor(() => totalReceived(stream) >= count, {
    on: stream.readers.map((r) => [r.doc, 'update'] as const),
    timeoutMs: 10_000,
    what: `${count} keys received`,
  });
}

/** Restarts on `dataDir` and checks every received key (with its value) is on each board. */
async function expectAllReceivedKeys(dataDir: string, stream: Stream): Promise<ServerProcess> {
  const restarted = await spawnServer(dataDir);
  const health = await getHealth(restarted.port);
  expect(health).toEqual({ status: 200, body: { status: 'ok', boards: 0, connections: 0 } });
  for (const boardId of stream.boards) {
    const expected = [...stream.received.get(boardId)!];
    expect(expected.length).toBeGreaterThan(0);
    const fresh = await connectSynced(restarted.syncUrl, boardId);
    const items = fresh.doc.getMap('items') as Y.Map<number>;
    const missing = expected.filter((key) => !items.has(key));
    expect(missing, `keys received before the stop but lost (${boardId})`).toEqual([]);
    for (const key of expected) expect(items.get(key)).toBe(Number(key.split('-')[1]));
    console.log(`${boardId}: ${expected.length} received keys all present, ${items.size} on disk`);
  }
  const after = await getHealth(restarted.port);
  expect(after?.body).toMatchObject({ status: 'ok', boards: stream.boards.length });
  return restarted;
}

describe('crash', () => {
  it('after SIGKILL mid-stream, every update a client had received survives', async () => {
    const dataDir = makeTempDir('trama-crash-');
    const server = await spawnServer(dataDir, { COMPACT_AFTER_UPDATES: '40' });
    const stream = await startStream(server, 'crash');
    await receivedAtLeast(stream, 400);

    server.kill('SIGKILL');
    const { signal } = await server.exited;
    stream.stop();
    // The old clients must not resend their unacknowledged edits to the new server.
    disconnectAll();
    expect(signal).toBe('SIGKILL');
    // Killed mid-stream: edits were in flight, written but never acknowledged.
    expect(stream.written()).toBeGreaterThan(totalReceived(stream));
    console.log(
      `SIGKILL: ${stream.written()} keys written, ${totalReceived(stream)} received before the kill`,
    );
    const restarted = await expectAllReceivedKeys(dataDir, stream);

    // The restarted server goes on serving the board between new clients.
    const boardId = stream.boards[0]!;
    const [bob, carol] = await Promise.all([
      connectSynced(restarted.syncUrl, boardId),
      connectSynced(restarted.syncUrl, boardId),
    ]);
    bob.doc.getMap('items').set('after-restart', 1);
    await waitForDoc(carol.doc, (d: Y.Doc) => d.getMap('items').has('after-restart'));
  });

  it('after SIGTERM, exits 0 promptly, closes clients with 1001 and loses nothing received', async () => {
    const dataDir = makeTempDir('trama-term-');
    const server = await spawnServer(dataDir, { COMPACT_AFTER_UPDATES: '40' });
    const stream = await startStream(server, 'term');
    // The first close each reader sees (later ones are refused reconnects).
    const closeCodes: (number | null)[] = stream.readers.map(() => null);
    stream.readers.forEach((reader, i) => {
      reader.on('connection-close', (event: CloseEvent | null) => {
        closeCodes[i] ??= event?.code ?? -1;
      });
    });
    await receivedAtLeast(stream, 200);

    server.kill('SIGTERM');
    const exit = await Promise.race([
      server.exited,
      new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 5000)),
    ]);
    stream.stop();
    disconnectAll();
    expect(exit, `server output:\n${server.output()}`).toEqual({ code: 0, signal: null });
    await expectAllReceivedKeys(dataDir, stream);
    expect(closeCodes, 'close codes the readers got').toEqual(
      stream.readers.map(() => CloseCode.goingAway),
    );
  });
});
