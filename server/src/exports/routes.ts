import { Readable } from 'node:stream';
import {
  BOARD_EXPORT_FORMATS,
  type BoardExportFormat,
  buildSnodoContext,
  closeSessionBody,
  createSnapshotBody,
  EXPORT_CONTENT_TYPES,
  type ExportQuery,
  exportQuery,
  type ImportBoardReply,
  openSessionBody,
  type ParsedBody,
  parseApiBody,
  type RestoreReply,
  randomId,
  recordVerbaleBody,
  type SessionReply,
  SINTESI_FORMATS,
  type SnapshotView,
  snodi,
  snodoBoardJSONSchema,
  snodoFromJSON,
  type VerbaleActor,
} from '@trama/shared';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { bearerToken, verbaleActorOf } from '../access/guard.js';
import type { SnapshotStore } from '../snapshots/store.js';
import type { SyncServer } from '../sync/syncServer.js';
import { sessionState, type VerbaleLog } from '../verbale/log.js';
import { exportFileName, renderBoardExport, renderJson } from './boardExports.js';
import { dayOf } from './labels.js';
import { renderMarkdown } from './markdown.js';
import type { ExportDocument } from './model.js';
import { buildScheda } from './scheda.js';
import {
  DEFAULT_OUTPUT_LIMITS,
  OutputError,
  type OutputLimits,
  OutputsService,
} from './service.js';
import { buildSintesi, buildVerbale } from './sintesi.js';
import type { GrantedAccessLike, OutputsGuard } from './types.js';

/**
 * The outputs over HTTP (rules [EX…] in server/SPEC.md): board exports, import, the
 * sintesi, snapshots, sessions and the verbale. Every route checks the bearer token through
 * the guard (401 no/bad token, 403 not allowed, 404 unknown board); documents stream.
 */

export interface OutputRoutesOptions {
  sync: SyncServer;
  guard: OutputsGuard;
  verbale: VerbaleLog;
  snapshots: SnapshotStore;
  limits?: Partial<OutputLimits>;
  /** Largest JSON accepted by `POST /api/boards/import`. */
  importBodyLimit?: number;
}

const ID = '^[A-Za-z0-9_-]{1,64}$';
const boardParams = {
  type: 'object',
  properties: { boardId: { type: 'string', pattern: ID } },
  required: ['boardId'],
} as const;
const snapshotParams = {
  type: 'object',
  properties: { boardId: { type: 'string', pattern: ID }, id: { type: 'string', pattern: ID } },
  required: ['boardId', 'id'],
} as const;

function parse<T>(parsed: ParsedBody<T>): T {
  if (parsed.ok) return parsed.value;
  throw new OutputError(400, parsed.message);
}

function contentDisposition(fileName: string): string {
  return `attachment; filename="${fileName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

const ITALIAN_DAY = new Intl.DateTimeFormat('it-IT', {
  day: 'numeric',
  month: 'long',
  timeZone: 'Europe/Rome',
});

export const outputRoutes: FastifyPluginAsync<OutputRoutesOptions> = async (app, options) => {
  const { guard, verbale } = options;
  const limits = { ...DEFAULT_OUTPUT_LIMITS, ...options.limits };
  const service = new OutputsService({ ...options, limits });

  /** Who did it: the name and ente given when the token's holder joined, if any. */
  const actorOf = (access: GrantedAccessLike): VerbaleActor =>
    verbaleActorOf(guard.registry, access);

  function query(request: FastifyRequest): ExportQuery {
    return parse(parseApiBody(exportQuery, request.query ?? {}));
  }

  function generatedAt(q: ExportQuery): string {
    return q.date ?? dayOf(Date.now());
  }

  async function sendDocument(
    reply: FastifyReply,
    doc: ExportDocument,
    format: 'docx' | 'pdf' | 'md',
    fileName: string,
  ) {
    reply.header('content-type', EXPORT_CONTENT_TYPES[format]);
    reply.header('content-disposition', contentDisposition(fileName));
    if (format === 'pdf') return reply.send(await (await import('./pdf.js')).renderPdfStream(doc));
    if (format === 'docx')
      return reply.send(Readable.from([await (await import('./docx.js')).renderDocx(doc)]));
    return reply.send(renderMarkdown(doc));
  }

  // ——— Board exports ———

  app.get<{ Params: { boardId: string; format: string } }>(
    '/api/boards/:boardId/export.:format',
    {
      schema: {
        params: {
          type: 'object',
          properties: {
            boardId: { type: 'string', pattern: ID },
            format: { type: 'string', enum: [...BOARD_EXPORT_FORMATS] },
          },
          required: ['boardId', 'format'],
        },
      },
    },
    async (request, reply) => {
      const { boardId } = request.params;
      const format = request.params.format as BoardExportFormat;
      const access = await guard.requireBoard(request, boardId, 'export');
      const q = query(request);
      const board =
        format === 'json' ? await service.boardJSON(boardId) : await service.snodoJSON(boardId);
      const fileName = exportFileName(board, format);
      verbale.record(
        boardId,
        { type: 'exportMade', format, lang: q.lang },
        { actor: actorOf(access) },
      );
      if (board.kind === 'percorso') {
        reply.header('content-type', EXPORT_CONTENT_TYPES.json);
        reply.header('content-disposition', contentDisposition(fileName));
        return reply.send(renderJson(board));
      }
      const input = {
        board,
        percorso: await service.percorsoJSON(access.percorsoId),
        verbale: verbale.list(boardId),
        lang: q.lang,
        generatedAt: generatedAt(q),
      };
      reply.header('content-type', EXPORT_CONTENT_TYPES[format]);
      reply.header('content-disposition', contentDisposition(fileName));
      if (format === 'pdf') {
        return reply.send(await (await import('./pdf.js')).renderPdfStream(buildScheda(input)));
      }
      const bytes = await renderBoardExport(format, input);
      return reply.send(format === 'docx' ? Readable.from([bytes]) : bytes);
    },
  );

  app.post(
    '/api/boards/import',
    { bodyLimit: options.importBodyLimit ?? 16 * 1024 * 1024 },
    async (request, reply): Promise<ImportBoardReply> => {
      const { percorsoId } = guard.authenticate(bearerToken(request));
      await guard.requirePercorso(request, percorsoId, 'manage');
      const json = parse(parseApiBody(snodoBoardJSONSchema, request.body));
      if (json.cards.length > limits.maxCards) {
        throw new OutputError(413, `the board has more than ${limits.maxCards} cards`);
      }
      const percorso = guard.registry.getPercorso(percorsoId);
      if (!percorso) throw new OutputError(404, `no percorso ${percorsoId}`);
      const boardId = randomId(12);
      const tipo = json.context?.tipo ?? 'tavolo';
      const titolo = json.title.trim() || 'Tavolo importato';
      const snodoId = await options.sync.changeBoard(percorso.boardId, (doc) =>
        snodi.add(doc, { tipo, titolo, boardId }),
      );
      const percorsoDoc = await options.sync.readBoard(percorso.boardId);
      const fresh = buildSnodoContext(percorsoDoc, percorso.boardId, snodoId);
      percorsoDoc.destroy();
      // The board keeps its own object and mandate; only where it belongs changes.
      const context = fresh && {
        ...fresh,
        ...(json.context && { oggetto: json.context.oggetto, mandate: json.context.mandate }),
      };
      const { context: _old, ...rest } = json;
      await options.sync.changeBoard(boardId, (doc) => {
        snodoFromJSON({ ...rest, ...(context && { context }) }, doc);
      });
      guard.registry.addBoard({ id: boardId, percorsoId, kind: 'snodo' });
      reply.code(201);
      return { boardId, snodoId, title: titolo, cards: json.cards.length };
    },
  );

  // ——— Sintesi ———

  app.get<{ Params: { percorsoId: string; format: string } }>(
    '/api/percorsi/:percorsoId/sintesi.:format',
    {
      schema: {
        params: {
          type: 'object',
          properties: {
            percorsoId: { type: 'string', pattern: ID },
            format: { type: 'string', enum: [...SINTESI_FORMATS, 'md'] },
          },
          required: ['percorsoId', 'format'],
        },
      },
    },
    async (request, reply) => {
      const { percorsoId } = request.params;
      const format = request.params.format as 'docx' | 'pdf' | 'md';
      const access = await guard.requirePercorso(request, percorsoId, 'manage');
      const q = query(request);
      const input = await service.sintesiInput(percorsoId, q.lang, generatedAt(q));
      const percorsoBoard = guard.registry.getPercorso(percorsoId)?.boardId;
      if (percorsoBoard) {
        verbale.record(
          percorsoBoard,
          { type: 'exportMade', format: `sintesi.${format}`, lang: q.lang },
          { actor: actorOf(access) },
        );
      }
      const name = exportFileName({ title: `sintesi-${input.percorso.title}` }, format);
      return sendDocument(reply, buildSintesi(input), format, name);
    },
  );

  // ——— Snapshots ———

  app.get<{ Params: { boardId: string } }>(
    '/api/boards/:boardId/snapshots',
    { schema: { params: boardParams } },
    async (request): Promise<SnapshotView[]> => {
      await guard.requireBoard(request, request.params.boardId, 'export');
      return options.snapshots.list(request.params.boardId);
    },
  );

  app.post<{ Params: { boardId: string } }>(
    '/api/boards/:boardId/snapshots',
    { schema: { params: boardParams } },
    async (request, reply): Promise<SnapshotView> => {
      const access = await guard.requireBoard(request, request.params.boardId, 'export');
      const { name } = parse(parseApiBody(createSnapshotBody, request.body));
      const view = await service.takeSnapshot(request.params.boardId, name, {
        auto: false,
        actor: actorOf(access),
      });
      reply.code(201);
      return view;
    },
  );

  app.get<{ Params: { boardId: string; id: string } }>(
    '/api/boards/:boardId/snapshots/:id',
    { schema: { params: snapshotParams } },
    async (request) => {
      await guard.requireBoard(request, request.params.boardId, 'export');
      const { view, board } = service.snapshot(request.params.boardId, request.params.id);
      return { snapshot: view, board };
    },
  );

  app.get<{ Params: { boardId: string; id: string } }>(
    '/api/boards/:boardId/snapshots/:id/diff',
    { schema: { params: snapshotParams } },
    async (request) => {
      await guard.requireBoard(request, request.params.boardId, 'export');
      return service.diff(request.params.boardId, request.params.id);
    },
  );

  app.post<{ Params: { boardId: string; id: string } }>(
    '/api/boards/:boardId/snapshots/:id/restore',
    { schema: { params: snapshotParams } },
    async (request): Promise<RestoreReply> => {
      const access = await guard.requireBoard(request, request.params.boardId, 'export');
      await guard.requireBoard(request, request.params.boardId, 'write');
      return service.restore(request.params.boardId, request.params.id, actorOf(access));
    },
  );

  // ——— Sessions ———

  app.post<{ Params: { boardId: string } }>(
    '/api/boards/:boardId/sessions/open',
    { schema: { params: boardParams } },
    async (request, reply): Promise<SessionReply> => {
      const { boardId } = request.params;
      const access = await guard.requireBoard(request, boardId, 'export');
      const body = parse(parseApiBody(openSessionBody, request.body ?? {}));
      await service.boardJSON(boardId);
      const state = sessionState(verbale.list(boardId));
      if (state.open)
        throw new OutputError(409, `session ${state.last} is still open: close it first`);
      const session = state.last + 1;
      verbale.record(
        boardId,
        { type: 'sessionOpened', session, ...(body.title && { title: body.title }) },
        { actor: actorOf(access) },
      );
      reply.code(201);
      return { sessionNumber: session };
    },
  );

  app.post<{ Params: { boardId: string } }>(
    '/api/boards/:boardId/sessions/close',
    { schema: { params: boardParams } },
    async (request): Promise<SessionReply> => {
      const { boardId } = request.params;
      const access = await guard.requireBoard(request, boardId, 'export');
      const body = parse(parseApiBody(closeSessionBody, request.body ?? {}));
      const state = sessionState(verbale.list(boardId));
      if (!state.open) throw new OutputError(409, 'no session is open');
      const actor = actorOf(access);
      const name =
        body.snapshotName ?? `Sessione ${state.last} — ${ITALIAN_DAY.format(new Date())}`;
      const snapshot = await service.takeSnapshot(boardId, name, { auto: true, actor });
      verbale.record(boardId, { type: 'sessionClosed', session: state.last }, { actor });
      return { sessionNumber: state.last, snapshot };
    },
  );

  // ——— Verbale ———

  app.get<{ Params: { boardId: string } }>(
    '/api/boards/:boardId/verbale',
    { schema: { params: boardParams } },
    async (request) => {
      await guard.requireBoard(request, request.params.boardId, 'export');
      return verbale.list(request.params.boardId);
    },
  );

  app.get<{ Params: { boardId: string; format: string } }>(
    '/api/boards/:boardId/verbale.:format',
    {
      schema: {
        params: {
          type: 'object',
          properties: {
            boardId: { type: 'string', pattern: ID },
            format: { type: 'string', enum: ['md', 'docx', 'pdf'] },
          },
          required: ['boardId', 'format'],
        },
      },
    },
    async (request, reply) => {
      const { boardId } = request.params;
      const format = request.params.format as 'md' | 'docx' | 'pdf';
      await guard.requireBoard(request, boardId, 'export');
      const q = query(request);
      const board = await service.boardJSON(boardId);
      const doc = buildVerbale({
        title: board.title,
        verbale: verbale.list(boardId),
        lang: q.lang,
        generatedAt: generatedAt(q),
      });
      return sendDocument(
        reply,
        doc,
        format,
        exportFileName({ title: `verbale-${board.title}` }, format),
      );
    },
  );

  app.post<{ Params: { boardId: string } }>(
    '/api/boards/:boardId/verbale',
    { schema: { params: boardParams } },
    async (request, reply) => {
      const access = await guard.requireBoard(request, request.params.boardId, 'lock');
      const { event } = parse(parseApiBody(recordVerbaleBody, request.body));
      const entry = verbale.record(request.params.boardId, event, { actor: actorOf(access) });
      if (event.type === 'voteClosed') {
        const board = await service.boardJSON(request.params.boardId);
        if (board.kind === 'snodo') {
          const results = board.cards
            .filter((c) => !event.lane || c.kind === event.lane)
            .map((c) => ({
              cardId: c.id,
              title: c.title,
              votes: Object.values(c.votes).reduce((a, b) => a + b, 0),
            }))
            .filter((r) => r.votes > 0)
            .sort((a, b) => b.votes - a.votes)
            .slice(0, 500);
          verbale.record(
            request.params.boardId,
            { type: 'voteResults', results },
            { actor: actorOf(access) },
          );
        }
      }
      reply.code(201);
      return entry;
    },
  );
};
