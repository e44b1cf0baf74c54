import type { BallotReply, CardKind, CardSummary, VotazioneRecord } from '@trama/shared';
import { describe, expect, test } from 'vitest';
import { ApiError } from '../src/auth/api';
import {
  addProblem,
  type CardsByKind,
  defaultDraft,
  dotCircles,
  draftProblems,
  failureOf,
  laneState,
  nextDots,
  openBody,
  resultRows,
  revealedVotes,
  totalDots,
  voteCards,
  voteTransition,
  withCard,
  withLane,
} from '../src/votes/voteModel';

function card(id: string, kind: CardKind, title = id): CardSummary {
  return { id, kind, title, createdAt: 0 };
}

const cards: CardsByKind = {
  esigenza: [card('e1', 'esigenza')],
  obiettivo: [card('o1', 'obiettivo', 'Meno solitudine'), card('o2', 'obiettivo', '  ')],
  lineaStrategica: [card('l1', 'lineaStrategica')],
};

function ballot(dots: Record<string, number>, budget = 3, maxPerCard = 3): BallotReply {
  const used = Object.values(dots).reduce((a, b) => a + b, 0);
  return { votazioneId: 'v1', dots, used, budget, maxPerCard };
}

function vote(partial: Partial<VotazioneRecord> = {}): VotazioneRecord {
  return {
    id: 'v1',
    createdAt: 1,
    titolo: 'Priorità degli obiettivi',
    cardIds: ['o1', 'o2', 'gone'],
    budget: 3,
    maxPerCard: 3,
    status: 'open',
    openedAt: 1,
    ...partial,
  };
}

describe('the ballot', () => {
  test('one more dot is refused when the budget is spent, or the card is full', () => {
    expect(addProblem(ballot({ o1: 1 }), 'o2')).toBeNull();
    expect(addProblem(ballot({ o1: 2, o2: 1 }), 'o1')).toBe('budget');
    expect(addProblem(ballot({ o1: 1 }, 3, 1), 'o1')).toBe('perCard');
    expect(addProblem(ballot({ o1: 1 }, 3, 1), 'o2')).toBeNull();
  });

  test('+ and − ask for absolute dots, never below zero', () => {
    expect(nextDots(ballot({ o1: 1 }), 'o1', 1)).toBe(2);
    expect(nextDots(ballot({ o1: 1 }), 'o1', -1)).toBe(0);
    expect(nextDots(ballot({}), 'o1', -1)).toBe(0);
  });

  test('filled circles first, as many circles as one card may take', () => {
    expect(dotCircles(2, 3)).toEqual([true, true, false]);
    expect(dotCircles(0, 1)).toEqual([false]);
  });

  test("the vote's cards keep its order; deleted cards are marked, titles trimmed", () => {
    expect(voteCards(['o2', 'o1', 'gone'], cards)).toEqual([
      { id: 'o2', kind: 'obiettivo', title: '' },
      { id: 'o1', kind: 'obiettivo', title: 'Meno solitudine' },
      { id: 'gone', kind: null, title: '' },
    ]);
  });
});

describe('refusals, in words the person can act on', () => {
  const full = ballot({ o1: 3 });
  test("the server's reason first, else what the last ballot implies", () => {
    expect(failureOf(new ApiError(409, 'budget exceeded: 4 dots asked'), full, 'o2')).toEqual({
      kind: 'budget',
      budget: 3,
      max: 3,
    });
    expect(failureOf(new ApiError(409, 'at most 1 dots per card'), full, 'o2').kind).toBe(
      'perCard',
    );
    expect(failureOf(new ApiError(409, 'this vote is closed'), full, 'o2').kind).toBe('closed');
    expect(failureOf(new ApiError(409, 'conflict'), full, 'o2').kind).toBe('budget');
    expect(failureOf(new ApiError(409, 'conflict'), ballot({}), 'o2').kind).toBe('closed');
  });

  test('the refusal code decides over the words', () => {
    const full = ballot({ o1: 3 });
    expect(failureOf(new ApiError(409, 'nope', 'overBudget'), full, 'o2')).toEqual({
      kind: 'budget',
      budget: 3,
      max: 3,
    });
    expect(failureOf(new ApiError(409, 'budget', 'overCard'), full, 'o2').kind).toBe('perCard');
    expect(failureOf(new ApiError(409, 'budget', 'closed'), full, 'o2').kind).toBe('closed');
    expect(failureOf(new ApiError(404, 'x', 'unknownVote'), full, 'o2').kind).toBe('closed');
    expect(failureOf(new ApiError(403, 'read only', 'joinFirst'), null, '').kind).toBe('joinFirst');
    // An unknown code falls back to the status and the words.
    expect(failureOf(new ApiError(403, 'read only', 'somethingNew'), null, '').kind).toBe(
      'notAllowed',
    );
  });

  test('not joined yet, not allowed, gone, offline', () => {
    expect(failureOf(new ApiError(403, 'join the board with your name first'), null, '').kind).toBe(
      'joinFirst',
    );
    expect(failureOf(new ApiError(403, 'read only'), null, '').kind).toBe('notAllowed');
    expect(failureOf(new ApiError(404, 'no vote v1'), null, '').kind).toBe('closed');
    expect(failureOf(new ApiError(0, 'offline'), null, '').kind).toBe('failed');
    expect(failureOf(new Error('boom'), null, '').kind).toBe('failed');
  });
});

describe('what changed, to announce it', () => {
  test('opened, revealed, cancelled, or nothing', () => {
    const open = vote({ id: 'v1' });
    expect(voteTransition(null, [open])).toEqual({ kind: 'opened', vote: open });
    expect(voteTransition(null, [])).toEqual({ kind: 'none' });
    expect(voteTransition('v1', [open])).toEqual({ kind: 'none' });
    const revealed = vote({ id: 'v1', status: 'revealed' });
    expect(voteTransition('v1', [revealed])).toEqual({ kind: 'revealed', vote: revealed });
    const cancelled = vote({ id: 'v1', status: 'cancelled' });
    expect(voteTransition('v1', [cancelled]).kind).toBe('cancelled');
    // A snapshot restored without it, and a new vote already open.
    expect(voteTransition('v1', [])).toEqual({ kind: 'none' });
    const next = vote({ id: 'v2' });
    expect(voteTransition('v1', [next])).toEqual({ kind: 'opened', vote: next });
  });
});

describe('results', () => {
  test('most dots first, ties in the vote order sharing a rank, bars relative to the top', () => {
    const revealed = vote({ status: 'revealed', results: { o1: 2, o2: 4, gone: 2 }, voters: 3 });
    const rows = resultRows(revealed, cards);
    expect(rows.map((row) => [row.id, row.dots, row.rank, row.share])).toEqual([
      ['o2', 4, 1, 1],
      ['o1', 2, 2, 0.5],
      ['gone', 2, 2, 0.5],
    ]);
    expect(totalDots(revealed)).toBe(8);
  });

  test('no dots at all: empty bars', () => {
    const rows = resultRows(vote({ status: 'revealed', results: {}, voters: 0 }), cards);
    expect(rows.every((row) => row.share === 0 && row.dots === 0 && row.rank === 1)).toBe(true);
  });

  test('only revealed votes, the latest first', () => {
    const list = [
      vote({ id: 'a', status: 'revealed', closedAt: 10 }),
      vote({ id: 'b', status: 'cancelled', closedAt: 30 }),
      vote({ id: 'c', status: 'revealed', closedAt: 20 }),
      vote({ id: 'd' }),
    ];
    expect(revealedVotes(list).map((v) => v.id)).toEqual(['c', 'a']);
  });
});

describe('opening a vote', () => {
  test('by default: every obiettivo, 3 dots, all may go on one card', () => {
    const draft = defaultDraft('Priorità degli obiettivi', cards);
    expect(draft).toEqual({
      titolo: 'Priorità degli obiettivi',
      cardIds: ['o1', 'o2'],
      budget: 3,
      maxPerCard: null,
    });
    expect(openBody(draft, cards)).toEqual({
      titolo: 'Priorità degli obiettivi',
      cardIds: ['o1', 'o2'],
      budget: 3,
      maxPerCard: 3,
    });
  });

  test('a whole lane or single cards; the body lists them in board order', () => {
    let selected = withLane([], cards, 'lineaStrategica', true);
    selected = withCard(selected, 'e1', true);
    selected = withCard(selected, 'o2', true);
    expect(laneState(selected, cards, 'obiettivo')).toBe('some');
    expect(laneState(selected, cards, 'lineaStrategica')).toBe('all');
    expect(laneState(selected, cards, 'esigenza')).toBe('all');
    selected = withLane(selected, cards, 'lineaStrategica', false);
    expect(laneState(selected, cards, 'lineaStrategica')).toBe('none');
    const body = openBody({ titolo: ' Voto ', cardIds: selected, budget: 5, maxPerCard: 2 }, cards);
    expect(body).toEqual({ titolo: 'Voto', cardIds: ['e1', 'o2'], budget: 5, maxPerCard: 2 });
  });

  test('problems: no title, no cards, budgets out of range; no body then', () => {
    const bad = { titolo: ' ', cardIds: [], budget: 0, maxPerCard: 21 };
    expect(draftProblems(bad)).toEqual(['titolo', 'noCards', 'budget', 'maxPerCard']);
    expect(openBody(bad, cards)).toBeNull();
    expect(draftProblems({ titolo: 'x', cardIds: ['o1'], budget: 2.5, maxPerCard: null })).toEqual([
      'budget',
    ]);
  });

  test('the most on one card never exceeds the budget; cards no longer on the board drop out', () => {
    expect(
      openBody({ titolo: 'x', cardIds: ['o1', 'gone'], budget: 2, maxPerCard: 5 }, cards),
    ).toEqual({ titolo: 'x', cardIds: ['o1'], budget: 2, maxPerCard: 2 });
    expect(openBody({ titolo: 'x', cardIds: ['gone'], budget: 2, maxPerCard: null }, cards)).toBe(
      null,
    );
  });
});
