export { type AppDependencies, buildApp, DATABASE_FILE, type TramaApp } from './app.js';
export { ConfigError, type Durability, loadConfig, type ServerConfig } from './config.js';
export { MemoryBoardStore } from './storage/memory.js';
export { SqliteBoardStore } from './storage/sqlite.js';
export type { BoardStore, BoardUpdate, StoredBoard } from './storage/store.js';
export { StoreClosedError } from './storage/store.js';
export type { SyncConnection, SyncSocket } from './sync/socket.js';
export {
  SERVER_ORIGIN,
  type SyncLogger,
  SyncServer,
  type SyncServerOptions,
} from './sync/syncServer.js';
