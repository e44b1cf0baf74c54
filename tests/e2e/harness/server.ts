/**
 * The built Trama server (`node server/dist/main.js`) as a child process on loopback, with its
 * own data directory, so browser tests exercise exactly what `pnpm start` runs.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const SERVER_ENTRY = path.join(REPO_ROOT, 'server/dist/main.js');
const CLIENT_INDEX = path.join(REPO_ROOT, 'client/dist/index.html');
const LISTENING = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/;
const START_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 10_000;

export class TramaServer {
  private child: ChildProcess | null = null;
  private output = '';
  private port = 0;
  /** `http://127.0.0.1:<port>`; the same across restarts. */
  url = '';

  private constructor(readonly dataDir: string) {}

  /** Starts a server on a free port with a fresh, empty data directory. */
  static async start(): Promise<TramaServer> {
    for (const [file, hint] of [
      [SERVER_ENTRY, 'server'],
      [CLIENT_INDEX, 'client'],
    ] as const) {
      if (!existsSync(file)) {
        throw new Error(`${hint} build missing (${file}): run \`pnpm run build\` first`);
      }
    }
    const server = new TramaServer(mkdtempSync(path.join(tmpdir(), 'trama-e2e-')));
    await server.launch();
    return server;
  }

  /** Stops the process with SIGTERM (its graceful shutdown) and waits for it to exit. */
  async stop(): Promise<void> {
    const child = this.child;
    if (child === null) return;
    this.child = null;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  }

  /** SIGTERM, then a new process on the same port and data directory. */
  async restart(): Promise<void> {
    await this.stop();
    await this.launch();
  }

  /** Stops the server and deletes its data directory. */
  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  /** What the server printed, for failure messages. */
  log(): string {
    return this.output;
  }

  private launch(): Promise<void> {
    const child = spawn(process.execPath, [SERVER_ENTRY], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        PORT: String(this.port),
        HOST: '127.0.0.1',
        DATA_DIR: this.dataDir,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    let startup = '';
    let settled = false;
    return new Promise<void>((resolve, reject) => {
      const settle = (error: Error | null) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (error === null) {
          resolve();
        } else {
          child.kill('SIGKILL');
          reject(new Error(`${error.message}\n--- server output ---\n${this.output}`));
        }
      };
      const timer = setTimeout(
        () => settle(new Error(`server did not start in ${START_TIMEOUT_MS} ms`)),
        START_TIMEOUT_MS,
      );
      child.stdout?.on('data', (chunk: Buffer) => {
        const text = chunk.toString();
        this.output += text;
        if (settled) return;
        startup += text;
        const match = LISTENING.exec(startup);
        if (match?.[1] === undefined) return;
        this.url = match[1];
        this.port = Number(new URL(match[1]).port);
        settle(null);
      });
      child.stderr?.on('data', (chunk: Buffer) => {
        this.output += chunk.toString();
      });
      child.once('exit', (code, signal) => {
        if (this.child === child) this.child = null;
        settle(new Error(`server exited early (code ${code}, signal ${signal})`));
      });
    });
  }
}
