/**
 * In-process server and client helpers for the integration tests: a real Trama app listening
 * on a loopback port, stock y-websocket providers (no BroadcastChannel: every byte goes through
 * the server), raw `ws` sockets for hostile input, and teardown that never leaks.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  type AppDependencies,
  type BoardStore,
  buildApp,
  loadConfig,
  type ServerConfig,
  type TramaApp,
} from '@trama/server';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { boardToken, registerServer } from './access.js';
import { nextEvent, waitFor } from './wait.js';

/** A temporary directory, removed by `removeTempDirs()`. */
const tempDirs: string[] = [];
export function makeTempDir(prefix = 'trama-it-'): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}
export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export interface RunningApp extends TramaApp {
  config: ServerConfig;
  port: number;
  /** Base URL for providers: `new WebsocketProvider(syncUrl, boardId, doc)`. */
  syncUrl: string;
  /** Full URL of one board's socket, for raw clients. */
  boardUrl(boardId: string): string;
  close(): Promise<void>;
}

const runningApps = new Set<RunningApp>();

/** Builds and starts an app on a random loopback port over `dataDir` (a new temp dir if unset). */
export async function startApp(
  options: {
    dataDir?: string;
    config?: Partial<ServerConfig>;
    store?: BoardStore;
    fanOut?: AppDependencies['fanOut'];
  } = {},
): Promise<RunningApp> {
  const dataDir = options.dataDir ?? makeTempDir();
  const config: ServerConfig = {
    ...loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', CLIENT_DIR: '' }),
    ...options.config,
  };
  const built = await buildApp(config, {
    ...(options.store ? { store: options.store } : {}),
    ...(options.fanOut ? { fanOut: options.fanOut } : {}),
  });
  await built.app.listen({ port: 0, host: '127.0.0.1' });
  const address = built.app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  const port = address.port;
  const syncUrl = `ws://127.0.0.1:${port}/sync`;
  registerServer(syncUrl, dataDir);
  let closed = false;
  const running: RunningApp = {
    ...built,
    config,
    port,
    syncUrl,
    boardUrl: (boardId) =>
      `ws://127.0.0.1:${port}/sync/${boardId}?token=${boardToken(syncUrl, boardId)}`,
    async close() {
      if (closed) return;
      closed = true;
      runningApps.delete(running);
      await built.app.close();
    },
  };
  runningApps.add(running);
  return running;
}

const providers = new Set<WebsocketProvider>();
// Each WebsocketProvider adds a process 'exit' listener until destroyed; ten clients at once
// are expected here, not a leak.
process.setMaxListeners(Math.max(process.getMaxListeners(), 64));

/** A stock y-websocket provider on its own Y.Doc. Destroyed by `teardown()`. */
export function connect(
  syncUrl: string,
  boardId: string,
  doc = new Y.Doc(),
  token = boardToken(syncUrl, boardId),
): WebsocketProvider {
  const provider = new WebsocketProvider(syncUrl, boardId, doc, {
    params: { token },
    disableBc: true,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    // Reconnect quickly in tests that close sockets on purpose.
    maxBackoffTime: 200,
  });
  providers.add(provider);
  return provider;
}

/** Destroys a provider (and its doc): it stops reconnecting and sends nothing more. */
export function disconnect(provider: WebsocketProvider): void {
  providers.delete(provider);
  provider.destroy();
  provider.doc.destroy();
}

/** Destroys every provider opened so far (the apps keep running). */
export function disconnectAll(): void {
  for (const provider of [...providers]) disconnect(provider);
}

/** Resolves once the provider has completed the sync handshake with the server. */
export async function synced(provider: WebsocketProvider, timeoutMs = 5000): Promise<void> {
  if (provider.synced) return;
  await nextEvent<[boolean]>(provider, 'sync', { timeoutMs, filter: (state) => state });
}

/** `connect` + `synced`. */
export async function connectSynced(
  syncUrl: string,
  boardId: string,
  doc = new Y.Doc(),
  token?: string,
): Promise<WebsocketProvider> {
  const provider = connect(syncUrl, boardId, doc, token);
  await synced(provider);
  return provider;
}

/** Waits until `predicate(doc)` holds, re-checking on every update of the doc. */
export function waitForDoc(
  doc: Y.Doc,
  predicate: (doc: Y.Doc) => boolean,
  what = 'document state',
  timeoutMs = 5000,
): Promise<void> {
  return waitFor(() => predicate(doc), { on: [[doc, 'update']], timeoutMs, what });
}

const sockets = new Set<WebSocket>();

/** A raw `ws` client, opened; closed by `teardown()`. */
export async function openRaw(url: string): Promise<WebSocket> {
  const socket = new WebSocket(url);
  sockets.add(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return socket;
}

/** Resolves with the close code and reason the socket gets. */
export function closeOf(
  socket: WebSocket,
  timeoutMs = 5000,
): Promise<{ code: number; reason: string }> {
  return new Promise((resolve, reject) => {
    if (socket.readyState === WebSocket.CLOSED) {
      reject(new Error('socket already closed before closeOf() was called'));
      return;
    }
    const timer = setTimeout(
      () => reject(new Error(`socket not closed within ${timeoutMs} ms`)),
      timeoutMs,
    );
    socket.once('close', (code: number, reason: Buffer) => {
      clearTimeout(timer);
      resolve({ code, reason: reason.toString('utf8') });
    });
  });
}

/** Destroys every provider and raw socket and closes every app; data dirs stay (a restart). */
export async function stopAll(): Promise<void> {
  for (const provider of [...providers]) disconnect(provider);
  for (const socket of sockets) socket.terminate();
  sockets.clear();
  for (const app of [...runningApps]) await app.close();
}

/** `stopAll`, then removes every temp dir: for `afterEach`. */
export async function teardown(): Promise<void> {
  await stopAll();
  removeTempDirs();
}

/** A board's content as plain JSON: every root type the tests use. */
export function contentOf(doc: Y.Doc): { text: string; map: unknown; xml: string } {
  return {
    text: doc.getText('text').toString(),
    map: doc.getMap('map').toJSON(),
    xml: doc.getXmlFragment('xml').toString(),
  };
}

/** The content a Yjs update (e.g. a whole stored board) decodes to. */
export function contentOfUpdate(update: Uint8Array): ReturnType<typeof contentOf> {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  const content = contentOf(doc);
  doc.destroy();
  return content;
}

/** Everything a store holds for a board, merged into one update (snapshot + tail). */
export async function storedUpdate(store: BoardStore, boardId: string): Promise<Uint8Array> {
  const { snapshot, updates } = await store.load(boardId);
  const parts = snapshot ? [snapshot, ...updates] : updates;
  return parts.length === 0 ? Y.encodeStateAsUpdate(new Y.Doc()) : Y.mergeUpdates(parts);
}

/** A y-websocket sync message: [0, syncType, varUint8Array(payload)] (2 = update). */
export function syncMessage(syncType: 0 | 1 | 2 | number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, syncType);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}
