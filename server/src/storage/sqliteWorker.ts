/**
 * The code of the SQLite worker threads, as a CommonJS script evaluated with
 * `new Worker(code, { eval: true })` so that it runs the same from `src` (tests) and `dist`.
 *
 * - role `writer` (durability `power` only): owns every write. Appends and compactions arrive
 *   as messages and are committed in order; the commit and its fsync block this thread, never
 *   the event loop that serves clients. Appends that queued up while a commit ran are
 *   committed together in the next transaction (group commit: one fsync for all of them).
 * - role `checkpointer`: folds the WAL back into the database file every few seconds (PASSIVE:
 *   it never waits for, nor blocks, the writer), and past `walRestartFrames` makes the WAL
 *   start over (RESTART: holds commits off while it copies the tail). Checkpoints fsync, so
 *   they live here too.
 */
/** The writes, shared by the writer thread and the store's own connection. */
export const SQL = {
  insertUpdate: 'INSERT INTO board_update (board_id, data) VALUES (?, ?)',
  upsertSnapshot:
    'INSERT INTO board_snapshot (board_id, snapshot, updated_at) VALUES (?, ?, ?) ' +
    'ON CONFLICT (board_id) DO UPDATE SET snapshot = excluded.snapshot, updated_at = excluded.updated_at',
  deleteUpdates: 'DELETE FROM board_update WHERE board_id = ?',
};

export const SQLITE_WORKER_SOURCE = `
const { parentPort, receiveMessageOnPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('journal_mode = WAL');
db.pragma('busy_timeout = 5000');

if (workerData.role === 'checkpointer') {
  const timer = setInterval(() => {
    try {
      const [result] = db.pragma('wal_checkpoint(PASSIVE)');
      // Passive checkpoints never catch up with a steady stream of commits: past a length,
      // copy the tail with commits held off and let the WAL start over.
      if (result && result.log >= workerData.walRestartFrames) db.pragma('wal_checkpoint(RESTART)');
    } catch (error) { /* retried next tick */ }
  }, workerData.checkpointMs);
  parentPort.on('message', (message) => {
    if (message.op === 'close') {
      clearInterval(timer);
      db.close();
      parentPort.postMessage({ id: message.id, ok: true });
    }
  });
} else {
  db.pragma('synchronous = FULL');
  db.pragma('journal_size_limit = ' + workerData.walSizeLimit);
  // Checkpoints belong to the checkpointer thread, not to a commit that happens to cross
  // the WAL size threshold.
  db.pragma('wal_autocheckpoint = 0');
  const insert = db.prepare(${JSON.stringify(SQL.insertUpdate)});
  const upsertSnapshot = db.prepare(${JSON.stringify(SQL.upsertSnapshot)});
  const deleteUpdates = db.prepare(${JSON.stringify(SQL.deleteUpdates)});
  const decoder = new TextDecoder();
  // A batch arrives as one transferred buffer: [count u32] then, per update,
  // [board id length u16][board id utf8][update length u32][update bytes] (see packUpdates).
  const appendOne = (packed) => {
    const view = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
    const count = view.getUint32(0);
    let at = 4;
    for (let i = 0; i < count; i++) {
      const idLength = view.getUint16(at);
      const boardId = decoder.decode(packed.subarray(at + 2, at + 2 + idLength));
      at += 2 + idLength;
      const length = view.getUint32(at);
      insert.run(boardId, packed.subarray(at + 4, at + 4 + length));
      at += 4 + length;
    }
  };
  const appendAll = db.transaction((appends) => {
    for (const message of appends) appendOne(message.packed);
  });
  const compact = db.transaction((boardId, snapshot, now) => {
    upsertSnapshot.run(boardId, snapshot, now);
    deleteUpdates.run(boardId);
  });
  const reply = (message, error) => {
    if (error) parentPort.postMessage({ id: message.id, ok: false, message: String(error && error.message || error) });
    else parentPort.postMessage({ id: message.id, ok: true });
  };
  const run = (message) => {
    try {
      if (message.op === 'compact') compact(message.boardId, message.snapshot, message.now);
      else if (message.op === 'close') db.close();
      reply(message);
    } catch (error) {
      reply(message, error);
    }
  };
  parentPort.on('message', (first) => {
    if (first.op !== 'append') return run(first);
    // Take every append already waiting, in order, up to the first other request.
    const appends = [first];
    let next = null;
    for (let queued = receiveMessageOnPort(parentPort); queued; queued = receiveMessageOnPort(parentPort)) {
      if (queued.message.op !== 'append') {
        next = queued.message;
        break;
      }
      appends.push(queued.message);
    }
    let failure = null;
    try {
      appendAll(appends);
    } catch (error) {
      failure = error;
    }
    for (const message of appends) reply(message, failure);
    if (next) run(next);
  });
}
`;
