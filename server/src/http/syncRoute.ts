import { BOARD_ID_PATTERN, CloseCode, CloseReason, canEditLockedLane } from '@trama/shared';
import type { FastifyPluginAsync } from 'fastify';
import { type RawData, WebSocket } from 'ws';
import type * as Y from 'yjs';
import { AccessError, type AccessGuard, scopeOf } from '../access/guard.js';
import { isKnownUpdate, laneLockRefusal, serverOnlyRefusal } from '../access/lanePolicy.js';
import type { ConnectionOptions, SyncServer, UpdateVerdict } from '../sync/syncServer.js';

const APPLY: UpdateVerdict = { action: 'apply' };
const IGNORE: UpdateVerdict = { action: 'ignore' };

/** A read-only connection's sync replies carry nothing new; anything else is an edit. */
function vetReadOnly(doc: Y.Doc, update: Uint8Array): UpdateVerdict {
  if (isKnownUpdate(doc, update)) return IGNORE;
  return { action: 'refuse', code: CloseCode.readOnly, reason: CloseReason[CloseCode.readOnly] };
}

function vetLaneLocks(doc: Y.Doc, update: Uint8Array): UpdateVerdict {
  const refusal = laneLockRefusal(doc, update);
  return refusal === null ? APPLY : { action: 'refuse', code: CloseCode.readOnly, reason: refusal };
}

/** Whoever may write locked lanes still may not write what only the server writes ([PL1]). */
function vetServerOnly(doc: Y.Doc, update: Uint8Array): UpdateVerdict {
  const refusal = serverOnlyRefusal(doc, update);
  return refusal === null ? APPLY : { action: 'refuse', code: CloseCode.readOnly, reason: refusal };
}

const KEEPALIVE_MS = 30_000;

/** Bytes a client may have queued on its socket before it is dropped as too slow. */
const MAX_BUFFERED_BYTES = 64 * 1024 * 1024;

/**
 * One unmasked, final, binary WebSocket frame (RFC 6455 §5.2) holding `data`: what `ws`
 * would write for `send(data)` without compression, as a single buffer.
 */
export function binaryFrame(data: Uint8Array): Buffer {
  const length = data.byteLength;
  const head = length < 126 ? 2 : length < 0x10000 ? 4 : 10;
  const frame = Buffer.allocUnsafe(head + length);
  frame[0] = 0x82; // FIN + opcode 2 (binary)
  if (head === 2) frame[1] = length;
  else if (head === 4) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeUInt32BE(Math.floor(length / 0x1_0000_0000), 2);
    frame.writeUInt32BE(length >>> 0, 6);
  }
  frame.set(data, head);
  return frame;
}

/**
 * Frames each message (or batch of messages, back to back) once, however many sockets it
 * goes to: the sync core hands the same message, or the same batch, to the clients of a
 * board one after the other, so the last one framed is kept.
 */
const framer = {
  message: null as Uint8Array | null,
  frame: null as Buffer | null,
  batch: null as readonly Uint8Array[] | null,
  batchFrames: null as Buffer | null,
  of(data: Uint8Array): Buffer {
    if (data !== this.message || this.frame === null) {
      this.frame = binaryFrame(data);
      this.message = data;
    }
    return this.frame;
  },
  ofBatch(messages: readonly Uint8Array[]): Buffer {
    if (messages !== this.batch || this.batchFrames === null) {
      this.batchFrames = Buffer.concat(messages.map(binaryFrame));
      this.batch = messages;
    }
    return this.batchFrames;
  },
};

/**
 * `GET /sync/:boardId` (WebSocket): adapts a `ws` socket to the sync core's SyncSocket.
 * The board id is validated before the upgrade, so a bad id gets a plain HTTP 400.
 */
export const syncRoutes: FastifyPluginAsync<{ sync: SyncServer; guard: AccessGuard }> = async (
  app,
  { sync, guard },
) => {
  app.get<{ Params: { boardId: string }; Querystring: { token?: string } }>(
    '/sync/:boardId',
    {
      websocket: true,
      schema: {
        params: {
          type: 'object',
          properties: { boardId: { type: 'string', pattern: BOARD_ID_PATTERN.source } },
          required: ['boardId'],
        },
        querystring: {
          type: 'object',
          properties: { token: { type: 'string', maxLength: 2048 } },
        },
      },
    },
    (socket: WebSocket, request) => {
      const { boardId } = request.params;
      // Authenticate before any document data flows; refusals close with a reason.
      let options: ConnectionOptions;
      try {
        const access = guard.authenticate(request.query.token);
        const board = guard.check(access, boardId, 'read');
        const writable = guard.permission(access, board) === 'write';
        const mayEditLocked = canEditLockedLane(access.role, scopeOf(access), boardId);
        options = { tag: access.inviteId };
        if (!writable) options.vetUpdate = vetReadOnly;
        else if (!mayEditLocked) options.vetUpdate = vetLaneLocks;
        else options.vetUpdate = vetServerOnly;
      } catch (error) {
        if (!(error instanceof AccessError)) throw error;
        socket.close(error.closeCode, error.message);
        return;
      }
      // The TCP socket `ws` took over at the upgrade. Messages go to it as ready-made frames,
      // one write each: `ws.send` would frame (and allocate) again per client and write twice.
      // Safe without compression, when nothing queues inside `ws`: its own frames (pings, the
      // close frame) and ours reach the socket in the order written. Should a client ever
      // negotiate permessage-deflate, that connection keeps `ws.send`.
      const tcp = socket.extensions === '' ? request.raw.socket : null;
      /** Whether the socket takes more (open, and not too far behind: else it is closed). */
      const writable = () => {
        if (socket.readyState !== WebSocket.OPEN) return false;
        if (socket.bufferedAmount <= MAX_BUFFERED_BYTES) return true;
        socket.close(CloseCode.tryAgainLater, CloseReason[CloseCode.tryAgainLater]);
        return false;
      };
      const connection = sync.connect(
        boardId,
        {
          send(data) {
            if (!writable()) return;
            if (tcp) tcp.write(framer.of(data));
            else socket.send(data);
          },
          sendBatch(messages) {
            if (!writable()) return;
            if (tcp) tcp.write(framer.ofBatch(messages));
            else for (const data of messages) socket.send(data);
          },
          close(code, reason) {
            socket.close(code, reason);
          },
        },
        options,
      );

      let alive = true;
      const keepalive = setInterval(() => {
        if (!alive) {
          socket.terminate();
          return;
        }
        alive = false;
        socket.ping();
      }, KEEPALIVE_MS);
      keepalive.unref();

      socket.on('pong', () => {
        alive = true;
      });
      socket.on('message', (data: RawData, isBinary: boolean) => {
        alive = true;
        if (!isBinary) {
          socket.close(CloseCode.malformed, `${CloseReason[CloseCode.malformed]}: text frame`);
          return;
        }
        connection.receive(toBytes(data));
      });
      socket.on('error', (error) => {
        request.log.warn({ err: error }, 'websocket error');
      });
      socket.on('close', () => {
        clearInterval(keepalive);
        connection.closed();
      });
    },
  );
};

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
