import * as Y from 'yjs';
import { z } from 'zod';
import { defineCollection } from '../board/collection.js';
import type { Migration } from '../board/migration.js';
import { CardKey, cardsMap, MAX_DOTS_PER_CARD, recordIdSchema } from './card.js';

/**
 * [VT1] A dot vote (votazione) on a snodo board: the facilitator or the referente opens it
 * on a set of cards with a budget of dots per person; participants place their dots through
 * the server, which keeps each person's ballot out of the document, enforces the budget and
 * one budget per identity, and writes only the anonymous tally here when the vote is
 * revealed. The record is written by the server alone; the sync server refuses client
 * updates touching the `votazioni` root ([PL1]).
 */
export const VOTAZIONE_STATI = ['open', 'revealed', 'cancelled'] as const;
export type VotazioneStato = (typeof VOTAZIONE_STATI)[number];

export const MAX_VOTE_BUDGET = 20;
export const MAX_VOTE_CARDS = 300;

export const votazioneSchema = z.object({
  titolo: z.string().trim().min(1).max(200),
  cardIds: z.array(recordIdSchema).min(1).max(MAX_VOTE_CARDS),
  /** Dots each person may place in all. */
  budget: z.number().int().min(1).max(MAX_VOTE_BUDGET),
  /** Dots one person may place on one card. */
  maxPerCard: z.number().int().min(1).max(MAX_VOTE_BUDGET),
  status: z.enum(VOTAZIONE_STATI),
  openedAt: z.number().int().min(0),
  closedAt: z.number().int().min(0).optional(),
  /** After reveal: dots per card (every card of the vote, 0 included). */
  results: z.record(recordIdSchema, z.number().int().min(0).max(MAX_DOTS_PER_CARD)).optional(),
  /** After reveal: how many people placed at least one dot. */
  voters: z.number().int().min(0).optional(),
});
export type Votazione = z.infer<typeof votazioneSchema>;

export const votazioni = defineCollection('votazioni', votazioneSchema);
export type VotazioneRecord = ReturnType<typeof votazioni.list>[number];

/** The vote in progress, if any (at most one per board: the server opens one at a time). */
export function getOpenVotazione(doc: Y.Doc): VotazioneRecord | undefined {
  return votazioni.list(doc).find((v) => v.status === 'open');
}

/**
 * Server side: records the revealed tally on the vote and on each card still on the board
 * (card `votes`: votazione id → dots), in one transaction.
 */
export function revealVotazione(
  doc: Y.Doc,
  id: string,
  tally: { results: Readonly<Record<string, number>>; voters: number; at: number },
): void {
  doc.transact(() => {
    const vote = votazioni.get(doc, id);
    if (!vote) throw new Error(`no votazione ${id}`);
    const results: Record<string, number> = {};
    for (const cardId of vote.cardIds) results[cardId] = tally.results[cardId] ?? 0;
    votazioni.update(doc, id, {
      status: 'revealed',
      closedAt: tally.at,
      results,
      voters: tally.voters,
    });
    for (const [cardId, dots] of Object.entries(results)) {
      const votes = cardsMap(doc).get(cardId)?.get(CardKey.votes);
      if (!(votes instanceof Y.Map)) continue;
      if (dots > 0) votes.set(id, dots);
      else votes.delete(id);
    }
  });
}

/** The id of the votazione that snodo/4 makes of dots placed before votes went server-side. */
export const LEGACY_VOTAZIONE_ID = 'legacy';

/**
 * snodo/4 — dots move out of the document. Version 3 kept every voter's dots on each card
 * (voter id → dots), visible to everyone as they were placed. From version 4 a card's `votes`
 * map holds only revealed tallies (votazione id → dots) and ballots stay on the server. Dots
 * already on a board become one revealed votazione, `legacy`, with the per-card totals; the
 * voter ids are dropped. Deterministic: fixed id and times.
 */
export const votesByVotazioneMigration: Migration = {
  id: 'snodo/4',
  description: 'card votes: voter id → dots becomes votazione id → revealed dots',
  breaksOldClients: true,
  up(doc) {
    const results: Record<string, number> = {};
    const voters = new Set<string>();
    const perVoter = new Map<string, number>();
    for (const [cardId, card] of cardsMap(doc).entries()) {
      const votes = card instanceof Y.Map ? card.get(CardKey.votes) : undefined;
      if (!(votes instanceof Y.Map) || votes.size === 0) continue;
      let total = 0;
      for (const [voter, dots] of votes.entries()) {
        if (typeof dots !== 'number' || !Number.isInteger(dots) || dots <= 0) continue;
        total += dots;
        voters.add(voter);
        perVoter.set(voter, (perVoter.get(voter) ?? 0) + dots);
      }
      for (const voter of [...votes.keys()]) votes.delete(voter);
      if (total > 0 && recordIdSchema.safeParse(cardId).success) {
        results[cardId] = Math.min(total, MAX_DOTS_PER_CARD);
        votes.set(LEGACY_VOTAZIONE_ID, results[cardId]);
      }
    }
    const cardIds = Object.keys(results).sort().slice(0, MAX_VOTE_CARDS);
    if (cardIds.length === 0 || votazioni.get(doc, LEGACY_VOTAZIONE_ID)) return;
    const budget = Math.min(MAX_VOTE_BUDGET, Math.max(1, ...perVoter.values()));
    votazioni.add(doc, {
      id: LEGACY_VOTAZIONE_ID,
      createdAt: 0,
      titolo: 'Votazione',
      cardIds,
      budget,
      maxPerCard: budget,
      status: 'revealed',
      openedAt: 0,
      closedAt: 0,
      results: Object.fromEntries(cardIds.map((id) => [id, results[id] ?? 0])),
      voters: voters.size,
    });
  },
};
