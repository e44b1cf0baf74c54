/**
 * One load point: raw y-websocket-protocol clients (no providers), an open-loop update
 * schedule, and latency from send to receipt at every other client of the same board.
 *
 * Updates are identified by the (clientID, clock) of their struct: each writer has a fixed
 * clientID and inserts CHUNK.length characters per update, so update `s` of a writer starts at
 * clock `s * CHUNK.length`; its messages are built before the run. Receivers read the struct
 * ranges of whatever the server sends in place (it may merge several updates into one message,
 * or echo updates back to their sender) and match each against the send table.
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import {
  FRAME_REFUSED,
  type FrameHead,
  type Framing,
  HP_MSG_SYNC_REPLY,
  MSG_SYNC,
  PLAIN_FRAMING,
  parseFrame,
  readStructRanges,
  STEP1_EMPTY,
  STEP2_EMPTY,
  SYNC_STEP1,
  SYNC_STEP2,
  SYNC_UPDATE,
  updateMessage,
} from './protocol.js';
import { RawWebSocket } from './rawWebSocket.js';
import { type ProcSample, sampleMachine } from './server-process.js';

/** Characters inserted per update: every update spans exactly this many clocks. */
const CHUNK = 'trama-b!';
const K = CHUNK.length;
/** Writers' clientIDs start here (deterministic, unique within a run). */
const CLIENT_ID_BASE = 1_000_000;

export interface PointSpec {
  id: number;
  label: string;
  clients: number;
  boards: number;
  /** How many clients of each board write (the rest only read). */
  writersPerBoard: number;
  /** Updates per second over all writers. */
  rate: number;
  targetP99Ms: number;
  targetMaxMs: number | null;
}

export interface Timing {
  warmupS: number;
  measureS: number;
  drainS: number;
  /** Give up connecting after this long. */
  connectTimeoutS: number;
}

export interface PointResult {
  point: PointSpec;
  writers: number;
  connectS: number;
  measuredS: number;
  achievedRate: number;
  sent: number;
  expected: number;
  received: number;
  drops: number;
  p50: number;
  p99: number;
  p999: number;
  max: number;
  mean: number;
  disconnects: number;
  /** Updates that could not be scheduled because the generator fell behind its table size. */
  overflow: number;
  serverCpuPct: number;
  serverRssMiB: number;
  serverPeakMiB: number;
  genCpuPct: number;
  /** Timer delay of the generator beyond 1 ms (event-loop stalls), p99. */
  genStallP99Ms: number;
  /** CPU used by everything else on the machine during the window (% of one core). */
  otherCpuPct: number;
  drainMs: number;
}

interface Server {
  urlFor(boardId: string): string;
  /** How the target frames y-websocket messages (default: plain y-websocket). */
  framing?: Framing;
  sample(): ProcSample | null;
  exited(): boolean;
}

interface Client {
  board: number;
  boardId: string;
  /** Index of the client among its board's clients. */
  member: number;
  ws: RawWebSocket | null;
  writer: Writer | null;
  synced: boolean;
  closed: boolean;
}

interface Writer {
  clientId: number;
  client: Client;
  /** Its messages, built before the run: message `seq` inserts CHUNK at clock `seq * K`. */
  messages: Uint8Array[];
  /** The same as masked frames for its socket, once connected. */
  frames: Buffer[];
  /** How many it has sent. */
  sent: number;
  /** Global update index of this writer's update `seq`. */
  updates: Int32Array;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Waits for `p` at most `ms`, without leaving a timer behind. */
async function within(p: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([p, new Promise<void>((r) => (timer = setTimeout(r, ms)))]);
  clearTimeout(timer);
}

/** The struct ranges of an update the in-place reader does not size, decoded by Yjs. */
function decodeStructRanges(bytes: Uint8Array, out: Float64Array): number {
  let n = 0;
  for (const s of Y.decodeUpdate(bytes).structs) {
    if (s instanceof Y.Skip) continue;
    if (n * 3 + 3 > out.length) break;
    out[n * 3] = s.id.client;
    out[n * 3 + 1] = s.id.clock;
    out[n * 3 + 2] = s.length;
    n++;
  }
  return n;
}

/**
 * Every message a writer will send, built up front: the load then sends prepared frames
 * instead of running a Yjs transaction per update, so the generator's garbage (and the
 * scavenges that delay its receipts) stays small.
 */
function buildMessages(clientId: number, count: number, boardId: string, framing: Framing) {
  const doc = new Y.Doc({ gc: false });
  doc.clientID = clientId;
  const text = doc.getText('t');
  const messages: Uint8Array[] = [];
  let pending: Uint8Array | null = null;
  doc.on('update', (update: Uint8Array) => {
    pending = update;
  });
  for (let seq = 0; seq < count; seq++) {
    text.insert(text.length, CHUNK);
    const message = updateMessage(pending!);
    messages.push(framing === PLAIN_FRAMING ? message : framing.wrap(boardId, message));
  }
  doc.destroy();
  return messages;
}

function percentile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i]!;
}

export async function runPoint(
  spec: PointSpec,
  timing: Timing,
  server: Server,
  runTag: string,
  log: (msg: string) => void,
): Promise<PointResult> {
  const boardSize = Math.ceil(spec.clients / spec.boards);
  const boardIds = Array.from(
    { length: spec.boards },
    (_, b) => `bench-${runTag}-p${spec.id}-${b}`,
  );

  // Send table, preallocated for the whole run.
  const totalS = timing.warmupS + timing.measureS + 1;
  const capacity = Math.ceil(spec.rate * totalS * 1.1) + 1000;
  const framing = server.framing ?? PLAIN_FRAMING;
  const writerCount = spec.boards * Math.min(spec.writersPerBoard, boardSize);
  const perWriter = Math.ceil(capacity / writerCount) + 1;

  // Clients: client i is on board i % boards, so consecutive writers hit different boards.
  const clients: Client[] = [];
  const writers: Writer[] = [];
  const writerById = new Map<number, Writer>();
  const memberCount = new Int32Array(spec.boards);
  for (let i = 0; i < spec.clients; i++) {
    const board = i % spec.boards;
    const member = memberCount[board]!;
    memberCount[board] = member + 1;
    const client: Client = {
      board,
      boardId: boardIds[board]!,
      member,
      ws: null,
      writer: null,
      synced: false,
      closed: false,
    };
    if (member < spec.writersPerBoard) {
      const clientId = CLIENT_ID_BASE + writers.length;
      const writer: Writer = {
        clientId,
        client,
        messages: buildMessages(clientId, perWriter, client.boardId, framing),
        frames: [],
        sent: 0,
        updates: new Int32Array(perWriter),
      };
      client.writer = writer;
      writers.push(writer);
      writerById.set(clientId, writer);
    }
    clients.push(client);
  }

  const sendTime = new Float64Array(capacity);
  const senderMember = new Int32Array(capacity);
  const measured = new Uint8Array(capacity);
  const receipts = new Uint8Array(capacity * boardSize);
  let nUpdates = 0;
  let overflow = 0;

  // Latencies of measured updates, at most one per (update, receiver).
  const latCapacity = Math.ceil(spec.rate * (timing.measureS + 1) * 1.1) * (boardSize - 1) + 1000;
  const latencies = new Float64Array(latCapacity);
  let nLat = 0;
  let expected = 0;
  let received = 0;
  let disconnects = 0;

  const ranges = new Float64Array(3 * 4096);
  const plain = framing === PLAIN_FRAMING;
  const head: FrameHead = { type: 0, sub: 0, start: 0, end: 0 };
  /** Returns false when the server refused the client. */
  const onMessage = (client: Client, data: Uint8Array, start: number, end: number): boolean => {
    const now = performance.now();
    if (!plain) {
      const at = framing.unwrap(data, start, end);
      if (at === FRAME_REFUSED) return false;
      if (at < 0) return true;
      start = at;
    }
    if (!parseFrame(data, head, start, end)) return true;
    if (head.type !== MSG_SYNC && (plain || head.type !== HP_MSG_SYNC_REPLY)) return true;
    if (head.sub === SYNC_STEP1) {
      // Writers have sent nothing yet when the server asks (it asks once, at the start).
      client.ws?.send(plain ? STEP2_EMPTY : framing.wrap(client.boardId, STEP2_EMPTY));
      return true;
    }
    if (head.sub === SYNC_STEP2) client.synced = true;
    else if (head.sub !== SYNC_UPDATE) return true;
    if (head.end - head.start <= 2) return true; // an empty update
    let n = readStructRanges(data, head.start, head.end, ranges);
    if (n < 0) n = decodeStructRanges(data.slice(head.start, head.end), ranges);
    const member = client.member;
    for (let r = 0; r < n; r++) {
      const writer = writerById.get(ranges[r * 3]!);
      if (!writer) continue;
      const clock = ranges[r * 3 + 1]!;
      // Update `seq` is contained when its first clock lies within [clock, clock + length).
      const first = Math.ceil(clock / K);
      const last = Math.floor((clock + ranges[r * 3 + 2]! - 1) / K);
      for (let seq = first; seq <= last && seq < writer.sent; seq++) {
        const u: number = writer.updates[seq]!;
        if (senderMember[u] === member) continue; // its own echo
        const slot = u * boardSize + member;
        if (receipts[slot] !== 0) continue;
        receipts[slot] = 1;
        if (measured[u] !== 0) {
          received++;
          if (nLat < latCapacity) latencies[nLat++] = now - sendTime[u]!;
        }
      }
    }
    return true;
  };

  // Connect in batches; each client counts as ready once it has the server's sync step 2.
  const connectStart = performance.now();
  const connectDeadline = connectStart + timing.connectTimeoutS * 1000;
  const connect = (client: Client) =>
    new Promise<void>((resolve, reject) => {
      let settled = false;
      const settle = (err?: Error) => {
        if (settled) return;
        settled = true;
        if (err) reject(err);
        else resolve();
      };
      const ws = new RawWebSocket(server.urlFor(client.boardId), {
        open: () => {
          for (const m of framing.hello(client.boardId)) ws.send(m);
          ws.send(plain ? STEP1_EMPTY : framing.wrap(client.boardId, STEP1_EMPTY));
        },
        message: (data, start, end) => {
          if (!onMessage(client, data, start, end)) {
            settle(new Error(`${framing.name}: the server refused the client`));
            ws.terminate();
            client.closed = true;
            return;
          }
          if (client.synced) settle();
        },
        error: (err) => settle(err),
        close: (code) => {
          if (!client.closed) disconnects++;
          client.closed = true;
          settle(new Error(`closed with code ${code} before sync`));
        },
      });
      client.ws = ws;
    });
  const BATCH = 100;
  for (let i = 0; i < clients.length; i += BATCH) {
    const remaining = connectDeadline - performance.now();
    if (remaining <= 0 || server.exited()) break;
    await within(Promise.allSettled(clients.slice(i, i + BATCH).map(connect)), remaining);
  }
  const ready = clients.filter((c) => c.synced && !c.closed).length;
  const connectS = (performance.now() - connectStart) / 1000;
  if (ready < clients.length) {
    closeAll(clients);
    throw new Error(
      `only ${ready}/${clients.length} clients connected and synced within ${timing.connectTimeoutS} s`,
    );
  }
  log(`  ${ready} clients connected and synced in ${connectS.toFixed(1)} s`);
  for (const writer of writers) {
    const ws = writer.client.ws!;
    writer.frames = writer.messages.map((m) => ws.frame(m));
    writer.messages = [];
  }

  // Open-loop schedule: every few ms, send as many updates as are due, round-robin by writer.
  let phaseMeasure = false;
  let rr = 0;
  const sendOne = () => {
    const writer = writers[rr]!;
    rr = rr + 1 === writers.length ? 0 : rr + 1;
    const ws = writer.client.ws;
    if (nUpdates >= capacity || writer.sent >= perWriter || writer.client.closed || !ws) {
      overflow++;
      return;
    }
    const u = nUpdates++;
    const seq = writer.sent++;
    writer.updates[seq] = u;
    senderMember[u] = writer.client.member;
    if (phaseMeasure) {
      measured[u] = 1;
      expected += boardSize - 1;
    }
    sendTime[u] = performance.now();
    ws.sendFrame(writer.frames[seq]!);
  };

  let scheduled = 0;
  let scheduleStart = performance.now();
  const tick = () => {
    const due = Math.floor(((performance.now() - scheduleStart) * spec.rate) / 1000);
    let n = due - scheduled;
    if (n <= 0) return;
    scheduled = due;
    while (n-- > 0) sendOne();
  };
  const cpu0 = process.cpuUsage();
  scheduleStart = performance.now();
  const timer = setInterval(tick, 2);

  await sleep(timing.warmupS * 1000);
  // Measured window.
  const loopDelay = monitorEventLoopDelay({ resolution: 1 });
  const firstMeasured = nUpdates;
  const srv0 = server.sample();
  const gen0 = process.cpuUsage(cpu0);
  const machine0 = sampleMachine();
  const t0 = performance.now();
  phaseMeasure = true;
  loopDelay.enable();
  await sleep(timing.measureS * 1000);
  phaseMeasure = false;
  clearInterval(timer);
  const t1 = performance.now();
  loopDelay.disable();
  const srv1 = server.sample();
  const gen1 = process.cpuUsage(cpu0);
  const machine1 = sampleMachine();
  const sent = nUpdates - firstMeasured;
  const measuredS = (t1 - t0) / 1000;

  // Drain: wait until every measured update reached every other client, or time is up.
  const drainStart = performance.now();
  while (received < expected && performance.now() - drainStart < timing.drainS * 1000) {
    await sleep(20);
  }
  const drainMs = performance.now() - drainStart;
  const srvEnd = server.sample();
  closeAll(clients);

  const lat = latencies.subarray(0, nLat).sort();
  let sum = 0;
  for (let i = 0; i < lat.length; i++) sum += lat[i]!;
  const genCpuMs = (gen1.user + gen1.system - gen0.user - gen0.system) / 1000;
  const srvPct = srv0 && srv1 ? ((srv1.cpuMs - srv0.cpuMs) / (t1 - t0)) * 100 : Number.NaN;
  const genPct = (genCpuMs / (t1 - t0)) * 100;
  const mib = (b: number | undefined) => (b ?? Number.NaN) / 1024 / 1024;
  return {
    point: spec,
    writers: writers.length,
    connectS,
    measuredS,
    achievedRate: sent / measuredS,
    sent,
    expected,
    received,
    drops: expected - received,
    p50: percentile(lat, 0.5),
    p99: percentile(lat, 0.99),
    p999: percentile(lat, 0.999),
    max: lat.length ? lat[lat.length - 1]! : Number.NaN,
    mean: lat.length ? sum / lat.length : Number.NaN,
    disconnects,
    overflow,
    serverCpuPct: srvPct,
    serverRssMiB: mib(srvEnd?.rssBytes),
    serverPeakMiB: mib(srvEnd?.peakRssBytes),
    genCpuPct: genPct,
    genStallP99Ms: Math.max(0, loopDelay.percentile(99) / 1e6 - 1),
    otherCpuPct: Math.max(
      0,
      ((machine1.busyMs - machine0.busyMs) / (t1 - t0)) * 100 - srvPct - genPct,
    ),
    drainMs,
  };
}

function closeAll(clients: Client[]): void {
  for (const c of clients) {
    c.closed = true;
    c.ws?.terminate();
    c.ws = null;
  }
}
