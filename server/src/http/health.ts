import type { FastifyPluginAsync } from 'fastify';
import type { BoardStore } from '../storage/store.js';
import type { SyncServer } from '../sync/syncServer.js';

/** `GET /health`: 200 while the store can serve, 503 otherwise. */
export const healthRoutes: FastifyPluginAsync<{ store: BoardStore; sync: SyncServer }> = async (
  app,
  { store, sync },
) => {
  app.get(
    '/health',
    {
      schema: {
        response: {
          200: {
            type: 'object',
            properties: {
              status: { type: 'string' },
              boards: { type: 'integer' },
              connections: { type: 'integer' },
            },
          },
          503: { type: 'object', properties: { status: { type: 'string' } } },
        },
      },
    },
    async (_request, reply) => {
      if (!store.isHealthy()) return reply.code(503).send({ status: 'unavailable' });
      return { status: 'ok', boards: sync.loadedBoards, connections: sync.connectionCount };
    },
  );
};
