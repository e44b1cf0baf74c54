import path from 'node:path';
import { DEFAULT_MAX_MESSAGE_BYTES } from '@trama/shared';

/**
 * How durable an acknowledged update is.
 * - `process`: survives a crash of the server process (SQLite WAL, synchronous=NORMAL).
 * - `power`: survives power loss too (fsync on every commit batch, synchronous=FULL).
 */
export type Durability = 'process' | 'power';

export interface ServerConfig {
  port: number;
  host: string;
  /** Where the SQLite database lives. */
  dataDir: string;
  durability: Durability;
  /** Largest incoming WebSocket message, in bytes; larger ones close that connection. */
  maxMessageBytes: number;
  /** A board's update log is compacted into a snapshot once it holds this many updates. */
  compactAfterUpdates: number;
  /** A board leaves memory this long after its last client disconnects. */
  unloadDelayMs: number;
  /** Directory of the built client to serve; null serves no static files. */
  clientDir: string | null;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Secret that signs access tokens (hex or base64, ≥ 32 bytes); null: kept in dataDir. */
  tokenSecret: string | null;
  /** When set, creating a percorso or a quick tavolo requires this key. */
  creationKey: string | null;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function intFrom(env: NodeJS.ProcessEnv, key: string, fallback: number, min: number, max: number) {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${key} must be an integer between ${min} and ${max}, got "${raw}"`);
  }
  return value;
}

/** Reads the configuration from environment variables, with the documented defaults. */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  cwd = process.cwd(),
): ServerConfig {
  const durability = env.DURABILITY ?? 'process';
  if (durability !== 'process' && durability !== 'power') {
    throw new ConfigError(`DURABILITY must be "process" or "power", got "${durability}"`);
  }
  const logLevel = env.LOG_LEVEL ?? 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  }
  return {
    port: intFrom(env, 'PORT', 8080, 0, 65535),
    host: env.HOST || '127.0.0.1',
    dataDir: path.resolve(cwd, env.DATA_DIR || './data'),
    durability,
    maxMessageBytes: intFrom(env, 'MAX_MESSAGE_BYTES', DEFAULT_MAX_MESSAGE_BYTES, 1024, 1 << 30),
    compactAfterUpdates: intFrom(env, 'COMPACT_AFTER_UPDATES', 500, 1, 10_000_000),
    unloadDelayMs: intFrom(env, 'UNLOAD_DELAY_MS', 10_000, 0, 86_400_000),
    clientDir:
      env.CLIENT_DIR === '' ? null : path.resolve(cwd, env.CLIENT_DIR || defaultClientDir()),
    logLevel: logLevel as ServerConfig['logLevel'],
    tokenSecret: env.TOKEN_SECRET || null,
    creationKey: env.CREATION_KEY || null,
  };
}

/** client/dist beside this package, wherever the server runs from (src via tsx or dist). */
function defaultClientDir(): string {
  return path.resolve(import.meta.dirname, '../../client/dist');
}
