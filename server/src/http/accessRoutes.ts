import {
  buildSnodoContext,
  CloseCode,
  type CreatePercorsoReply,
  type CreateSnodoBody,
  type CreateSnodoReply,
  type CreateTavoloReply,
  createInviteBody,
  createPercorsoBody,
  createSnodoBody,
  createTavoloBody,
  getBoardTitle,
  type InviteView,
  initPercorsoBoard,
  initSnodoBoard,
  invitableBy,
  type JoinReply,
  joinBody,
  lockLanesBody,
  type MeReply,
  type ParsedBody,
  type PercorsoView,
  parseApiBody,
  percorsoSettingsBody,
  type ResolveCodeReply,
  type Role,
  randomId,
  setLockedLanes,
  setPercorsoInfo,
  setSnodoContext,
  snodi,
} from '@trama/shared';
import type { FastifyPluginAsync } from 'fastify';
import {
  AccessError,
  type AccessGuard,
  formatCode,
  type GrantedAccess,
  inviteLinkPath,
  normaliseCode,
} from '../access/guard.js';
import type { InviteRow } from '../access/registry.js';
import type { SyncServer } from '../sync/syncServer.js';

const HOUR = 3_600_000;
const FACILITATOR_LINK_DAYS = 365;
const QUICK_TAVOLO_SHARE_DAYS = 30;

export interface AccessRoutesOptions {
  sync: SyncServer;
  guard: AccessGuard;
  /** When set, creating a percorso or a quick tavolo needs this key (`x-trama-creation-key`). */
  creationKey: string | null;
  /** Called when someone joins, for the verbale. */
  onJoin?: (event: { boardIds: string[]; name: string; ente: string; role: Role }) => void;
}

/** Validates a body with its schema from @trama/shared; a mismatch is a 400 naming the field. */
function parse<T>(parsed: ParsedBody<T>): T {
  if (parsed.ok) return parsed.value;
  throw Object.assign(new Error(parsed.message), { statusCode: 400 });
}

const boardIdParam = {
  type: 'object',
  properties: { boardId: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' } },
  required: ['boardId'],
} as const;
const percorsoIdParam = {
  type: 'object',
  properties: { percorsoId: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' } },
  required: ['percorsoId'],
} as const;

/**
 * The percorso, its boards and its people over HTTP: creation, invites, joining, locks.
 * Every route checks the bearer token's role through the AccessGuard.
 */
export const accessRoutes: FastifyPluginAsync<AccessRoutesOptions> = async (app, options) => {
  const { sync, guard, creationKey } = options;
  const { registry } = guard;

  function requireCreationKey(header: string | string[] | undefined): void {
    if (creationKey !== null && header !== creationKey) {
      throw new AccessError(403, 'creating a percorso needs the instance’s creation key');
    }
  }

  function inviteView(invite: InviteRow): InviteView {
    const token = guard.tokenFor(invite);
    return {
      id: invite.id,
      role: invite.role,
      boardId: invite.boardId,
      label: invite.label,
      code: formatCode(invite.code),
      link: inviteLinkPath(invite, token),
      token,
      createdAt: invite.createdAt,
      expiresAt: invite.expiresAt,
      revokedAt: invite.revokedAt,
      joined: registry.listJoins(invite.id).map(({ name, ente, at }) => ({ name, ente, at })),
    };
  }

  async function createPercorso(input: {
    title: string;
    ente: string;
    ambito?: string | undefined;
  }) {
    const percorsoId = randomId(12);
    const boardId = randomId(12);
    await sync.changeBoard(boardId, (doc) => {
      initPercorsoBoard(doc, { title: input.title });
      setPercorsoInfo(doc, { ente: input.ente, ...(input.ambito ? { ambito: input.ambito } : {}) });
    });
    registry.createPercorso({
      id: percorsoId,
      boardId,
      title: input.title,
      ente: input.ente,
      createdAt: Date.now(),
    });
    const { invite, token } = guard.createInvite({
      percorsoId,
      boardId: null,
      role: 'facilitatore',
      label: 'facilitatore (creazione)',
      expiresAt: Date.now() + FACILITATOR_LINK_DAYS * 24 * HOUR,
    });
    return { percorsoId, boardId, invite, token };
  }

  async function createSnodo(percorsoId: string, input: CreateSnodoBody) {
    const percorso = registry.getPercorso(percorsoId);
    if (!percorso) throw new AccessError(404, `no percorso ${percorsoId}`);
    const boardId = randomId(12);
    const snodoId = await sync.changeBoard(percorso.boardId, (doc) =>
      snodi.add(doc, {
        tipo: input.tipo,
        titolo: input.titolo,
        boardId,
        ...(input.oggettoId ? { oggettoId: input.oggettoId } : {}),
      }),
    );
    const percorsoDoc = await sync.readBoard(percorso.boardId);
    const context = buildSnodoContext(percorsoDoc, percorso.boardId, snodoId);
    percorsoDoc.destroy();
    await sync.changeBoard(boardId, (doc) => {
      initSnodoBoard(doc, { title: input.titolo });
      if (context) setSnodoContext(doc, context);
    });
    registry.addBoard({ id: boardId, percorsoId, kind: 'snodo' });
    return { snodoId, boardId };
  }

  app.post('/api/percorsi', async (request, reply): Promise<CreatePercorsoReply> => {
    requireCreationKey(request.headers['x-trama-creation-key']);
    const body = parse(parseApiBody(createPercorsoBody, request.body));
    const { percorsoId, boardId, token } = await createPercorso(body);
    reply.code(201);
    return { percorsoId, boardId, token, link: `/p/${percorsoId}#t=${token}` };
  });

  app.post('/api/tavoli', async (request, reply): Promise<CreateTavoloReply> => {
    requireCreationKey(request.headers['x-trama-creation-key']);
    const { title } = parse(parseApiBody(createTavoloBody, request.body));
    const { percorsoId, token } = await createPercorso({ title, ente: '' });
    const { boardId } = await createSnodo(percorsoId, { tipo: 'tavolo', titolo: title });
    const share = guard.createInvite({
      percorsoId,
      boardId,
      role: 'partecipante',
      label: 'link condiviso',
      expiresAt: Date.now() + QUICK_TAVOLO_SHARE_DAYS * 24 * HOUR,
    });
    reply.code(201);
    return {
      percorsoId,
      boardId,
      token,
      link: `/b/${boardId}#t=${token}`,
      shareLink: inviteLinkPath(share.invite, share.token),
    };
  });

  async function me(access: GrantedAccess): Promise<MeReply> {
    const percorso = registry.getPercorso(access.percorsoId);
    if (!percorso) throw new AccessError(404, `no percorso ${access.percorsoId}`);
    const boards: MeReply['boards'] = [];
    for (const board of registry.listBoards(access.percorsoId)) {
      const permission = guard.permission(access, board);
      if (permission === 'none') continue;
      const doc = await sync.readBoard(board.id);
      boards.push({ boardId: board.id, kind: board.kind, title: getBoardTitle(doc), permission });
      doc.destroy();
    }
    return {
      role: access.role,
      percorsoId: access.percorsoId,
      percorsoBoardId: percorso.boardId,
      boardId: access.boardId,
      expiresAt: access.expiresAt,
      boards,
    };
  }

  app.get('/api/me', async (request) =>
    me(guard.authenticate(bearer(request.headers.authorization))),
  );

  app.get<{ Params: { percorsoId: string } }>(
    '/api/percorsi/:percorsoId',
    { schema: { params: percorsoIdParam } },
    async (request): Promise<PercorsoView> => {
      const access = guard.requirePercorso(request, request.params.percorsoId, 'read');
      const percorso = registry.getPercorso(access.percorsoId);
      if (!percorso) throw new AccessError(404, 'no such percorso');
      const doc = await sync.readBoard(percorso.boardId);
      const view: PercorsoView = {
        percorsoId: percorso.id,
        boardId: percorso.boardId,
        title: getBoardTitle(doc) || percorso.title,
        ente: percorso.ente,
        participantsReadOtherSnodi: percorso.participantsReadOtherSnodi,
        snodi: [],
      };
      for (const snodo of snodi.list(doc)) {
        if (!snodo.boardId) continue;
        const board = registry.getBoard(snodo.boardId);
        if (!board || board.percorsoId !== percorso.id) continue;
        const permission = guard.permission(access, board);
        if (permission === 'none') continue;
        view.snodi.push({
          snodoId: snodo.id,
          boardId: snodo.boardId,
          tipo: snodo.tipo,
          titolo: snodo.titolo,
          permission,
        });
      }
      doc.destroy();
      return view;
    },
  );

  app.put<{ Params: { percorsoId: string } }>(
    '/api/percorsi/:percorsoId/settings',
    { schema: { params: percorsoIdParam } },
    async (request, reply) => {
      guard.requirePercorso(request, request.params.percorsoId, 'manage');
      const body = parse(parseApiBody(percorsoSettingsBody, request.body));
      registry.setParticipantsReadOtherSnodi(
        request.params.percorsoId,
        body.participantsReadOtherSnodi,
      );
      reply.code(204);
    },
  );

  app.post<{ Params: { percorsoId: string } }>(
    '/api/percorsi/:percorsoId/snodi',
    { schema: { params: percorsoIdParam } },
    async (request, reply): Promise<CreateSnodoReply> => {
      guard.requirePercorso(request, request.params.percorsoId, 'manage');
      const body = parse(parseApiBody(createSnodoBody, request.body));
      const created = await createSnodo(request.params.percorsoId, body);
      reply.code(201);
      return created;
    },
  );

  app.post<{ Params: { percorsoId: string } }>(
    '/api/percorsi/:percorsoId/invites',
    { schema: { params: percorsoIdParam } },
    async (request, reply): Promise<InviteView> => {
      const access = guard.requirePercorso(request, request.params.percorsoId, 'read');
      const body = parse(parseApiBody(createInviteBody, request.body));
      if (!invitableBy(access.role).includes(body.role)) {
        throw new AccessError(403, `the role ${access.role} may not invite a ${body.role}`);
      }
      // A referente invites only to its own snodo.
      if (access.role !== 'facilitatore' && body.boardId !== access.boardId) {
        throw new AccessError(403, 'a referente invites only to its own snodo');
      }
      const needsBoard = body.role === 'referente' || body.role === 'partecipante';
      const forbidsBoard = body.role === 'facilitatore' || body.role === 'proiettore';
      if (needsBoard && !body.boardId) {
        throw Object.assign(new Error(`boardId: a ${body.role} is invited to one snodo`), {
          statusCode: 400,
        });
      }
      if (forbidsBoard && body.boardId) {
        throw Object.assign(new Error(`boardId: a ${body.role} is invited to the whole percorso`), {
          statusCode: 400,
        });
      }
      if (body.boardId) {
        const board = registry.getBoard(body.boardId);
        if (!board || board.percorsoId !== access.percorsoId || board.kind !== 'snodo') {
          throw new AccessError(404, `no snodo board ${body.boardId} in this percorso`);
        }
      }
      const { invite } = guard.createInvite({
        percorsoId: access.percorsoId,
        boardId: body.boardId ?? null,
        role: body.role,
        label: body.label ?? '',
        expiresAt: Date.now() + body.expiresInHours * HOUR,
      });
      reply.code(201);
      return inviteView(invite);
    },
  );

  app.get<{ Params: { percorsoId: string } }>(
    '/api/percorsi/:percorsoId/invites',
    { schema: { params: percorsoIdParam } },
    async (request) => {
      guard.requirePercorso(request, request.params.percorsoId, 'manage');
      return { invites: registry.listInvites(request.params.percorsoId).map(inviteView) };
    },
  );

  app.delete<{ Params: { inviteId: string } }>(
    '/api/invites/:inviteId',
    {
      schema: {
        params: {
          type: 'object',
          properties: { inviteId: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' } },
          required: ['inviteId'],
        },
      },
    },
    async (request, reply) => {
      const invite = registry.getInvite(request.params.inviteId);
      if (!invite) throw new AccessError(404, `no invite ${request.params.inviteId}`);
      const access = guard.requirePercorso(request, invite.percorsoId, 'manage');
      if (access.inviteId === invite.id) {
        throw new AccessError(403, 'you cannot revoke the invite you are using');
      }
      registry.revokeInvite(invite.id, Date.now());
      const closed = sync.disconnectTagged(
        invite.id,
        CloseCode.forbidden,
        'this invite has been revoked',
      );
      request.log.info({ inviteId: invite.id, closed }, 'invite revoked');
      reply.code(204);
    },
  );

  app.get<{ Params: { code: string } }>(
    '/api/join/:code',
    {
      schema: {
        params: {
          type: 'object',
          properties: { code: { type: 'string', minLength: 4, maxLength: 20 } },
          required: ['code'],
        },
      },
    },
    async (request): Promise<ResolveCodeReply> => {
      const invite = registry.getInviteByCode(normaliseCode(request.params.code));
      // Unknown, expired and revoked codes all read the same: a code reveals nothing.
      if (!invite || invite.revokedAt !== null || invite.expiresAt <= Date.now()) {
        throw new AccessError(404, 'this code is unknown or no longer valid');
      }
      const percorso = registry.getPercorso(invite.percorsoId);
      const token = guard.tokenFor(invite);
      return {
        token,
        role: invite.role,
        percorsoTitle: percorso?.title ?? '',
        link: inviteLinkPath(invite, token),
      };
    },
  );

  app.post('/api/join', async (request): Promise<JoinReply> => {
    const access = guard.authenticate(bearer(request.headers.authorization));
    const body = parse(parseApiBody(joinBody, request.body));
    registry.recordJoin({
      inviteId: access.inviteId,
      name: body.name,
      ente: body.ente,
      email: body.email ?? null,
      at: Date.now(),
    });
    const reply = await me(access);
    // The verbale of the board the invite is for: its snodo, or the percorso board for
    // whole-percorso roles (not every tavolo the token could open).
    options.onJoin?.({
      boardIds: [access.boardId ?? reply.percorsoBoardId],
      name: body.name,
      ente: body.ente,
      role: access.role,
    });
    // Joining again with a personal token keeps the person; a shared invite gets a new one.
    const token = guard.personalToken(access, access.personId ?? randomId());
    return { ...reply, token };
  });

  app.put<{ Params: { boardId: string } }>(
    '/api/boards/:boardId/locks',
    { schema: { params: boardIdParam } },
    async (request, reply) => {
      guard.requireBoard(request, request.params.boardId, 'lock');
      const board = guard.board(request.params.boardId);
      if (board.kind !== 'snodo') throw new AccessError(404, 'only snodo boards have lanes');
      const { lanes } = parse(parseApiBody(lockLanesBody, request.body));
      await sync.changeBoard(request.params.boardId, (doc) => setLockedLanes(doc, lanes));
      reply.code(204);
    },
  );
};

function bearer(header: string | undefined): string | null {
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1] ?? null;
}
