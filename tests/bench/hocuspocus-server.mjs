/**
 * The `hocuspocus` target of `pnpm bench`: @hocuspocus/server with its SQLite store
 * (@hocuspocus/extension-sqlite, better-sqlite3 underneath), run as its own process so the bench
 * reads its CPU and memory from /proc. Plain JavaScript so node runs it without a loader.
 *
 * Environment: HOST, PORT, DATA_DIR (the SQLite file goes there).
 *
 * Configuration: Hocuspocus's defaults except where noted —
 * - store: extension-sqlite's own schema and queries (one row per document, the whole state
 *   `Y.encodeStateAsUpdate(doc)` upserted on every save), on a file in DATA_DIR instead of its
 *   default `:memory:`; better-sqlite3's defaults (rollback journal, synchronous=FULL), as the
 *   extension leaves them;
 * - saves: `debounce` 2,000 ms and `maxDebounce` 10,000 ms (the defaults): a document is saved
 *   2 s after its last change, and at least every 10 s while it keeps changing;
 * - broadcasts: `flushDelay` 0 (the default: updates that arrive in one event-loop turn go out
 *   merged, in one message);
 * - `timeout` raised from 60 s to 10 min: the bench's raw readers send nothing after their
 *   sync (a real provider sends awareness every 30 s), and the idle check would close them;
 * - `quiet`: no start banner.
 */
import path from 'node:path';
import { SQLite } from '@hocuspocus/extension-sqlite';
import { Server } from '@hocuspocus/server';

const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 0);
const dataDir = process.env.DATA_DIR;
if (!dataDir) {
  console.error('hocuspocus-server: DATA_DIR is required');
  process.exit(2);
}

const server = new Server({
  address: host,
  port,
  quiet: true,
  timeout: 10 * 60_000,
  debounce: 2_000,
  maxDebounce: 10_000,
  extensions: [new SQLite({ database: path.join(dataDir, 'hocuspocus.sqlite') })],
});

await server.listen();
console.info(`hocuspocus listening on ${host}:${server.address.port}`);
