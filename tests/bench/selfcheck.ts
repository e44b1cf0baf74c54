/**
 * Self-check of the benchmark's accounting (not part of `pnpm bench`):
 *   pnpm exec tsx tests/bench/selfcheck.ts     (from tests/) or  tsx tests/bench/selfcheck.ts
 *
 * Runs a small point against an in-process toy server that MERGES the updates of each board
 * every 5 ms (Y.mergeUpdates), echoes them to their senders too, and — in lossy mode — withholds
 * every 7th merged message from the second client of each board. Checks that merged updates are
 * all matched (zero drops, latency below the merge interval plus slack) and that withheld
 * ones are counted as drops. Then runs the same small point against the bench's real
 * `hocuspocus` target (its own process, SQLite store) through the Hocuspocus framing: every
 * update must arrive (auth, the document-name prefix, its sync handshake and sync-status
 * replies handled).
 */
import { performance } from 'node:perf_hooks';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { type WebSocket, WebSocketServer } from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { type PointSpec, runPoint } from './load.js';
import { sampleProc, startServer } from './server-process.js';

interface Room {
  doc: Y.Doc;
  conns: WebSocket[];
  pending: Uint8Array[];
  flushes: number;
}

async function toyServer(lossy: boolean) {
  const rooms = new Map<string, Room>();
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  wss.on('connection', (ws, req) => {
    const name = (req.url ?? '/').slice(1);
    let room = rooms.get(name);
    if (!room) {
      room = { doc: new Y.Doc(), conns: [], pending: [], flushes: 0 };
      rooms.set(name, room);
    }
    const r = room;
    r.conns.push(ws);
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 0);
    syncProtocol.writeSyncStep1(e, r.doc);
    ws.send(encoding.toUint8Array(e));
    ws.on('message', (data: Buffer) => {
      const d = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(d) !== 0) return;
      const sub = decoding.readVarUint(d);
      const payload = decoding.readVarUint8Array(d);
      if (sub === 0) {
        const out = encoding.createEncoder();
        encoding.writeVarUint(out, 0);
        encoding.writeVarUint(out, 1);
        encoding.writeVarUint8Array(out, Y.encodeStateAsUpdate(r.doc, payload));
        ws.send(encoding.toUint8Array(out));
      } else {
        Y.applyUpdate(r.doc, payload);
        r.pending.push(payload);
      }
    });
  });
  const timer = setInterval(() => {
    for (const r of rooms.values()) {
      if (r.pending.length === 0) continue;
      const merged = Y.mergeUpdates(r.pending);
      r.pending = [];
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, 0);
      syncProtocol.writeUpdate(e, merged);
      const msg = encoding.toUint8Array(e);
      r.flushes++;
      r.conns.forEach((c, i) => {
        if (lossy && i === 1 && r.flushes % 7 === 0) return;
        c.send(msg);
      });
    }
  }, 5);
  const addr = wss.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    server: {
      urlFor: (b: string) => `ws://127.0.0.1:${port}/${b}`,
      sample: () => sampleProc(process.pid),
      exited: () => false,
    },
    close: () => {
      clearInterval(timer);
      for (const c of wss.clients) c.terminate();
      wss.close();
    },
  };
}

const spec: PointSpec = {
  id: 0,
  label: 'self-check',
  clients: 60,
  boards: 6,
  writersPerBoard: 5,
  rate: 300,
  targetP99Ms: 50,
  targetMaxMs: null,
};
const timing = { warmupS: 0.5, measureS: 2, drainS: 2, connectTimeoutS: 10 };

let failed = false;
for (const lossy of [false, true]) {
  const { server, close } = await toyServer(lossy);
  const t = performance.now();
  const r = await runPoint(spec, timing, server, `sc${lossy ? 'l' : 'm'}`, () => {});
  close();
  const line =
    `${lossy ? 'lossy ' : 'merged'}: sent ${r.sent}, expected ${r.expected}, received ${r.received}, ` +
    `drops ${r.drops}, p50 ${r.p50.toFixed(2)} p99 ${r.p99.toFixed(2)} max ${r.max.toFixed(1)} ms ` +
    `(${((performance.now() - t) / 1000).toFixed(1)} s)`;
  const ok = lossy
    ? r.drops > 0 && r.drops < r.expected / 10
    : r.drops === 0 && r.sent > 0 && r.p99 < 30 && r.received === r.expected;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${line}`);
  failed ||= !ok;
}
{
  // (A child process, not an in-process server: with the workspace's `source` condition,
  // importing @hocuspocus/server here would typecheck its TypeScript sources.)
  const hp = await startServer('hocuspocus');
  const t = performance.now();
  const r = await runPoint(spec, timing, hp, 'schp', () => {}).finally(() => hp.stop());
  const line =
    `hocuspocus: sent ${r.sent}, expected ${r.expected}, received ${r.received}, ` +
    `drops ${r.drops}, p50 ${r.p50.toFixed(2)} p99 ${r.p99.toFixed(2)} max ${r.max.toFixed(1)} ms ` +
    `(${((performance.now() - t) / 1000).toFixed(1)} s)`;
  const ok = r.drops === 0 && r.sent > 0 && r.received === r.expected && r.disconnects === 0;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${line}`);
  failed ||= !ok;
}
process.exit(failed ? 1 : 0);
