/**
 * Plenary facilitation end to end with stock y-websocket clients against a listening server:
 * only the server writes focus, timer and votes ([PL1]); a participant's client never receives
 * anyone's ballot, only the tally at reveal ([VT2]); the timer reads right for late joiners,
 * after a restart and on clients whose clocks are minutes off ([PL3]–[PL5]).
 */
import {
  addCard,
  type BallotReply,
  CloseCode,
  type CreateTavoloReply,
  deleteCard,
  estimateClockOffset,
  getCardVotes,
  getTimer,
  type JoinReply,
  listAllCards,
  type MeReply,
  type TimeReply,
  timerRemainingMs,
  type VotazioneJSON,
  votazioni,
} from '@trama/shared';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import {
  connectSynced,
  makeTempDir,
  type RunningApp,
  startApp,
  teardown,
  waitForDoc,
} from '../support/harness.js';
import { call } from '../support/http.js';
import { nextEvent } from '../support/wait.js';

afterEach(teardown);

/** A quick tavolo with three obiettivi; the facilitator and the shared participant link. */
async function tavolo(server: RunningApp) {
  const created = await call<CreateTavoloReply>(server, 'POST', '/api/tavoli', null, {
    title: 'Tavolo anziani',
  });
  expect(created.status).toBe(201);
  const { boardId, token, percorsoId, shareLink } = created.body;
  const obiettivi = await server.sync.changeBoard(boardId, (doc) =>
    ['Meno solitudine', 'Più reti', 'Servizi vicini'].map((title) =>
      addCard(doc, 'obiettivo', { title }),
    ),
  );
  const me = await call<MeReply>(server, 'GET', '/api/me', token);
  return {
    boardId,
    percorsoId,
    percorsoBoardId: me.body.percorsoBoardId,
    facilitatore: token,
    shared: shareLink.split('#t=')[1] ?? '',
    obiettivi,
  };
}

async function join(server: RunningApp, token: string, name: string): Promise<string> {
  const reply = await call<JoinReply>(server, 'POST', '/api/join', token, {
    name,
    ente: 'Associazione',
  });
  expect(reply.status).toBe(200);
  return reply.body.token;
}

function closeCodeOf(provider: WebsocketProvider): Promise<number> {
  return nextEvent<[CloseEvent | null]>(provider, 'connection-close', { timeoutMs: 5000 }).then(
    ([event]) => event?.code ?? 0,
  );
}

describe('server-only state', () => {
  it('[PL1] clients may not write votes, tallies, focus or timer — not even the facilitator', async () => {
    const server = await startApp();
    const t = await tavolo(server);
    const anna = await join(server, t.shared, 'Anna');
    const attempts: [string, string, (doc: Y.Doc) => void][] = [
      [t.boardId, anna, (doc) => doc.getMap('votazioni').set('v', new Y.Map())],
      [
        t.boardId,
        t.facilitatore,
        (doc) => {
          const card = doc.getMap<Y.Map<unknown>>('cards').get(t.obiettivi[0] as string);
          if (!card) throw new Error('the card did not sync');
          (card.get('votes') as Y.Map<number>).set('forged', 99);
        },
      ],
      [t.percorsoBoardId, t.facilitatore, (doc) => doc.getMap('plenary').set('timer', {})],
    ];
    for (const [boardId, token, forge] of attempts) {
      const client = await connectSynced(server.syncUrl, boardId, new Y.Doc(), token);
      const closed = closeCodeOf(client);
      forge(client.doc);
      expect(await closed).toBe(CloseCode.readOnly);
      client.disconnect();
    }
    const board = await server.sync.readBoard(t.boardId);
    expect(votazioni.list(board)).toEqual([]);
    expect(getCardVotes(board, t.obiettivi[0] as string).total).toBe(0);
  });

  it('[PL1] new cards and deleting a card with revealed votes stay allowed', async () => {
    const server = await startApp();
    const t = await tavolo(server);
    const anna = await join(server, t.shared, 'Anna');
    const vote = await call<VotazioneJSON>(
      server,
      'POST',
      `/api/boards/${t.boardId}/votazioni`,
      t.facilitatore,
      { titolo: 'Priorità', cardIds: t.obiettivi, budget: 3 },
    );
    const [a] = t.obiettivi as [string];
    await call(server, 'PUT', `/api/boards/${t.boardId}/votazioni/${vote.body.id}/ballot`, anna, {
      cardId: a,
      dots: 2,
    });
    await call(
      server,
      'POST',
      `/api/boards/${t.boardId}/votazioni/${vote.body.id}/reveal`,
      t.facilitatore,
    );
    const client = await connectSynced(server.syncUrl, t.boardId, new Y.Doc(), anna);
    await waitForDoc(client.doc, (d) => getCardVotes(d, a).total === 2);
    const fresh = addCard(client.doc, 'obiettivo', { title: 'Nuovo' });
    deleteCard(client.doc, a);
    const check = await connectSynced(server.syncUrl, t.boardId, new Y.Doc(), t.facilitatore);
    await waitForDoc(check.doc, (d) => {
      const ids = listAllCards(d).map((c) => c.id);
      return ids.includes(fresh) && !ids.includes(a);
    });
    expect(client.wsconnected).toBe(true);
  });
});

describe('dot votes over the wire', () => {
  it('[VT2] a participant receives no one’s ballot before reveal, only the tally after', async () => {
    const server = await startApp();
    const t = await tavolo(server);
    const [anna, bruno] = await Promise.all([
      join(server, t.shared, 'Anna'),
      join(server, t.shared, 'Bruno'),
    ]);
    const watcher = await connectSynced(server.syncUrl, t.boardId, new Y.Doc(), anna);
    const received: Uint8Array[] = [];
    watcher.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === watcher) received.push(update);
    });
    const vote = (
      await call<VotazioneJSON>(
        server,
        'POST',
        `/api/boards/${t.boardId}/votazioni`,
        t.facilitatore,
        {
          titolo: 'Priorità',
          cardIds: t.obiettivi,
          budget: 3,
        },
      )
    ).body;
    await waitForDoc(watcher.doc, (d) => votazioni.get(d, vote.id)?.status === 'open');
    const url = `/api/boards/${t.boardId}/votazioni/${vote.id}/ballot`;
    const [a, b, c] = t.obiettivi as [string, string, string];
    // Both place dots at once, several times over.
    const placements = await Promise.all([
      call<BallotReply>(server, 'PUT', url, anna, { cardId: a, dots: 2 }),
      call<BallotReply>(server, 'PUT', url, bruno, { cardId: a, dots: 1 }),
      call<BallotReply>(server, 'PUT', url, anna, { cardId: b, dots: 1 }),
      call<BallotReply>(server, 'PUT', url, bruno, { cardId: c, dots: 2 }),
      call<BallotReply>(server, 'PUT', url, bruno, { cardId: b, dots: 1 }),
    ]);
    expect(placements.map((p) => p.status)).toEqual([200, 200, 200, 200, 409]);
    // A marker edit after the ballots: once it arrives, anything sent before it has too.
    await server.sync.changeBoard(t.boardId, (doc) =>
      addCard(doc, 'esigenza', { title: 'marker' }),
    );
    await waitForDoc(watcher.doc, (d) => listAllCards(d).some((card) => card.title === 'marker'));
    const seen = new Y.Doc();
    for (const update of received) Y.applyUpdate(seen, update);
    expect(votazioni.get(seen, vote.id)?.results).toBeUndefined();
    for (const id of t.obiettivi) expect(getCardVotes(seen, id).total).toBe(0);

    await call(
      server,
      'POST',
      `/api/boards/${t.boardId}/votazioni/${vote.id}/reveal`,
      t.facilitatore,
    );
    await waitForDoc(watcher.doc, (d) => votazioni.get(d, vote.id)?.status === 'revealed');
    expect(votazioni.get(watcher.doc, vote.id)).toMatchObject({
      results: { [a]: 3, [b]: 1, [c]: 2 },
      voters: 2,
    });
    expect(getCardVotes(watcher.doc, a)).toEqual({ total: 3, byVotazione: { [vote.id]: 3 } });
  });
});

describe('timer', () => {
  it('[PL5] a late joiner with a clock 7 minutes fast reads the same time left; a restart keeps it', async () => {
    const dataDir = makeTempDir();
    let server = await startApp({ dataDir });
    const t = await tavolo(server);
    const started = await call(
      server,
      'POST',
      `/api/percorsi/${t.percorsoId}/plenary/timer`,
      t.facilitatore,
      { action: 'start', durationMs: 600_000 },
    );
    expect(started.status).toBe(200);
    const anna = await join(server, t.shared, 'Anna');

    const skew = 7 * 60_000;
    const skewedNow = () => Date.now() + skew;
    const timeLeft = async (running: RunningApp) => {
      const samples = [];
      for (let i = 0; i < 3; i++) {
        const sentAt = skewedNow();
        const reply = await call<TimeReply>(running, 'GET', '/api/time');
        samples.push({ sentAt, receivedAt: skewedNow(), serverNow: reply.body.now });
      }
      const offset = estimateClockOffset(samples);
      const late = await connectSynced(running.syncUrl, t.percorsoBoardId, new Y.Doc(), anna);
      await waitForDoc(late.doc, (d) => getTimer(d).status === 'running');
      const seen = timerRemainingMs(getTimer(late.doc), skewedNow() + (offset?.offsetMs ?? 0));
      const truth = timerRemainingMs(getTimer(late.doc), Date.now());
      late.disconnect();
      return { seen, truth };
    };
    const first = await timeLeft(server);
    expect(Math.abs((first.seen ?? 0) - (first.truth ?? 0))).toBeLessThan(1000);
    expect(first.seen).toBeGreaterThan(590_000);

    await server.close();
    server = await startApp({ dataDir });
    const again = await timeLeft(server);
    expect(Math.abs((again.seen ?? 0) - (again.truth ?? 0))).toBeLessThan(1000);
    expect(again.seen).toBeLessThanOrEqual(first.seen ?? 0);
  });
});
