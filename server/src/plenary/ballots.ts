import type Database from 'better-sqlite3';
import { featureVersion, openSideDatabase } from '../sideDatabase.js';

/**
 * The ballots of dot votes: who put how many dots on which card. They never enter a board
 * document, so no participant's client can receive another's dots; only the anonymous tally
 * does, at reveal ([VT2]). The store is the authority on whether a vote is open and on each
 * person's budget: every placement is checked and written in one synchronous step, so
 * concurrent requests of one person (several tabs) can never overspend ([VT3]). Once the
 * tally is safely on the board, the ballots are purged: the tally is all that is kept ([VT4]).
 * Rules [VT2]–[VT5] are checked for every adapter by `test/ballots.test.ts`.
 */
export interface VoteRules {
  cardIds: readonly string[];
  budget: number;
  maxPerCard: number;
}

export interface Ballot {
  /** cardId → dots (cards with none left out). */
  dots: Record<string, number>;
  used: number;
}

export interface Tally {
  /** cardId → dots, every card of the vote (0 included). */
  results: Record<string, number>;
  /** People who placed at least one dot. */
  voters: number;
}

export type BallotProblem = 'unknownVote' | 'closed' | 'unknownCard' | 'overCard' | 'overBudget';

export class BallotError extends Error {
  override name = 'BallotError';
  constructor(
    readonly problem: BallotProblem,
    message: string,
  ) {
    super(message);
  }
}

export interface BallotStore {
  /** Opens a vote; throws if that vote id exists on the board. */
  open(boardId: string, votazioneId: string, rules: VoteRules): void;
  isOpen(boardId: string, votazioneId: string): boolean;
  rules(boardId: string, votazioneId: string): VoteRules | undefined;
  /** [VT3] Sets the voter's dots on one card (0 removes them) and returns the whole ballot. */
  place(
    boardId: string,
    votazioneId: string,
    voterId: string,
    cardId: string,
    dots: number,
  ): Ballot;
  ballot(boardId: string, votazioneId: string, voterId: string): Ballot;
  /** People who placed at least one dot so far. */
  voters(boardId: string, votazioneId: string): number;
  /** [VT4] Stops placements; true if the vote was open. Ballots stay until purged. */
  closeVote(boardId: string, votazioneId: string): boolean;
  /** The count so far; null for an unknown vote. */
  tally(boardId: string, votazioneId: string): Tally | null;
  /** [VT4] Deletes the vote's ballots (after its tally is on the board, or on cancel). */
  purge(boardId: string, votazioneId: string): void;
  close(): void;
}

export class BallotsClosedError extends Error {
  override name = 'BallotsClosedError';
  constructor() {
    super('the ballot store is closed');
  }
}

/** [VT3] The checks every adapter applies before writing a placement. */
export function checkPlacement(
  rules: VoteRules,
  current: Ballot,
  cardId: string,
  dots: number,
): void {
  if (!rules.cardIds.includes(cardId)) {
    throw new BallotError('unknownCard', `card ${cardId} is not part of this vote`);
  }
  if (!Number.isInteger(dots) || dots < 0 || dots > rules.maxPerCard) {
    throw new BallotError(
      'overCard',
      `at most ${rules.maxPerCard} dots per card (asked for ${dots})`,
    );
  }
  const used = current.used - (current.dots[cardId] ?? 0) + dots;
  if (used > rules.budget) {
    throw new BallotError(
      'overBudget',
      `budget exceeded: ${used} dots asked, ${rules.budget} allowed; remove a dot first`,
    );
  }
}

function emptyTally(rules: VoteRules): Record<string, number> {
  return Object.fromEntries(rules.cardIds.map((id) => [id, 0]));
}

interface MemoryVote {
  rules: VoteRules;
  open: boolean;
  ballots: Map<string, Map<string, number>>;
}

export class MemoryBallotStore implements BallotStore {
  readonly #votes = new Map<string, MemoryVote>();
  #closed = false;

  #vote(boardId: string, votazioneId: string): MemoryVote | undefined {
    if (this.#closed) throw new BallotsClosedError();
    return this.#votes.get(`${boardId}\u0000${votazioneId}`);
  }

  open(boardId: string, votazioneId: string, rules: VoteRules): void {
    if (this.#vote(boardId, votazioneId)) throw new Error(`vote ${votazioneId} exists`);
    this.#votes.set(`${boardId}\u0000${votazioneId}`, {
      rules: { ...rules, cardIds: [...rules.cardIds] },
      open: true,
      ballots: new Map(),
    });
  }

  isOpen(boardId: string, votazioneId: string): boolean {
    return this.#vote(boardId, votazioneId)?.open ?? false;
  }

  rules(boardId: string, votazioneId: string): VoteRules | undefined {
    return this.#vote(boardId, votazioneId)?.rules;
  }

  place(boardId: string, votazioneId: string, voterId: string, cardId: string, dots: number) {
    const vote = this.#vote(boardId, votazioneId);
    if (!vote) throw new BallotError('unknownVote', `no vote ${votazioneId}`);
    if (!vote.open) throw new BallotError('closed', 'this vote is closed');
    checkPlacement(vote.rules, this.ballot(boardId, votazioneId, voterId), cardId, dots);
    const mine = vote.ballots.get(voterId) ?? new Map<string, number>();
    if (dots === 0) mine.delete(cardId);
    else mine.set(cardId, dots);
    if (mine.size === 0) vote.ballots.delete(voterId);
    else vote.ballots.set(voterId, mine);
    return this.ballot(boardId, votazioneId, voterId);
  }

  ballot(boardId: string, votazioneId: string, voterId: string): Ballot {
    const mine = this.#vote(boardId, votazioneId)?.ballots.get(voterId);
    const dots = Object.fromEntries(mine ?? []);
    return { dots, used: Object.values(dots).reduce((a, b) => a + b, 0) };
  }

  voters(boardId: string, votazioneId: string): number {
    return this.#vote(boardId, votazioneId)?.ballots.size ?? 0;
  }

  closeVote(boardId: string, votazioneId: string): boolean {
    const vote = this.#vote(boardId, votazioneId);
    if (!vote?.open) return false;
    vote.open = false;
    return true;
  }

  tally(boardId: string, votazioneId: string): Tally | null {
    const vote = this.#vote(boardId, votazioneId);
    if (!vote) return null;
    const results = emptyTally(vote.rules);
    for (const mine of vote.ballots.values()) {
      for (const [cardId, dots] of mine) results[cardId] = (results[cardId] ?? 0) + dots;
    }
    return { results, voters: vote.ballots.size };
  }

  purge(boardId: string, votazioneId: string): void {
    this.#vote(boardId, votazioneId)?.ballots.clear();
  }

  close(): void {
    this.#closed = true;
  }
}

const SCHEMA_VERSION = 1;

/** Ballots in SQLite (the server's database file): small synchronous writes on the main thread. */
export class SqliteBallotStore implements BallotStore {
  readonly #db: Database.Database;
  readonly #statements = new Map<string, Database.Statement>();
  #closed = false;

  constructor(file: string) {
    this.#db = openSideDatabase(file);
    this.#migrate();
  }

  #prepare<P extends unknown[] = unknown[], R = unknown>(sql: string): Database.Statement<P, R> {
    if (this.#closed) throw new BallotsClosedError();
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement as unknown as Database.Statement<P, R>;
  }

  #migrate(): void {
    if (featureVersion(this.#db, 'ballots', SCHEMA_VERSION) === SCHEMA_VERSION) return;
    this.#db.exec(`
      CREATE TABLE IF NOT EXISTS vote_round (
        board_id TEXT NOT NULL,
        votazione_id TEXT NOT NULL,
        rules TEXT NOT NULL,
        open INTEGER NOT NULL,
        PRIMARY KEY (board_id, votazione_id)
      );
      CREATE TABLE IF NOT EXISTS ballot (
        board_id TEXT NOT NULL,
        votazione_id TEXT NOT NULL,
        voter_id TEXT NOT NULL,
        card_id TEXT NOT NULL,
        dots INTEGER NOT NULL CHECK (dots > 0),
        PRIMARY KEY (board_id, votazione_id, voter_id, card_id)
      );
      INSERT OR REPLACE INTO trama_schema (feature, version) VALUES ('ballots', ${SCHEMA_VERSION});
    `);
  }

  #round(boardId: string, votazioneId: string): { rules: VoteRules; open: boolean } | undefined {
    const row = this.#prepare<[string, string], { rules: string; open: number }>(
      'SELECT rules, open FROM vote_round WHERE board_id = ? AND votazione_id = ?',
    ).get(boardId, votazioneId);
    return row ? { rules: JSON.parse(row.rules) as VoteRules, open: row.open === 1 } : undefined;
  }

  open(boardId: string, votazioneId: string, rules: VoteRules): void {
    this.#prepare(
      'INSERT INTO vote_round (board_id, votazione_id, rules, open) VALUES (?, ?, ?, 1)',
    ).run(
      boardId,
      votazioneId,
      JSON.stringify({
        cardIds: [...rules.cardIds],
        budget: rules.budget,
        maxPerCard: rules.maxPerCard,
      }),
    );
  }

  isOpen(boardId: string, votazioneId: string): boolean {
    return this.#round(boardId, votazioneId)?.open ?? false;
  }

  rules(boardId: string, votazioneId: string): VoteRules | undefined {
    return this.#round(boardId, votazioneId)?.rules;
  }

  place(boardId: string, votazioneId: string, voterId: string, cardId: string, dots: number) {
    // better-sqlite3 runs the whole transaction synchronously: no other request interleaves.
    return this.#db.transaction(() => {
      const round = this.#round(boardId, votazioneId);
      if (!round) throw new BallotError('unknownVote', `no vote ${votazioneId}`);
      if (!round.open) throw new BallotError('closed', 'this vote is closed');
      checkPlacement(round.rules, this.ballot(boardId, votazioneId, voterId), cardId, dots);
      if (dots === 0) {
        this.#prepare(
          'DELETE FROM ballot WHERE board_id = ? AND votazione_id = ? AND voter_id = ? AND card_id = ?',
        ).run(boardId, votazioneId, voterId, cardId);
      } else {
        this.#prepare(
          `INSERT INTO ballot (board_id, votazione_id, voter_id, card_id, dots) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (board_id, votazione_id, voter_id, card_id) DO UPDATE SET dots = excluded.dots`,
        ).run(boardId, votazioneId, voterId, cardId, dots);
      }
      return this.ballot(boardId, votazioneId, voterId);
    })();
  }

  ballot(boardId: string, votazioneId: string, voterId: string): Ballot {
    const rows = this.#prepare<[string, string, string], { card_id: string; dots: number }>(
      'SELECT card_id, dots FROM ballot WHERE board_id = ? AND votazione_id = ? AND voter_id = ? ORDER BY card_id',
    ).all(boardId, votazioneId, voterId);
    const dots = Object.fromEntries(rows.map((r) => [r.card_id, r.dots]));
    return { dots, used: rows.reduce((sum, r) => sum + r.dots, 0) };
  }

  voters(boardId: string, votazioneId: string): number {
    const row = this.#prepare<[string, string], { n: number }>(
      'SELECT COUNT(DISTINCT voter_id) AS n FROM ballot WHERE board_id = ? AND votazione_id = ?',
    ).get(boardId, votazioneId);
    return row?.n ?? 0;
  }

  closeVote(boardId: string, votazioneId: string): boolean {
    const result = this.#prepare(
      'UPDATE vote_round SET open = 0 WHERE board_id = ? AND votazione_id = ? AND open = 1',
    ).run(boardId, votazioneId);
    return result.changes > 0;
  }

  tally(boardId: string, votazioneId: string): Tally | null {
    return this.#db.transaction(() => {
      const round = this.#round(boardId, votazioneId);
      if (!round) return null;
      const results = emptyTally(round.rules);
      const rows = this.#prepare<[string, string], { card_id: string; total: number }>(
        'SELECT card_id, SUM(dots) AS total FROM ballot WHERE board_id = ? AND votazione_id = ? GROUP BY card_id',
      ).all(boardId, votazioneId);
      for (const row of rows) results[row.card_id] = row.total;
      return { results, voters: this.voters(boardId, votazioneId) };
    })();
  }

  purge(boardId: string, votazioneId: string): void {
    this.#prepare('DELETE FROM ballot WHERE board_id = ? AND votazione_id = ?').run(
      boardId,
      votazioneId,
    );
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#db.close();
  }
}
