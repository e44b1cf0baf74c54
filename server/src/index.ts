export {
  AccessError,
  AccessGuard,
  type BoardAction,
  type GrantedAccess,
} from './access/guard.js';
export { AccessRegistry } from './access/registry.js';
export { loadTokenSecret, TokenSigner } from './access/tokens.js';
export { type AppDependencies, buildApp, DATABASE_FILE, type TramaApp } from './app.js';
export { ConfigError, type Durability, loadConfig, type ServerConfig } from './config.js';
export { renderBoardExport } from './exports/boardExports.js';
export { type OutputLimits, OutputsService } from './exports/service.js';
export {
  MemorySnapshotStore,
  type SnapshotStore,
  SqliteSnapshotStore,
  type StoredSnapshot,
} from './snapshots/store.js';
export { MemoryBoardStore } from './storage/memory.js';
export { SqliteBoardStore } from './storage/sqlite.js';
export type { BoardStore, BoardUpdate, StoredBoard } from './storage/store.js';
export { StoreClosedError } from './storage/store.js';
export type { SyncConnection, SyncSocket } from './sync/socket.js';
export {
  type ConnectionOptions,
  SERVER_ORIGIN,
  type SyncLogger,
  SyncServer,
  type SyncServerOptions,
  type UpdateVerdict,
} from './sync/syncServer.js';
export {
  MemoryVerbaleLog,
  SqliteVerbaleLog,
  sessionState,
  type VerbaleLog,
} from './verbale/log.js';
