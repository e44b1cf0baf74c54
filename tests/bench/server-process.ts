/**
 * Servers under test, each started as its own child process on loopback so that its CPU time
 * and memory can be read from /proc apart from the load generator's.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import {
  appendFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { boardToken, registerServer } from '../support/access.js';
import { type Framing, hocuspocusFraming, PLAIN_FRAMING } from './protocol.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(HERE, '../..');
const TRAMA_ENTRY = path.join(REPO_ROOT, 'server/dist/main.js');
/** The V8 flags `npm start` runs the server with. */
const TRAMA_NODE_FLAGS: string[] = JSON.parse(
  readFileSync(path.join(REPO_ROOT, 'server/nodeFlags.json'), 'utf8'),
);
const TRAMA_SRC = path.join(REPO_ROOT, 'server/src');
const YWSS_ENTRY = path.join(REPO_ROOT, 'tests/node_modules/@y/websocket-server/src/server.js');
const HOCUSPOCUS_ENTRY = path.join(HERE, 'hocuspocus-server.mjs');
const HOCUSPOCUS_PKG = path.join(REPO_ROOT, 'tests/node_modules/@hocuspocus/server/package.json');
const HOST = '127.0.0.1';

export type TargetName = 'trama' | 'trama-power' | 'ywss' | 'hocuspocus';
export const TARGET_NAMES: readonly TargetName[] = ['trama', 'trama-power', 'ywss', 'hocuspocus'];

export interface TargetInfo {
  name: TargetName;
  description: string;
  /** Null when it can run; otherwise why not. */
  unavailable(): string | null;
  /** A warning worth printing (e.g. a stale build), or null. */
  warning(): string | null;
}

export const TARGETS: Record<TargetName, TargetInfo> = {
  trama: {
    name: 'trama',
    description: 'Trama server, SQLite store, DURABILITY=process (WAL, synchronous=NORMAL)',
    unavailable: tramaUnavailable,
    warning: tramaStale,
  },
  'trama-power': {
    name: 'trama-power',
    description: 'Trama server, SQLite store, DURABILITY=power (fsync per commit batch)',
    unavailable: tramaUnavailable,
    warning: tramaStale,
  },
  ywss: {
    name: 'ywss',
    description: '@y/websocket-server 0.1.1, in memory (reference)',
    unavailable: () => (existsSync(YWSS_ENTRY) ? null : `missing ${YWSS_ENTRY}`),
    warning: () => null,
  },
  hocuspocus: {
    name: 'hocuspocus',
    description:
      '@hocuspocus/server 4.7.0 + @hocuspocus/extension-sqlite (whole-document upserts, ' +
      'debounce 2 s / maxDebounce 10 s: the defaults), Hocuspocus protocol (reference)',
    unavailable: () => (existsSync(HOCUSPOCUS_PKG) ? null : `missing ${HOCUSPOCUS_PKG}`),
    warning: () => null,
  },
};

function tramaUnavailable(): string | null {
  return existsSync(TRAMA_ENTRY)
    ? null
    : `server/dist/main.js not found: run \`pnpm run build\` at the repo root first`;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function tramaStale(): string | null {
  if (!existsSync(TRAMA_ENTRY) || !existsSync(TRAMA_SRC)) return null;
  return newestMtime(TRAMA_SRC) > statSync(TRAMA_ENTRY).mtimeMs
    ? 'server/src is newer than server/dist: run `pnpm run build` to benchmark the current code'
    : null;
}

/** CPU time (ms) and memory (bytes) of a process, from /proc. */
export interface ProcSample {
  cpuMs: number;
  rssBytes: number;
  peakRssBytes: number;
}

let clockTicks = 0;
function ticksPerSecond(): number {
  if (clockTicks === 0) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

export function sampleProc(pid: number): ProcSample | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name start at field 3 (state).
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(rest[11]);
    const stime = Number(rest[12]);
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string): number => {
      const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status);
      return m ? Number(m[1]) * 1024 : 0;
    };
    return {
      cpuMs: ((utime + stime) * 1000) / ticksPerSecond(),
      rssBytes: kb('VmRSS'),
      peakRssBytes: kb('VmHWM'),
    };
  } catch {
    return null;
  }
}

/** Whole-machine CPU time (ms, all cores): busy = everything but idle and iowait. */
export function sampleMachine(): { busyMs: number; totalMs: number } {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
    const v = line.trim().split(/\s+/).slice(1, 9).map(Number);
    const total = v.reduce((a, b) => a + b, 0);
    const idle = (v[3] ?? 0) + (v[4] ?? 0);
    const toMs = 1000 / ticksPerSecond();
    return { busyMs: (total - idle) * toMs, totalMs: total * toMs };
  } catch {
    return { busyMs: Number.NaN, totalMs: Number.NaN };
  }
}

/** CPU (% of one core) used on the whole machine over `ms`. */
export async function machineBusyPct(ms: number): Promise<number> {
  const a = sampleMachine();
  await new Promise((r) => setTimeout(r, ms));
  const b = sampleMachine();
  return ((b.busyMs - a.busyMs) / ms) * 100;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, HOST, () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function httpStatus(port: number, urlPath: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get({ host: HOST, port, path: urlPath, timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export interface RunningServer {
  pid: number;
  port: number;
  urlFor(boardId: string): string;
  /** How the load clients frame their messages for this server. */
  framing: Framing;
  sample(): ProcSample | null;
  /** The child's recent stdout/stderr lines, for error reports. */
  outputTail(): string;
  exited(): boolean;
  stop(): Promise<void>;
}

/** Running children and their data directories, killed and removed if the bench is stopped. */
const live = new Map<ChildProcess, string | null>();
process.on('exit', () => {
  for (const [child, dir] of live) {
    child.kill('SIGKILL');
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\nbench: ${signal}, stopping`);
    process.exit(130);
  });
}

/** CPU placement: the server on core 0 and the load generator on core 1 (`--pin`). */
export const SERVER_CORE = 0;
export const GENERATOR_CORE = 1;

/** Pins every thread of this process (the load generator) to `core`. */
export function pinSelf(core: number): void {
  execFileSync('taskset', ['-a', '-p', '-c', String(core), String(process.pid)], {
    stdio: 'ignore',
  });
}

export async function startServer(name: TargetName, pin = false): Promise<RunningServer> {
  const port = await freePort();
  let dataDir: string | null = null;
  let entry: string;
  let healthPath: string;
  let urlFor: (boardId: string) => string;
  let framing = PLAIN_FRAMING;
  const env: NodeJS.ProcessEnv = { ...process.env, HOST, PORT: String(port) };
  if (name === 'ywss') {
    entry = YWSS_ENTRY;
    healthPath = '/';
    urlFor = (b) => `ws://${HOST}:${port}/${b}`;
    delete env.YPERSISTENCE;
    delete env.CALLBACK_URL;
  } else if (name === 'hocuspocus') {
    entry = HOCUSPOCUS_ENTRY;
    healthPath = '/'; // "Welcome to Hocuspocus!"
    dataDir = mkdtempSync(path.join(tmpdir(), 'trama-bench-hp-'));
    env.DATA_DIR = dataDir;
    env.NODE_ENV = 'production';
    // One socket per client, the document named in every message (no auth hook: any token).
    urlFor = () => `ws://${HOST}:${port}/`;
    framing = hocuspocusFraming();
  } else {
    entry = TRAMA_ENTRY;
    healthPath = '/health';
    dataDir = mkdtempSync(path.join(tmpdir(), 'trama-bench-'));
    // Every connection needs an access token: the load clients are partecipanti of their
    // tavolo (the role whose edits the server vets for lane locks), minted from the registry
    // and secret the server keeps in its data dir.
    const syncUrl = `ws://${HOST}:${port}/sync`;
    registerServer(syncUrl, dataDir);
    urlFor = (b) => `${syncUrl}/${b}?token=${boardToken(syncUrl, b, 'partecipante')}`;
    env.DATA_DIR = dataDir;
    env.LOG_LEVEL = 'warn';
    env.DURABILITY = name === 'trama-power' ? 'power' : 'process';
    env.NODE_ENV = 'production';
    env.CLIENT_DIR = ''; // no static files: only the sync path is measured
  }
  // Trama runs with the V8 flags `npm start` gives it; BENCH_NODE_ARGS adds more for the
  // server under test (e.g. --cpu-prof to profile it).
  const nodeArgs = [
    ...(entry === TRAMA_ENTRY ? TRAMA_NODE_FLAGS : []),
    ...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean),
  ];
  const argv = [...nodeArgs, entry];
  // taskset execs node in place, so the child's pid is the server's.
  const [command, args] = pin
    ? ['taskset', ['-c', String(SERVER_CORE), process.execPath, ...argv]]
    : [process.execPath, argv];
  const child = spawn(command, args, {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.set(child, dataDir);
  const tail: string[] = [];
  // BENCH_SERVER_LOG=<file>: the server's whole output is appended there too (e.g. --trace-gc).
  const logFile = process.env.BENCH_SERVER_LOG;
  const keep = (chunk: Buffer) => {
    if (logFile) appendFileSync(logFile, chunk);
    for (const line of chunk.toString('utf8').split('\n')) {
      if (line.trim() === '') continue;
      tail.push(line);
      if (tail.length > 40) tail.shift();
    }
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exitedFlag = false;
  const exitPromise = new Promise<void>((resolve) => {
    child.once('exit', () => {
      exitedFlag = true;
      live.delete(child);
      resolve();
    });
  });

  const cleanup = () => {
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  const stop = async () => {
    if (!exitedFlag) {
      child.kill('SIGTERM');
      await Promise.race([exitPromise, sleep(5000)]);
      if (!exitedFlag) {
        child.kill('SIGKILL');
        await Promise.race([exitPromise, sleep(2000)]);
      }
    }
    cleanup();
  };

  const deadline = Date.now() + 20_000;
  for (;;) {
    if (exitedFlag) {
      cleanup();
      throw new Error(`${name} exited during start-up:\n${tail.join('\n')}`);
    }
    if ((await httpStatus(port, healthPath)) === 200) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${name} did not answer ${healthPath} within 20 s:\n${tail.join('\n')}`);
    }
    await sleep(100);
  }
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${name}: no pid`);
  return {
    pid,
    port,
    urlFor,
    framing,
    sample: () => sampleProc(pid),
    outputTail: () => tail.join('\n'),
    exited: () => exitedFlag,
    stop,
  };
}
