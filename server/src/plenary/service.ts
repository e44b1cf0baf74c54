import {
  applyTimerAction,
  type BallotReply,
  type ConfrontoCard,
  type ConfrontoReply,
  type ConfrontoSnodo,
  type FocusState,
  getCardSummary,
  getOpenVotazione,
  getSnodoContext,
  getTimer,
  type JoinDisplay,
  type OpenVotazioneBody,
  type PlenaryFocus,
  randomId,
  revealVotazione,
  type SnodoBoardJSON,
  setFocus,
  setJoinDisplay,
  setTimer,
  snodi,
  snodoToJSON,
  type TimerAction,
  TimerActionError,
  type TimerState,
  type VerbaleActor,
  type VotazioneJSON,
  votazioni,
} from '@trama/shared';
import type * as Y from 'yjs';
import {
  type AccessGuard,
  formatCode,
  type GrantedAccess,
  inviteLinkPath,
  voterIdOf,
} from '../access/guard.js';
import type { SyncServer } from '../sync/syncServer.js';
import type { VerbaleLog } from '../verbale/log.js';
import { BallotError, type BallotProblem, type BallotStore } from './ballots.js';

/**
 * A refusal of a plenary action, with a message for people and, where a client acts on it,
 * a machine-readable `code` (Fastify puts it in the error body).
 */
export class PlenaryError extends Error {
  override name = 'PlenaryError';
  constructor(
    readonly statusCode: 400 | 403 | 404 | 409,
    message: string,
    readonly code?: BallotProblem | 'joinFirst',
  ) {
    super(message);
  }
}

export interface PlenaryServiceOptions {
  sync: SyncServer;
  guard: AccessGuard;
  ballots: BallotStore;
  verbale: VerbaleLog;
  /** The server's clock, the reference every client's timer follows. */
  now?: () => number;
}

/**
 * Plenary facilitation on the server: focus, timer and the projector's join display on the
 * percorso board, dot votes on snodo boards, the comparison of the snodi. Access checks stay
 * in the routes; this knows no HTTP. Every document change goes through the sync server, so
 * it is committed before anyone sees it, like a client's edit.
 */
export class PlenaryService {
  readonly #sync: SyncServer;
  readonly #guard: AccessGuard;
  readonly #ballots: BallotStore;
  readonly #verbale: VerbaleLog;
  readonly now: () => number;

  constructor(options: PlenaryServiceOptions) {
    this.#sync = options.sync;
    this.#guard = options.guard;
    this.#ballots = options.ballots;
    this.#verbale = options.verbale;
    this.now = options.now ?? Date.now;
  }

  #percorsoBoardId(percorsoId: string): string {
    const percorso = this.#guard.registry.getPercorso(percorsoId);
    if (!percorso) throw new PlenaryError(404, `no percorso ${percorsoId}`);
    return percorso.boardId;
  }

  // ——— Focus, timer, join display ———

  async setFocus(
    percorsoId: string,
    focus: PlenaryFocus,
    actor: VerbaleActor,
  ): Promise<FocusState> {
    if (focus.kind === 'snodo' || focus.kind === 'card')
      this.#requireSnodo(percorsoId, focus.boardId);
    if (focus.kind === 'confronto' && focus.spotlight !== null) {
      this.#requireSnodo(percorsoId, focus.spotlight);
    }
    const boardId = this.#percorsoBoardId(percorsoId);
    const at = this.now();
    const state = await this.#sync.changeBoard(boardId, (doc) => setFocus(doc, focus, at));
    if (focus.kind === 'step') {
      this.#verbale.record(boardId, { type: 'focusChanged', step: focus.step }, { actor, at });
    }
    return state;
  }

  async timer(percorsoId: string, action: TimerAction): Promise<TimerState> {
    const boardId = this.#percorsoBoardId(percorsoId);
    return this.#sync.changeBoard(boardId, (doc) => {
      let next: TimerState;
      try {
        // Read and write in one transaction: two facilitators pressing at once each act on
        // what the other left.
        next = applyTimerAction(getTimer(doc), action, this.now());
      } catch (error) {
        if (error instanceof TimerActionError) throw new PlenaryError(409, error.message);
        throw error;
      }
      setTimer(doc, next);
      return next;
    });
  }

  async setJoinDisplay(percorsoId: string, inviteId: string | null): Promise<JoinDisplay> {
    let display: JoinDisplay = null;
    if (inviteId !== null) {
      const invite = this.#guard.registry.getInvite(inviteId);
      if (!invite || invite.percorsoId !== percorsoId) {
        throw new PlenaryError(404, `no invite ${inviteId} in this percorso`);
      }
      if (invite.revokedAt !== null || invite.expiresAt <= this.now()) {
        throw new PlenaryError(409, 'this invite is revoked or expired');
      }
      display = {
        code: formatCode(invite.code),
        link: inviteLinkPath(invite, this.#guard.tokenFor(invite)),
        label: invite.label,
      };
    }
    await this.#sync.changeBoard(this.#percorsoBoardId(percorsoId), (doc) =>
      setJoinDisplay(doc, display),
    );
    return display;
  }

  #requireSnodo(percorsoId: string, boardId: string): void {
    const board = this.#guard.registry.getBoard(boardId);
    if (!board || board.percorsoId !== percorsoId || board.kind !== 'snodo') {
      throw new PlenaryError(404, `no snodo board ${boardId} in this percorso`);
    }
  }

  // ——— Dot votes ———

  async openVote(
    boardId: string,
    body: OpenVotazioneBody,
    actor: VerbaleActor,
  ): Promise<VotazioneJSON> {
    const id = randomId();
    const openedAt = this.now();
    const record = await this.#sync.changeBoard(boardId, (doc) => {
      // Everything is checked before anything is written: a transaction is not rolled back.
      const open = getOpenVotazione(doc);
      if (open) throw new PlenaryError(409, `the vote "${open.titolo}" is still open`);
      for (const cardId of body.cardIds) {
        if (!getCardSummary(doc, cardId)) throw new PlenaryError(400, `no card ${cardId}`);
      }
      const rules = {
        cardIds: body.cardIds,
        budget: body.budget,
        maxPerCard: Math.min(body.maxPerCard ?? body.budget, body.budget),
      };
      this.#ballots.open(boardId, id, rules);
      votazioni.add(doc, {
        id,
        createdAt: openedAt,
        titolo: body.titolo,
        ...rules,
        status: 'open',
        openedAt,
      });
      return votazioni.get(doc, id);
    });
    if (!record) throw new Error('the vote was not recorded');
    this.#verbale.record(
      boardId,
      { type: 'voteOpened', votesPerPerson: record.budget },
      { actor, at: openedAt },
    );
    return { ...record };
  }

  #voter(access: GrantedAccess): string {
    const voter = voterIdOf(access);
    if (voter === null) {
      throw new PlenaryError(
        403,
        'join the board with your name first: votes are per person',
        'joinFirst',
      );
    }
    return voter;
  }

  #ballotReply(boardId: string, votazioneId: string, voter: string): BallotReply {
    const rules = this.#ballots.rules(boardId, votazioneId);
    if (!rules) throw new PlenaryError(404, `no vote ${votazioneId}`);
    const ballot = this.#ballots.ballot(boardId, votazioneId, voter);
    return { votazioneId, ...ballot, budget: rules.budget, maxPerCard: rules.maxPerCard };
  }

  myBallot(access: GrantedAccess, boardId: string, votazioneId: string): BallotReply {
    return this.#ballotReply(boardId, votazioneId, this.#voter(access));
  }

  placeDots(
    access: GrantedAccess,
    boardId: string,
    votazioneId: string,
    cardId: string,
    dots: number,
  ): BallotReply {
    const voter = this.#voter(access);
    try {
      this.#ballots.place(boardId, votazioneId, voter, cardId, dots);
    } catch (error) {
      if (!(error instanceof BallotError)) throw error;
      const status =
        error.problem === 'unknownVote' ? 404 : error.problem === 'unknownCard' ? 400 : 409;
      throw new PlenaryError(status, error.message, error.problem);
    }
    return this.#ballotReply(boardId, votazioneId, voter);
  }

  progress(boardId: string, votazioneId: string): { votazioneId: string; voters: number } {
    if (!this.#ballots.rules(boardId, votazioneId)) {
      throw new PlenaryError(404, `no vote ${votazioneId}`);
    }
    return { votazioneId, voters: this.#ballots.voters(boardId, votazioneId) };
  }

  async reveal(boardId: string, votazioneId: string, actor: VerbaleActor): Promise<VotazioneJSON> {
    if (!this.#ballots.rules(boardId, votazioneId)) {
      throw new PlenaryError(404, `no vote ${votazioneId}`);
    }
    // Stop placements first, so the count cannot move under us; the ballots stay until the
    // tally is committed on the board, so a failed commit loses nothing and can be retried.
    this.#ballots.closeVote(boardId, votazioneId);
    const tally = this.#ballots.tally(boardId, votazioneId);
    if (!tally) throw new PlenaryError(404, `no vote ${votazioneId}`);
    const at = this.now();
    const { record, titles } = await this.#sync.changeBoard(boardId, (doc) => {
      // A concurrent reveal or cancel got here first.
      if (votazioni.get(doc, votazioneId)?.status !== 'open') {
        throw new PlenaryError(409, 'this vote is already closed');
      }
      revealVotazione(doc, votazioneId, { ...tally, at });
      return { record: votazioni.get(doc, votazioneId), titles: cardTitles(doc) };
    });
    this.#ballots.purge(boardId, votazioneId);
    if (!record) throw new Error('the vote was not recorded');
    const results = Object.entries(tally.results)
      .filter(([, votes]) => votes > 0)
      .map(([cardId, votes]) => ({ cardId, title: titles.get(cardId) ?? '', votes }))
      .sort((a, b) => b.votes - a.votes);
    this.#verbale.record(boardId, { type: 'voteResults', results }, { actor, at });
    return { ...record };
  }

  async cancel(boardId: string, votazioneId: string): Promise<void> {
    if (!this.#ballots.rules(boardId, votazioneId)) {
      throw new PlenaryError(404, `no vote ${votazioneId}`);
    }
    this.#ballots.closeVote(boardId, votazioneId);
    const at = this.now();
    await this.#sync.changeBoard(boardId, (doc) => {
      if (votazioni.get(doc, votazioneId)?.status !== 'open') {
        throw new PlenaryError(409, 'this vote is already closed');
      }
      votazioni.update(doc, votazioneId, { status: 'cancelled', closedAt: at });
    });
    this.#ballots.purge(boardId, votazioneId);
  }

  // ——— Comparison ———

  async confronto(access: GrantedAccess, percorsoId: string): Promise<ConfrontoReply> {
    const percorso = this.#guard.registry.getPercorso(percorsoId);
    if (!percorso) throw new PlenaryError(404, `no percorso ${percorsoId}`);
    const percorsoDoc = await this.#sync.readBoard(percorso.boardId);
    const reply: ConfrontoReply = {
      percorsoId,
      title: percorso.title,
      mandate: [],
      snodi: [],
    };
    try {
      for (const snodo of snodi.list(percorsoDoc)) {
        if (!snodo.boardId) continue;
        const board = this.#guard.registry.getBoard(snodo.boardId);
        if (!board || board.percorsoId !== percorsoId) continue;
        if (this.#guard.permission(access, board) === 'none') continue;
        const doc = await this.#sync.readBoard(snodo.boardId);
        try {
          const context = getSnodoContext(doc);
          if (reply.mandate.length === 0 && context) reply.mandate = context.mandate.requirements;
          reply.snodi.push(
            confrontoSnodo(snodoToJSON(doc), {
              boardId: snodo.boardId,
              snodoId: snodo.id,
              tipo: snodo.tipo,
              titolo: snodo.titolo,
              oggetto: context?.oggetto ?? '',
            }),
          );
        } finally {
          doc.destroy();
        }
      }
    } finally {
      percorsoDoc.destroy();
    }
    return reply;
  }
}

function cardTitles(doc: Y.Doc): Map<string, string> {
  const json = snodoToJSON(doc);
  return new Map(json.cards.map((card) => [card.id, card.title]));
}

/** One snodo's column: cards by lane, most voted first, links as titles. */
function confrontoSnodo(
  board: SnodoBoardJSON,
  head: Pick<ConfrontoSnodo, 'boardId' | 'snodoId' | 'tipo' | 'titolo' | 'oggetto'>,
): ConfrontoSnodo {
  const titles = new Map(board.cards.map((c) => [c.id, c.title]));
  const column: ConfrontoSnodo = {
    ...head,
    esigenze: [],
    obiettivi: [],
    lineeStrategiche: [],
    contributi: [],
  };
  const byEnte = new Map<string, number>();
  for (const card of board.cards) {
    const votes = Object.values(card.votes).reduce((a, b) => a + b, 0);
    const linked =
      card.kind === 'obiettivo'
        ? card.esigenze
        : card.kind === 'lineaStrategica'
          ? card.obiettivi
          : [];
    const entry: ConfrontoCard = {
      id: card.id,
      title: card.title,
      votes,
      links: linked.map((id) => titles.get(id) ?? '').filter((t) => t !== ''),
    };
    if (card.kind === 'esigenza') column.esigenze.push(entry);
    else if (card.kind === 'obiettivo') column.obiettivi.push(entry);
    else {
      column.lineeStrategiche.push(entry);
      for (const c of card.contributi) {
        const ente = c.ente.trim();
        if (ente) byEnte.set(ente, (byEnte.get(ente) ?? 0) + 1);
      }
    }
  }
  const byVotes = (a: ConfrontoCard, b: ConfrontoCard) => b.votes - a.votes;
  column.esigenze.sort(byVotes);
  column.obiettivi.sort(byVotes);
  column.lineeStrategiche.sort(byVotes);
  column.contributi = [...byEnte]
    .map(([ente, count]) => ({ ente, count }))
    .sort((a, b) => b.count - a.count || a.ente.localeCompare(b.ente, 'it'));
  return column;
}
