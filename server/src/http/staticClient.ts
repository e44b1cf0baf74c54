import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';

/** Paths the single-page client routes itself; anything else unknown is a plain 404. */
/**
 * `/`, a snodo board `/b/<id>`, a percorso home `/p/<id>` and its plenary views
 * `/p/<id>/proiettore` and `/p/<id>/confronto`, the join page `/j` and `/j/<code>`.
 */
const CLIENT_ROUTES = /^\/(b\/[^/]+\/?|p\/[^/]+(\/(proiettore|confronto))?\/?|j(\/[^/]+)?\/?)?$/;

/**
 * Serves the built client from `clientDir`, with the SPA fallback for its routes.
 * Without a built client, those routes answer 503 with a hint instead of a blank page.
 */
export const staticClient: FastifyPluginAsync<{ clientDir: string | null }> = async (
  app,
  { clientDir },
) => {
  const index = clientDir ? path.join(clientDir, 'index.html') : null;
  const built = index !== null && fs.existsSync(index);
  if (built && clientDir) {
    await app.register(fastifyStatic, { root: clientDir, wildcard: false, index: false });
  } else if (clientDir === null) {
    app.log.info('no client to serve (CLIENT_DIR is empty)');
  } else {
    app.log.warn({ clientDir }, 'client not built: run `pnpm run build` to serve the board UI');
  }

  app.setNotFoundHandler((request, reply) => {
    const pathname = request.url.split('?')[0] ?? '/';
    if (request.method === 'GET' && CLIENT_ROUTES.test(pathname)) {
      if (!built) {
        return reply.code(503).send({
          statusCode: 503,
          error: 'Service Unavailable',
          message: 'The client is not built: run `pnpm run build`.',
        });
      }
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-cache')
        .sendFile('index.html');
    }
    return reply.code(404).send({
      statusCode: 404,
      error: 'Not Found',
      message: `No route for ${request.method} ${pathname}`,
    });
  });
};
