import path from 'node:path';
import fastifyWebsocket from '@fastify/websocket';
import { prepareBoard } from '@trama/shared';
import Fastify, { type FastifyInstance } from 'fastify';
import { AccessGuard } from './access/guard.js';
import { AccessRegistry } from './access/registry.js';
import { loadTokenSecret, TokenSigner } from './access/tokens.js';
import type { ServerConfig } from './config.js';
import { outputRoutes } from './exports/routes.js';
import type { OutputLimits } from './exports/service.js';
import { accessRoutes } from './http/accessRoutes.js';
import { healthRoutes } from './http/health.js';
import { staticClient } from './http/staticClient.js';
import { syncRoutes } from './http/syncRoute.js';
import { type BallotStore, SqliteBallotStore } from './plenary/ballots.js';
import { plenaryRoutes } from './plenary/routes.js';
import { PlenaryService } from './plenary/service.js';
import { type SnapshotStore, SqliteSnapshotStore } from './snapshots/store.js';
import { SqliteBoardStore } from './storage/sqlite.js';
import type { BoardStore } from './storage/store.js';
import { SyncServer, type SyncServerOptions } from './sync/syncServer.js';
import { SqliteVerbaleLog, type VerbaleLog } from './verbale/log.js';

export interface AppDependencies {
  /** Overrides the SQLite store made from `config.dataDir` (tests, other adapters). */
  store?: BoardStore;
  /** Where logs go instead of stdout (tests read them). */
  logStream?: NodeJS.WritableStream;
  /** Overrides the SQLite verbale (session minutes) made from `config.dataDir`. */
  verbale?: VerbaleLog;
  /** Overrides the SQLite snapshot store made from `config.dataDir`. */
  snapshots?: SnapshotStore;
  /** Limits of the documents (board size, cards); the defaults suit production. */
  outputLimits?: Partial<OutputLimits>;
  /** Overrides the SQLite ballot store made from `config.dataDir`. */
  ballots?: BallotStore;
  /** The server's clock for the plenary timer (tests move it). */
  now?: () => number;
  /** How crowded boards fan out (tests make small boards count as crowded). */
  fanOut?: Pick<SyncServerOptions, 'busyRoomClients' | 'busyRoomIntervalMs' | 'busyRoomSlice'>;
}

export interface TramaApp {
  app: FastifyInstance;
  sync: SyncServer;
  store: BoardStore;
  guard: AccessGuard;
  verbale: VerbaleLog;
  snapshots: SnapshotStore;
  ballots: BallotStore;
  plenary: PlenaryService;
}

export const DATABASE_FILE = 'trama.sqlite';

/** How long shutdown waits for clients to acknowledge "going away" before dropping them. */
const CLOSE_HANDSHAKE_MS = 1000;

/**
 * Builds the HTTP + WebSocket server without listening. Closing the app commits every
 * pending update, closes every client, then closes the store.
 */
export async function buildApp(
  config: ServerConfig,
  deps: AppDependencies = {},
): Promise<TramaApp> {
  const app = Fastify({
    logger: {
      level: config.logLevel,
      ...(deps.logStream ? { stream: deps.logStream } : {}),
      // Access tokens travel in the sync URL's query: never log a query string.
      serializers: {
        req: (request) => ({
          method: request.method,
          url: request.url.split('?')[0],
          remoteAddress: request.ip,
        }),
      },
    },
    // Long parameters must reach schema validation (a clear 400), not the router's bare 414,
    // which would leave a WebSocket upgrade hanging. Node caps the whole URL anyway.
    routerOptions: { maxParamLength: 16_384 },
    bodyLimit: 1024 * 1024,
  });
  const store =
    deps.store ?? new SqliteBoardStore(path.join(config.dataDir, DATABASE_FILE), config.durability);
  const sync = new SyncServer({
    store,
    maxMessageBytes: config.maxMessageBytes,
    compactAfterUpdates: config.compactAfterUpdates,
    unloadDelayMs: config.unloadDelayMs,
    logger: app.log,
    ...deps.fanOut,
    // Boards written by older versions are brought to the current schema before anyone sees
    // them; the server is the one place that migrates, so peers never race to do it.
    prepareBoard: (boardId, doc) => {
      const { kind, from, to, prunedLinks } = prepareBoard(doc);
      if (from !== to || prunedLinks > 0) {
        app.log.info({ boardId, kind, from, to, prunedLinks }, 'board prepared');
      }
    },
  });

  const registry = new AccessRegistry(path.join(config.dataDir, DATABASE_FILE));
  const guard = new AccessGuard(
    registry,
    new TokenSigner(loadTokenSecret(config.dataDir, config.tokenSecret ?? undefined)),
  );

  const verbale = deps.verbale ?? new SqliteVerbaleLog(path.join(config.dataDir, DATABASE_FILE));
  const snapshots =
    deps.snapshots ?? new SqliteSnapshotStore(path.join(config.dataDir, DATABASE_FILE));

  const ballots = deps.ballots ?? new SqliteBallotStore(path.join(config.dataDir, DATABASE_FILE));
  const plenary = new PlenaryService({
    sync,
    guard,
    ballots,
    verbale,
    ...(deps.now && { now: deps.now }),
  });

  app.addHook('onClose', async () => {
    await sync.close();
    await store.close();
    verbale.close();
    snapshots.close();
    ballots.close();
    registry.close();
  });

  await app.register(fastifyWebsocket, {
    // ws refuses frames over maxPayload on its own, with no close reason; leave it headroom
    // so the sync core's own limit answers first, with 1009 and a reason the client can show.
    options: { maxPayload: Math.max(config.maxMessageBytes * 2, config.maxMessageBytes + 65536) },
    // On shutdown, commit what is pending and say "going away" (1001) to every client.
    preClose: async function closeSockets(this: FastifyInstance) {
      await sync.close();
      // Give the close handshakes a moment, then drop any client that does not answer.
      const clients = [...this.websocketServer.clients];
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.all(clients.map((c) => new Promise((resolve) => c.once('close', resolve)))),
        new Promise((resolve) => {
          timer = setTimeout(resolve, CLOSE_HANDSHAKE_MS);
        }),
      ]);
      clearTimeout(timer);
      for (const client of this.websocketServer.clients) client.terminate();
    },
  });
  await app.register(healthRoutes, { store, sync });
  await app.register(syncRoutes, { sync, guard });
  await app.register(accessRoutes, {
    sync,
    guard,
    creationKey: config.creationKey,
    onJoin: ({ boardIds, name, ente, role }) => {
      for (const boardId of boardIds) verbale.record(boardId, { type: 'joined', name, ente, role });
    },
  });
  await app.register(outputRoutes, {
    sync,
    guard,
    verbale,
    snapshots,
    ...(deps.outputLimits && { limits: deps.outputLimits }),
  });
  await app.register(plenaryRoutes, { guard, plenary });
  await app.register(staticClient, { clientDir: config.clientDir });
  return { app, sync, store, guard, verbale, snapshots, ballots, plenary };
}
