import { BOARD_ID_PATTERN, CloseCode, CloseReason } from '@trama/shared';
import type { FastifyPluginAsync } from 'fastify';
import type { RawData, WebSocket } from 'ws';
import type { SyncServer } from '../sync/syncServer.js';

const KEEPALIVE_MS = 30_000;

/** Bytes a client may have queued on its socket before it is dropped as too slow. */
const MAX_BUFFERED_BYTES = 64 * 1024 * 1024;

/**
 * `GET /sync/:boardId` (WebSocket): adapts a `ws` socket to the sync core's SyncSocket.
 * The board id is validated before the upgrade, so a bad id gets a plain HTTP 400.
 */
export const syncRoutes: FastifyPluginAsync<{ sync: SyncServer }> = async (app, { sync }) => {
  app.get<{ Params: { boardId: string } }>(
    '/sync/:boardId',
    {
      websocket: true,
      schema: {
        params: {
          type: 'object',
          properties: { boardId: { type: 'string', pattern: BOARD_ID_PATTERN.source } },
          required: ['boardId'],
        },
      },
    },
    (socket: WebSocket, request) => {
      const connection = sync.connect(request.params.boardId, {
        send(data) {
          if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
            socket.close(CloseCode.tryAgainLater, CloseReason[CloseCode.tryAgainLater]);
            return;
          }
          socket.send(data);
        },
        close(code, reason) {
          socket.close(code, reason);
        },
      });

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
