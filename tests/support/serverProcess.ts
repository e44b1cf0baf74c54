/**
 * The real server as a child process, run from source (`node --conditions=source --import tsx
 * server/src/main.ts`) so that it can be killed like a production process: SIGKILL for a
 * crash, SIGTERM for a graceful stop. No build is needed or made.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { registerServer } from './access.js';
import { waitFor } from './wait.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const HOST = '127.0.0.1';

export interface ServerProcess {
  port: number;
  syncUrl: string;
  pid: number;
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  hasExited(): boolean;
  /** The last lines the server printed, for failure messages. */
  output(): string;
  kill(signal: NodeJS.Signals): void;
}

const children = new Set<ChildProcess>();

/** A port free right now on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, HOST, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** GET /health; null when nothing answers. */
export async function getHealth(port: number): Promise<{ status: number; body: unknown } | null> {
  try {
    const res = await fetch(`http://${HOST}:${port}/health`, { signal: AbortSignal.timeout(1000) });
    return { status: res.status, body: await res.json() };
  } catch {
    return null;
  }
}

/** Starts the server on a free port over `dataDir`; resolves once /health answers 200. */
export async function spawnServer(
  dataDir: string,
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  const port = await freePort();
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    HOST,
    PORT: String(port),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    CLIENT_DIR: '',
    ...env,
  };
  delete childEnv.NODE_OPTIONS;
  const child = spawn(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', 'server/src/main.ts'],
    { cwd: REPO_ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.add(child);
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (line.trim() !== '') lines.push(line);
    }
    if (lines.length > 50) lines.splice(0, lines.length - 50);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let done = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      done = true;
      children.delete(child);
      resolve({ code, signal });
    });
  });
  const syncUrl = `ws://${HOST}:${port}/sync`;
  registerServer(syncUrl, dataDir);
  const server: ServerProcess = {
    port,
    syncUrl,
    pid: child.pid ?? -1,
    exited,
    hasExited: () => done,
    output: () => lines.join('\n'),
    kill: (signal) => {
      child.kill(signal);
    },
  };
  // Nothing announces readiness at LOG_LEVEL=warn: poll /health (each poll is a real request).
  let healthy = false;
  const probe = async () => {
    while (!healthy && !done) {
      healthy = (await getHealth(port))?.status === 200;
      if (!healthy) await new Promise((r) => setTimeout(r, 50));
    }
  };
  void probe();
  try {
    await waitFor(() => healthy || done, { timeoutMs: 30_000, what: 'the server to be healthy' });
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${String(error)}\n${server.output()}`);
  }
  if (!healthy) throw new Error(`the server exited during start-up:\n${server.output()}`);
  return server;
}

/** SIGKILLs every server still running and waits for them to exit. */
export async function killAllServers(): Promise<void> {
  const running = [...children].map(
    (child) =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  );
  await Promise.all(running);
}
