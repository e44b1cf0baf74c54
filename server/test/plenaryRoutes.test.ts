import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  addCard,
  type BallotReply,
  type ConfrontoReply,
  type CreateTavoloReply,
  type FocusState,
  getFocusState,
  getJoinDisplay,
  getTimer,
  type InviteView,
  type JoinReply,
  type TimerState,
  type VerbaleEntry,
  type VotazioneJSON,
  votazioni,
} from '@trama/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp, type TramaApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { MemoryBoardStore } from '../src/storage/memory.js';

/** The plenary routes end to end through buildApp and inject(), with real tokens. */

let tmp: string;
let trama: TramaApp | null = null;
let clock = 1_000_000;

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'trama-plenary-'));
  clock = 1_000_000;
});
afterEach(async () => {
  await trama?.app.close();
  trama = null;
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function build() {
  const config = loadConfig({
    DATA_DIR: path.join(tmp, 'data'),
    LOG_LEVEL: 'silent',
    CLIENT_DIR: '',
  });
  trama = await buildApp(config, { store: new MemoryBoardStore(), now: () => clock });
  return trama;
}

const auth = (token: string) => ({ authorization: `Bearer ${token}` });

interface Room {
  t: TramaApp;
  percorsoId: string;
  percorsoBoardId: string;
  boardId: string;
  facilitatore: string;
  /** The tavolo's shared partecipante link token (never joined). */
  shared: string;
  obiettivi: string[];
}

async function room(): Promise<Room> {
  const t = await build();
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/tavoli',
    payload: { title: 'Tavolo anziani' },
  });
  expect(created.statusCode).toBe(201);
  const { boardId, token, percorsoId, shareLink } = created.json<CreateTavoloReply>();
  const obiettivi = await t.sync.changeBoard(boardId, (doc) => [
    addCard(doc, 'obiettivo', { title: 'Meno solitudine' }),
    addCard(doc, 'obiettivo', { title: 'Più reti' }),
    addCard(doc, 'obiettivo', { title: 'Servizi vicini' }),
  ]);
  const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: auth(token) });
  return {
    t,
    percorsoId,
    percorsoBoardId: me.json<{ percorsoBoardId: string }>().percorsoBoardId,
    boardId,
    facilitatore: token,
    shared: shareLink.split('#t=')[1] ?? '',
    obiettivi,
  };
}

async function join(r: Room, token: string, name: string): Promise<string> {
  const reply = await r.t.app.inject({
    method: 'POST',
    url: '/api/join',
    headers: auth(token),
    payload: { name, ente: 'Associazione' },
  });
  expect(reply.statusCode).toBe(200);
  const personal = reply.json<JoinReply>().token;
  expect(personal).not.toBe(token);
  return personal;
}

async function openVote(r: Room, budget = 3): Promise<VotazioneJSON> {
  const reply = await r.t.app.inject({
    method: 'POST',
    url: `/api/boards/${r.boardId}/votazioni`,
    headers: auth(r.facilitatore),
    payload: { titolo: 'Priorità', cardIds: r.obiettivi, budget },
  });
  expect(reply.statusCode, reply.body).toBe(201);
  return reply.json<VotazioneJSON>();
}

function place(r: Room, token: string, vote: string, cardId: string, dots: number) {
  return r.t.app.inject({
    method: 'PUT',
    url: `/api/boards/${r.boardId}/votazioni/${vote}/ballot`,
    headers: auth(token),
    payload: { cardId, dots },
  });
}

describe('time, focus and timer', () => {
  it('[PL5] GET /api/time answers the server clock without a token', async () => {
    const t = await build();
    const reply = await t.app.inject({ method: 'GET', url: '/api/time' });
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toEqual({ now: 1_000_000 });
    expect(reply.headers['cache-control']).toBe('no-store');
  });

  it('[PL2] the facilitator sets focus on the percorso board; others are refused', async () => {
    const r = await room();
    const url = `/api/percorsi/${r.percorsoId}/plenary/focus`;
    const set = await r.t.app.inject({
      method: 'PUT',
      url,
      headers: auth(r.facilitatore),
      payload: { kind: 'snodo', boardId: r.boardId },
    });
    expect(set.statusCode).toBe(200);
    expect(set.json<FocusState>()).toMatchObject({ focus: { kind: 'snodo' }, seq: 1, at: clock });
    const doc = await r.t.sync.readBoard(r.percorsoBoardId);
    expect(getFocusState(doc).focus).toEqual({ kind: 'snodo', boardId: r.boardId });
    const byParticipant = await r.t.app.inject({
      method: 'PUT',
      url,
      headers: auth(r.shared),
      payload: { kind: 'step', step: 7 },
    });
    expect(byParticipant.statusCode).toBe(403);
    const unknownBoard = await r.t.app.inject({
      method: 'PUT',
      url,
      headers: auth(r.facilitatore),
      payload: { kind: 'snodo', boardId: 'nope' },
    });
    expect(unknownBoard.statusCode).toBe(404);
    const bad = await r.t.app.inject({
      method: 'PUT',
      url,
      headers: auth(r.facilitatore),
      payload: { kind: 'step', step: 12 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/step/);
  });

  it('[PL4] timer actions use the server clock; a wrong action is a 409', async () => {
    const r = await room();
    const url = `/api/percorsi/${r.percorsoId}/plenary/timer`;
    const act = (payload: object) =>
      r.t.app.inject({ method: 'POST', url, headers: auth(r.facilitatore), payload });
    const started = await act({ action: 'start', durationMs: 600_000 });
    expect(started.json<TimerState>()).toEqual({
      status: 'running',
      durationMs: 600_000,
      endsAt: clock + 600_000,
    });
    clock += 60_000;
    const paused = await act({ action: 'pause' });
    expect(paused.json<TimerState>()).toEqual({
      status: 'paused',
      durationMs: 600_000,
      remainingMs: 540_000,
    });
    const again = await act({ action: 'pause' });
    expect(again.statusCode).toBe(409);
    expect((await act({ action: 'explode' })).statusCode).toBe(400);
    const doc = await r.t.sync.readBoard(r.percorsoBoardId);
    expect(getTimer(doc)).toMatchObject({ status: 'paused', remainingMs: 540_000 });
    const byParticipant = await r.t.app.inject({
      method: 'POST',
      url,
      headers: auth(r.shared),
      payload: { action: 'resume' },
    });
    expect(byParticipant.statusCode).toBe(403);
  });

  it('[PL6] the join display shows an invite of the percorso, or nothing', async () => {
    const r = await room();
    const invites = await r.t.app.inject({
      method: 'GET',
      url: `/api/percorsi/${r.percorsoId}/invites`,
      headers: auth(r.facilitatore),
    });
    const share = invites
      .json<{ invites: InviteView[] }>()
      .invites.find((i) => i.role === 'partecipante');
    expect(share).toBeDefined();
    const url = `/api/percorsi/${r.percorsoId}/plenary/join`;
    const shown = await r.t.app.inject({
      method: 'PUT',
      url,
      headers: auth(r.facilitatore),
      payload: { inviteId: share?.id },
    });
    expect(shown.statusCode).toBe(200);
    const doc = await r.t.sync.readBoard(r.percorsoBoardId);
    expect(getJoinDisplay(doc)).toMatchObject({ code: share?.code, link: share?.link });
    const hidden = await r.t.app.inject({
      method: 'PUT',
      url,
      headers: auth(r.facilitatore),
      payload: { inviteId: null },
    });
    expect(hidden.statusCode).toBe(200);
    expect(getJoinDisplay(await r.t.sync.readBoard(r.percorsoBoardId))).toBeNull();
    const unknown = await r.t.app.inject({
      method: 'PUT',
      url,
      headers: auth(r.facilitatore),
      payload: { inviteId: 'zzz' },
    });
    expect(unknown.statusCode).toBe(404);
  });
});

describe('dot votes', () => {
  it('[VT3] two people on one shared link get one budget each; over budget is a 409', async () => {
    const r = await room();
    const vote = await openVote(r, 3);
    const anna = await join(r, r.shared, 'Anna');
    const bruno = await join(r, r.shared, 'Bruno');
    const [a, b, c] = r.obiettivi as [string, string, string];
    expect((await place(r, anna, vote.id, a, 2)).json<BallotReply>()).toMatchObject({
      dots: { [a]: 2 },
      used: 2,
      budget: 3,
    });
    expect((await place(r, anna, vote.id, b, 1)).statusCode).toBe(200);
    const over = await place(r, anna, vote.id, c, 1);
    expect(over.statusCode).toBe(409);
    expect(over.json()).toMatchObject({
      code: 'overBudget',
      message: expect.stringMatching(/budget/),
    });
    // Bruno's budget is his own.
    expect((await place(r, bruno, vote.id, c, 3)).json<BallotReply>().used).toBe(3);
    // Each sees only their own ballot.
    const annaBallot = await r.t.app.inject({
      method: 'GET',
      url: `/api/boards/${r.boardId}/votazioni/${vote.id}/ballot`,
      headers: auth(anna),
    });
    expect(annaBallot.json<BallotReply>().dots).toEqual({ [a]: 2, [b]: 1 });
    // The shared link itself names nobody: it must join first.
    const anonymous = await place(r, r.shared, vote.id, a, 1);
    expect(anonymous.statusCode).toBe(403);
    expect(anonymous.json()).toMatchObject({
      code: 'joinFirst',
      message: expect.stringMatching(/join/),
    });
  });

  it('[VT3] concurrent placements by one person never overspend the budget', async () => {
    const r = await room();
    const vote = await openVote(r, 3);
    const anna = await join(r, r.shared, 'Anna');
    const replies = await Promise.all(
      r.obiettivi.flatMap((cardId) => [
        place(r, anna, vote.id, cardId, 2),
        place(r, anna, vote.id, cardId, 1),
      ]),
    );
    expect(replies.every((reply) => [200, 409].includes(reply.statusCode))).toBe(true);
    const ballot = await r.t.app.inject({
      method: 'GET',
      url: `/api/boards/${r.boardId}/votazioni/${vote.id}/ballot`,
      headers: auth(anna),
    });
    expect(ballot.json<BallotReply>().used).toBeLessThanOrEqual(3);
  });

  it('[VT2] ballots stay out of the document; reveal writes only the tally', async () => {
    const r = await room();
    const vote = await openVote(r, 3);
    const anna = await join(r, r.shared, 'Anna');
    const bruno = await join(r, r.shared, 'Bruno');
    const [a, b] = r.obiettivi as [string, string];
    await place(r, anna, vote.id, a, 2);
    await place(r, bruno, vote.id, a, 1);
    await place(r, bruno, vote.id, b, 2);
    const before = await r.t.sync.readBoard(r.boardId);
    expect(votazioni.get(before, vote.id)).toMatchObject({ status: 'open' });
    expect(votazioni.get(before, vote.id)?.results).toBeUndefined();
    const beforeJSON = JSON.stringify(before.toJSON());
    expect(beforeJSON).not.toMatch(/"dots"|p:/);
    const progress = await r.t.app.inject({
      method: 'GET',
      url: `/api/boards/${r.boardId}/votazioni/${vote.id}/progress`,
      headers: auth(r.facilitatore),
    });
    expect(progress.json()).toEqual({ votazioneId: vote.id, voters: 2 });
    const peek = await r.t.app.inject({
      method: 'GET',
      url: `/api/boards/${r.boardId}/votazioni/${vote.id}/progress`,
      headers: auth(anna),
    });
    expect(peek.statusCode).toBe(403);

    clock += 5000;
    const revealed = await r.t.app.inject({
      method: 'POST',
      url: `/api/boards/${r.boardId}/votazioni/${vote.id}/reveal`,
      headers: auth(r.facilitatore),
    });
    expect(revealed.statusCode).toBe(200);
    expect(revealed.json<VotazioneJSON>()).toMatchObject({
      status: 'revealed',
      results: { [a]: 3, [b]: 2, [r.obiettivi[2] as string]: 0 },
      voters: 2,
      closedAt: clock,
    });
    const after = await r.t.sync.readBoard(r.boardId);
    expect(JSON.stringify(after.toJSON())).not.toContain('p:');
    // Closed: no more dots, no second reveal.
    expect((await place(r, anna, vote.id, a, 1)).statusCode).toBe(409);
    const twice = await r.t.app.inject({
      method: 'POST',
      url: `/api/boards/${r.boardId}/votazioni/${vote.id}/reveal`,
      headers: auth(r.facilitatore),
    });
    expect(twice.statusCode).toBe(409);
    const verbale = await r.t.app.inject({
      method: 'GET',
      url: `/api/boards/${r.boardId}/verbale`,
      headers: auth(r.facilitatore),
    });
    const scheda = await r.t.app.inject({
      method: 'GET',
      url: `/api/boards/${r.boardId}/export.md`,
      headers: auth(r.facilitatore),
    });
    expect(scheda.statusCode).toBe(200);
    expect(scheda.body).toContain('Votazioni');
    expect(scheda.body).toMatch(/Priorità — .*2 persone hanno votato/);
    expect(scheda.body).toMatch(/Meno solitudine.*\| 3 \|/);
    const results = verbale.json<VerbaleEntry[]>().find((e) => e.event.type === 'voteResults');
    expect(results?.event).toMatchObject({
      results: [
        { cardId: a, votes: 3 },
        { cardId: b, votes: 2 },
      ],
    });
  });

  it('[VT4] two reveals at once: one counts, the other is told it is closed', async () => {
    const r = await room();
    const vote = await openVote(r, 3);
    const anna = await join(r, r.shared, 'Anna');
    await place(r, anna, vote.id, r.obiettivi[0] as string, 3);
    const url = `/api/boards/${r.boardId}/votazioni/${vote.id}/reveal`;
    const both = await Promise.all([
      r.t.app.inject({ method: 'POST', url, headers: auth(r.facilitatore) }),
      r.t.app.inject({ method: 'POST', url, headers: auth(r.facilitatore) }),
    ]);
    expect(both.map((reply) => reply.statusCode).sort()).toEqual([200, 409]);
    const doc = await r.t.sync.readBoard(r.boardId);
    expect(votazioni.get(doc, vote.id)?.results).toMatchObject({ [r.obiettivi[0] as string]: 3 });
  });

  it('[VT1] one vote at a time, on cards of the board, opened by who may lock it', async () => {
    const r = await room();
    const url = `/api/boards/${r.boardId}/votazioni`;
    const byParticipant = await r.t.app.inject({
      method: 'POST',
      url,
      headers: auth(await join(r, r.shared, 'Anna')),
      payload: { titolo: 'x', cardIds: r.obiettivi, budget: 3 },
    });
    expect(byParticipant.statusCode).toBe(403);
    const unknownCard = await r.t.app.inject({
      method: 'POST',
      url,
      headers: auth(r.facilitatore),
      payload: { titolo: 'x', cardIds: ['nope'], budget: 3 },
    });
    expect(unknownCard.statusCode).toBe(400);
    const vote = await openVote(r);
    const second = await r.t.app.inject({
      method: 'POST',
      url,
      headers: auth(r.facilitatore),
      payload: { titolo: 'y', cardIds: r.obiettivi, budget: 3 },
    });
    expect(second.statusCode).toBe(409);
    const cancelled = await r.t.app.inject({
      method: 'POST',
      url: `${url}/${vote.id}/cancel`,
      headers: auth(r.facilitatore),
    });
    expect(cancelled.statusCode).toBe(204);
    const doc = await r.t.sync.readBoard(r.boardId);
    expect(votazioni.get(doc, vote.id)?.status).toBe('cancelled');
    await openVote(r);
  });
});

describe('confronto', () => {
  it('[PL7] lists the snodi the token may read, lanes sorted by revealed votes', async () => {
    const r = await room();
    const vote = await openVote(r, 3);
    const anna = await join(r, r.shared, 'Anna');
    await place(r, anna, vote.id, r.obiettivi[1] as string, 3);
    await r.t.app.inject({
      method: 'POST',
      url: `/api/boards/${r.boardId}/votazioni/${vote.id}/reveal`,
      headers: auth(r.facilitatore),
    });
    const reply = await r.t.app.inject({
      method: 'GET',
      url: `/api/percorsi/${r.percorsoId}/confronto`,
      headers: auth(anna),
    });
    expect(reply.statusCode).toBe(200);
    const body = reply.json<ConfrontoReply>();
    expect(body.snodi).toHaveLength(1);
    const obiettivi = body.snodi[0]?.obiettivi ?? [];
    expect(obiettivi.map((o) => o.votes)).toEqual([3, 0, 0]);
    expect(obiettivi[0]?.title).toBe('Più reti');
    expect(body.mandate.length).toBeGreaterThan(0);
    const other = await r.t.app.inject({
      method: 'GET',
      url: '/api/percorsi/other/confronto',
      headers: auth(anna),
    });
    expect(other.statusCode).toBe(403);
  });
});
