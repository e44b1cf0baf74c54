import { z } from 'zod';
import type { MandateRequirement, SnodoTipo } from './mandate.js';
import { plenaryFocusSchema } from './percorso/plenary.js';
import { recordIdSchema } from './snodo/card.js';
import { MAX_VOTE_BUDGET, MAX_VOTE_CARDS } from './snodo/votazione.js';

/**
 * The HTTP API of plenary facilitation: focus, timer, dot votes and the comparison of the
 * snodi. Focus and timer: `PUT /api/percorsi/:id/plenary/focus`, `POST …/plenary/timer`
 * (facilitatore). Votes on a snodo board: open / reveal / cancel (whoever may lock its
 * lanes), ballot (anyone who may write the board, once joined). Errors as in api.ts, plus 409
 * when the vote's state or the person's budget does not allow the change.
 */

/** `PUT /api/percorsi/:percorsoId/plenary/focus`. */
export const focusBody = plenaryFocusSchema;

/** `PUT /api/percorsi/:percorsoId/plenary/join`: the invite the projector shows, or none. */
export const joinDisplayBody = z.strictObject({
  inviteId: z.string().min(1).max(64).nullable(),
});
export type JoinDisplayBody = z.infer<typeof joinDisplayBody>;

/** `POST /api/boards/:boardId/votazioni`. */
export const openVotazioneBody = z
  .strictObject({
    titolo: z.string().trim().min(1).max(200),
    cardIds: z.array(recordIdSchema).min(1).max(MAX_VOTE_CARDS),
    budget: z.number().int().min(1).max(MAX_VOTE_BUDGET),
    /** Defaults to the budget: one person may put all their dots on one card. */
    maxPerCard: z.number().int().min(1).max(MAX_VOTE_BUDGET).optional(),
  })
  .refine((b) => new Set(b.cardIds).size === b.cardIds.length, {
    message: 'cardIds must not repeat',
    path: ['cardIds'],
  });
export type OpenVotazioneBody = z.infer<typeof openVotazioneBody>;

/** `PUT /api/boards/:boardId/votazioni/:votazioneId/ballot`: my dots on one card. */
export const ballotBody = z.strictObject({
  cardId: recordIdSchema,
  dots: z.number().int().min(0).max(MAX_VOTE_BUDGET),
});
export type BallotBody = z.infer<typeof ballotBody>;

/** My own ballot — the only one anyone can read before (and after) the reveal. */
export interface BallotReply {
  votazioneId: string;
  /** cardId → my dots (cards with none left out). */
  dots: Record<string, number>;
  used: number;
  budget: number;
  maxPerCard: number;
}

/** `GET …/votazioni/:votazioneId/progress` (facilitator, referente): no tally, just turnout. */
export interface VoteProgressReply {
  votazioneId: string;
  voters: number;
}

/** One card as the comparison shows it. */
export interface ConfrontoCard {
  id: string;
  title: string;
  /** Dots from revealed votes. */
  votes: number;
  /** Obiettivi: the esigenze they answer; linee: the obiettivi they serve (titles). */
  links: string[];
}

export interface ConfrontoSnodo {
  boardId: string;
  snodoId: string;
  tipo: SnodoTipo;
  titolo: string;
  oggetto: string;
  esigenze: ConfrontoCard[];
  obiettivi: ConfrontoCard[];
  lineeStrategiche: ConfrontoCard[];
  /** Contributions by ente, over all linee strategiche. */
  contributi: { ente: string; count: number }[];
}

/** `GET /api/percorsi/:percorsoId/confronto`: the snodi the token may read, side by side. */
export interface ConfrontoReply {
  percorsoId: string;
  title: string;
  /** The shared mandate: the rows of the comparison. */
  mandate: MandateRequirement[];
  snodi: ConfrontoSnodo[];
}
