import type {
  BallotReply,
  CardKind,
  CardSummary,
  OpenVotazioneBody,
  VotazioneRecord,
} from '@trama/shared';
import { CARD_KINDS, MAX_VOTE_BUDGET, MAX_VOTE_CARDS } from '@trama/shared';
import type { TFunction } from 'i18next';
import { ApiError } from '../auth/api';

/**
 * The pure view model of dot votes (votazioni a punti): what the panels show and allow. The
 * server decides everything; these rules only keep the controls honest and the words right.
 */

export type CardsByKind = Readonly<Record<CardKind, readonly CardSummary[]>>;

export const DEFAULT_BUDGET = 3;

/** A card of a vote as the panels list it: its title, or none if it was deleted since. */
export interface VoteCard {
  readonly id: string;
  readonly kind: CardKind | null;
  readonly title: string;
}

/** A vote card's name in a list: its title, or says it was deleted or has none. */
export function voteCardTitle(card: Pick<VoteCard, 'kind' | 'title'>, t: TFunction): string {
  return card.kind === null ? t('votes.deletedCard') : card.title || t('votes.untitledCard');
}

/** The vote's cards in the vote's order, with their current titles. */
export function voteCards(cardIds: readonly string[], cards: CardsByKind): VoteCard[] {
  const byId = new Map<string, CardSummary>();
  for (const kind of CARD_KINDS) for (const card of cards[kind]) byId.set(card.id, card);
  return cardIds.map((id) => {
    const card = byId.get(id);
    return { id, kind: card?.kind ?? null, title: card?.title.trim() ?? '' };
  });
}

// ---- the ballot ------------------------------------------------------------------------

export interface BallotView {
  readonly used: number;
  readonly budget: number;
  readonly maxPerCard: number;
  readonly left: number;
}

export function ballotView(ballot: BallotReply): BallotView {
  return {
    used: ballot.used,
    budget: ballot.budget,
    maxPerCard: ballot.maxPerCard,
    left: Math.max(0, ballot.budget - ballot.used),
  };
}

export function myDots(ballot: BallotReply | null, cardId: string): number {
  return ballot?.dots[cardId] ?? 0;
}

/**
 * Why one more dot on a card would be refused, if it would: no dots left, or the card already
 * has as many of mine as one card may take. `null`: the server should accept it.
 */
export type AddProblem = 'budget' | 'perCard';

export function addProblem(ballot: BallotReply, cardId: string): AddProblem | null {
  if (ballot.used >= ballot.budget) return 'budget';
  if (myDots(ballot, cardId) >= ballot.maxPerCard) return 'perCard';
  return null;
}

/** The dots to ask for on a card after pressing + (delta 1) or − (delta −1). */
export function nextDots(ballot: BallotReply, cardId: string, delta: 1 | -1): number {
  return Math.max(0, myDots(ballot, cardId) + delta);
}

/** Filled and empty dots for one card: as many circles as one card may take. */
export function dotCircles(dots: number, maxPerCard: number): boolean[] {
  const shown = Math.max(maxPerCard, dots);
  return Array.from({ length: shown }, (_, i) => i < dots);
}

export type BallotFailure =
  | { kind: AddProblem; budget: number; max: number }
  | { kind: 'closed' | 'joinFirst' | 'notAllowed' | 'failed' };

/** The server's refusal codes (server/PLENARY.md) and what each means to the person. */
const FAILURE_BY_CODE: Readonly<Record<string, 'budget' | 'perCard' | 'closed' | 'joinFirst'>> = {
  overBudget: 'budget',
  overCard: 'perCard',
  closed: 'closed',
  unknownVote: 'closed',
  joinFirst: 'joinFirst',
};

/**
 * What a refused or failed ballot change means to the person: the refusal's `code` says over
 * budget, over the per-card limit, closed or "say who you are first". A reply without a code
 * (an older server, a proxy) is read from its status and words, else from what the last
 * ballot implies.
 */
export function failureOf(
  error: unknown,
  before: BallotReply | null,
  cardId: string,
): BallotFailure {
  if (!(error instanceof ApiError)) return { kind: 'failed' };
  const budget = before?.budget ?? 0;
  const max = before?.maxPerCard ?? 0;
  const coded = error.code === undefined ? undefined : FAILURE_BY_CODE[error.code];
  if (coded === 'budget' || coded === 'perCard') return { kind: coded, budget, max };
  if (coded !== undefined) return { kind: coded };
  if (error.status === 409) {
    if (/budget/i.test(error.message)) return { kind: 'budget', budget, max };
    if (/per card/i.test(error.message)) return { kind: 'perCard', budget, max };
    if (/closed/i.test(error.message)) return { kind: 'closed' };
    const problem = before === null ? null : addProblem(before, cardId);
    return problem === null ? { kind: 'closed' } : { kind: problem, budget, max };
  }
  if (error.status === 404) return { kind: 'closed' };
  if (error.status === 403) {
    return /join/i.test(error.message) ? { kind: 'joinFirst' } : { kind: 'notAllowed' };
  }
  return { kind: 'failed' };
}

/**
 * What just happened to the board's open vote, from the id of the vote open before and the
 * list now: a vote opened, the open one was revealed or cancelled, or nothing to say.
 */
export type VoteTransition =
  | { kind: 'opened' | 'revealed' | 'cancelled'; vote: VotazioneRecord }
  | { kind: 'none' };

export function voteTransition(
  previousOpenId: string | null,
  list: readonly VotazioneRecord[],
): VoteTransition {
  const open = list.find((vote) => vote.status === 'open');
  if (previousOpenId === null) return open ? { kind: 'opened', vote: open } : { kind: 'none' };
  if (open?.id === previousOpenId) return { kind: 'none' };
  const before = list.find((vote) => vote.id === previousOpenId);
  if (before?.status === 'revealed') return { kind: 'revealed', vote: before };
  if (before?.status === 'cancelled') return { kind: 'cancelled', vote: before };
  return open ? { kind: 'opened', vote: open } : { kind: 'none' };
}

// ---- results ----------------------------------------------------------------------------

export interface ResultRow extends VoteCard {
  readonly dots: number;
  /** 0…1 of the most voted card, for the bar. */
  readonly share: number;
  /** 1-based; cards with the same dots share a rank. */
  readonly rank: number;
}

/** The revealed tally, most dots first (ties in the vote's order). */
export function resultRows(vote: VotazioneRecord, cards: CardsByKind): ResultRow[] {
  const results = vote.results ?? {};
  const rows = voteCards(vote.cardIds, cards).map((card, index) => ({
    card,
    index,
    dots: results[card.id] ?? 0,
  }));
  rows.sort((a, b) => b.dots - a.dots || a.index - b.index);
  const top = rows[0]?.dots ?? 0;
  let rank = 0;
  let previous = Number.NaN;
  return rows.map(({ card, dots }, i) => {
    if (dots !== previous) rank = i + 1;
    previous = dots;
    return { ...card, dots, share: top > 0 ? dots / top : 0, rank };
  });
}

export function totalDots(vote: VotazioneRecord): number {
  return Object.values(vote.results ?? {}).reduce((sum, dots) => sum + dots, 0);
}

/** Revealed votes, the most recent first. */
export function revealedVotes(list: readonly VotazioneRecord[]): VotazioneRecord[] {
  return list
    .filter((vote) => vote.status === 'revealed')
    .sort((a, b) => (b.closedAt ?? 0) - (a.closedAt ?? 0) || b.createdAt - a.createdAt);
}

// ---- opening a vote ---------------------------------------------------------------------

export interface OpenVoteDraft {
  readonly titolo: string;
  readonly cardIds: readonly string[];
  readonly budget: number;
  /** `null`: same as the budget. */
  readonly maxPerCard: number | null;
}

export function defaultDraft(titolo: string, cards: CardsByKind): OpenVoteDraft {
  return {
    titolo,
    cardIds: cards.obiettivo.map((card) => card.id),
    budget: DEFAULT_BUDGET,
    maxPerCard: null,
  };
}

/** Tick or untick every card of a lane, keeping the rest of the selection. */
export function withLane(
  selected: readonly string[],
  cards: CardsByKind,
  kind: CardKind,
  on: boolean,
): string[] {
  const lane = new Set(cards[kind].map((card) => card.id));
  const rest = selected.filter((id) => !lane.has(id));
  return on ? [...rest, ...cards[kind].map((card) => card.id)] : rest;
}

export function withCard(selected: readonly string[], cardId: string, on: boolean): string[] {
  const rest = selected.filter((id) => id !== cardId);
  return on ? [...rest, cardId] : rest;
}

/** 'all' | 'some' | 'none' of a lane's cards are ticked (for the lane's tri-state box). */
export function laneState(
  selected: readonly string[],
  cards: CardsByKind,
  kind: CardKind,
): 'all' | 'some' | 'none' {
  const ticked = cards[kind].filter((card) => selected.includes(card.id)).length;
  if (ticked === 0) return 'none';
  return ticked === cards[kind].length ? 'all' : 'some';
}

export type DraftProblem = 'titolo' | 'noCards' | 'tooManyCards' | 'budget' | 'maxPerCard';

export function draftProblems(draft: OpenVoteDraft): DraftProblem[] {
  const problems: DraftProblem[] = [];
  const titolo = draft.titolo.trim();
  if (titolo === '' || titolo.length > 200) problems.push('titolo');
  if (draft.cardIds.length === 0) problems.push('noCards');
  if (draft.cardIds.length > MAX_VOTE_CARDS) problems.push('tooManyCards');
  if (!isCount(draft.budget)) problems.push('budget');
  if (draft.maxPerCard !== null && !isCount(draft.maxPerCard)) problems.push('maxPerCard');
  return problems;
}

function isCount(value: number): boolean {
  return Number.isInteger(value) && value >= 1 && value <= MAX_VOTE_BUDGET;
}

/**
 * The body of `POST …/votazioni`, cards in board order (esigenze, obiettivi, linee) so the
 * ballot lists them as the board does; `null` while the draft has problems.
 */
export function openBody(draft: OpenVoteDraft, cards: CardsByKind): OpenVotazioneBody | null {
  if (draftProblems(draft).length > 0) return null;
  const wanted = new Set(draft.cardIds);
  const ordered = CARD_KINDS.flatMap((kind) => cards[kind])
    .map((card) => card.id)
    .filter((id) => wanted.has(id));
  if (ordered.length === 0) return null;
  return {
    titolo: draft.titolo.trim(),
    cardIds: [...new Set(ordered)],
    budget: draft.budget,
    maxPerCard: Math.min(draft.maxPerCard ?? draft.budget, draft.budget),
  };
}
