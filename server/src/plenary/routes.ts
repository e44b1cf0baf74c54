import {
  type BallotReply,
  ballotBody,
  type ConfrontoReply,
  type FocusState,
  focusBody,
  type JoinDisplay,
  joinDisplayBody,
  openVotazioneBody,
  type ParsedBody,
  parseApiBody,
  type TimeReply,
  type TimerState,
  timerActionSchema,
  type VotazioneJSON,
  type VoteProgressReply,
} from '@trama/shared';
import type { FastifyPluginAsync } from 'fastify';
import { type AccessGuard, verbaleActorOf } from '../access/guard.js';
import { PlenaryError, type PlenaryService } from './service.js';

const ID = '^[A-Za-z0-9_-]{1,64}$';
const percorsoParams = {
  type: 'object',
  properties: { percorsoId: { type: 'string', pattern: ID } },
  required: ['percorsoId'],
} as const;
const boardParams = {
  type: 'object',
  properties: { boardId: { type: 'string', pattern: ID } },
  required: ['boardId'],
} as const;
const voteParams = {
  type: 'object',
  properties: {
    boardId: { type: 'string', pattern: ID },
    votazioneId: { type: 'string', pattern: ID },
  },
  required: ['boardId', 'votazioneId'],
} as const;

function parse<T>(parsed: ParsedBody<T>): T {
  if (parsed.ok) return parsed.value;
  throw new PlenaryError(400, parsed.message);
}

/**
 * Plenary routes (server/PLENARY.md): thin adapters that check the token, validate the body
 * and call the PlenaryService.
 */
export const plenaryRoutes: FastifyPluginAsync<{
  guard: AccessGuard;
  plenary: PlenaryService;
}> = async (app, { guard, plenary }) => {
  const actorOf = (access: Parameters<typeof verbaleActorOf>[1]) =>
    verbaleActorOf(guard.registry, access);

  // No token: the time is no secret, and a projector needs it before anything else.
  app.get('/api/time', async (_request, reply): Promise<TimeReply> => {
    reply.header('cache-control', 'no-store');
    return { now: plenary.now() };
  });

  app.put<{ Params: { percorsoId: string } }>(
    '/api/percorsi/:percorsoId/plenary/focus',
    { schema: { params: percorsoParams } },
    async (request): Promise<FocusState> => {
      const access = guard.requirePercorso(request, request.params.percorsoId, 'manage');
      const focus = parse(parseApiBody(focusBody, request.body));
      return plenary.setFocus(request.params.percorsoId, focus, actorOf(access));
    },
  );

  app.post<{ Params: { percorsoId: string } }>(
    '/api/percorsi/:percorsoId/plenary/timer',
    { schema: { params: percorsoParams } },
    async (request): Promise<TimerState> => {
      guard.requirePercorso(request, request.params.percorsoId, 'manage');
      const action = parse(parseApiBody(timerActionSchema, request.body));
      return plenary.timer(request.params.percorsoId, action);
    },
  );

  app.put<{ Params: { percorsoId: string } }>(
    '/api/percorsi/:percorsoId/plenary/join',
    { schema: { params: percorsoParams } },
    async (request): Promise<JoinDisplay> => {
      guard.requirePercorso(request, request.params.percorsoId, 'manage');
      const { inviteId } = parse(parseApiBody(joinDisplayBody, request.body));
      return plenary.setJoinDisplay(request.params.percorsoId, inviteId);
    },
  );

  app.get<{ Params: { percorsoId: string } }>(
    '/api/percorsi/:percorsoId/confronto',
    { schema: { params: percorsoParams } },
    async (request): Promise<ConfrontoReply> => {
      const access = guard.requirePercorso(request, request.params.percorsoId, 'read');
      return plenary.confronto(access, request.params.percorsoId);
    },
  );

  app.post<{ Params: { boardId: string } }>(
    '/api/boards/:boardId/votazioni',
    { schema: { params: boardParams } },
    async (request, reply): Promise<VotazioneJSON> => {
      const access = guard.requireBoard(request, request.params.boardId, 'lock');
      if (guard.board(request.params.boardId).kind !== 'snodo') {
        throw new PlenaryError(404, 'only snodo boards have votes');
      }
      const body = parse(parseApiBody(openVotazioneBody, request.body));
      const vote = await plenary.openVote(request.params.boardId, body, actorOf(access));
      reply.code(201);
      return vote;
    },
  );

  app.get<{ Params: { boardId: string; votazioneId: string } }>(
    '/api/boards/:boardId/votazioni/:votazioneId/ballot',
    { schema: { params: voteParams } },
    async (request): Promise<BallotReply> => {
      const { boardId, votazioneId } = request.params;
      const access = guard.requireBoard(request, boardId, 'write');
      return plenary.myBallot(access, boardId, votazioneId);
    },
  );

  app.put<{ Params: { boardId: string; votazioneId: string } }>(
    '/api/boards/:boardId/votazioni/:votazioneId/ballot',
    { schema: { params: voteParams } },
    async (request): Promise<BallotReply> => {
      const { boardId, votazioneId } = request.params;
      const access = guard.requireBoard(request, boardId, 'write');
      const { cardId, dots } = parse(parseApiBody(ballotBody, request.body));
      return plenary.placeDots(access, boardId, votazioneId, cardId, dots);
    },
  );

  app.get<{ Params: { boardId: string; votazioneId: string } }>(
    '/api/boards/:boardId/votazioni/:votazioneId/progress',
    { schema: { params: voteParams } },
    async (request): Promise<VoteProgressReply> => {
      const { boardId, votazioneId } = request.params;
      guard.requireBoard(request, boardId, 'lock');
      return plenary.progress(boardId, votazioneId);
    },
  );

  app.post<{ Params: { boardId: string; votazioneId: string } }>(
    '/api/boards/:boardId/votazioni/:votazioneId/reveal',
    { schema: { params: voteParams } },
    async (request): Promise<VotazioneJSON> => {
      const { boardId, votazioneId } = request.params;
      const access = guard.requireBoard(request, boardId, 'lock');
      return plenary.reveal(boardId, votazioneId, actorOf(access));
    },
  );

  app.post<{ Params: { boardId: string; votazioneId: string } }>(
    '/api/boards/:boardId/votazioni/:votazioneId/cancel',
    { schema: { params: voteParams } },
    async (request, reply) => {
      const { boardId, votazioneId } = request.params;
      guard.requireBoard(request, boardId, 'lock');
      await plenary.cancel(boardId, votazioneId);
      reply.code(204);
    },
  );
};
