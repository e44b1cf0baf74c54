/**
 * Access control end to end ([AC3]–[AC9] in server/SPEC.md): the HTTP API that creates
 * percorsi, snodi and invites checks every role (through `inject()`), and the sync endpoint
 * authenticates every stock y-websocket client before any data flows — read-only roles,
 * foreign and forged tokens, revocation and lane locks are enforced by the server itself.
 */
import {
  addCard,
  CloseCode,
  type CreatePercorsoReply,
  type CreateSnodoReply,
  type CreateTavoloReply,
  getLockedLanes,
  type InviteView,
  listAllCards,
  type MeReply,
  type ResolveCodeReply,
  setCardTitle,
} from '@trama/shared';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import {
  closeOf,
  connect,
  connectSynced,
  openRaw,
  type RunningApp,
  startApp,
  teardown,
  waitForDoc,
} from '../support/harness.js';
import { call } from '../support/http.js';
import { nextEvent } from '../support/wait.js';

afterEach(teardown);

/** A percorso with two tavoli, and an invite per role. */
async function setUp(server: RunningApp) {
  const created = await call<CreatePercorsoReply>(server, 'POST', '/api/percorsi', null, {
    title: 'Piano di Zona 2025',
    ente: 'Ambito di Rho',
  });
  expect(created.status).toBe(201);
  const facilitatore = created.body.token;
  const tavolo = async (titolo: string) =>
    (
      await call<CreateSnodoReply>(
        server,
        'POST',
        `/api/percorsi/${created.body.percorsoId}/snodi`,
        facilitatore,
        { tipo: 'tavolo', titolo },
      )
    ).body;
  const anziani = await tavolo('Anziani');
  const giovani = await tavolo('Giovani');
  const invite = async (role: string, boardId?: string) => {
    const reply = await call<InviteView>(
      server,
      'POST',
      `/api/percorsi/${created.body.percorsoId}/invites`,
      facilitatore,
      { role, expiresInHours: 24, ...(boardId ? { boardId } : {}) },
    );
    expect(reply.status).toBe(201);
    return reply.body;
  };
  return {
    percorsoId: created.body.percorsoId,
    percorsoBoardId: created.body.boardId,
    facilitatore,
    anziani,
    giovani,
    partecipante: await invite('partecipante', anziani.boardId),
    referente: await invite('referente', anziani.boardId),
    osservatore: await invite('osservatore'),
  };
}

function closeCodeOf(provider: WebsocketProvider): Promise<number> {
  return nextEvent<[CloseEvent | null]>(provider, 'connection-close', { timeoutMs: 5000 }).then(
    ([event]) => event?.code ?? 0,
  );
}

describe('access over HTTP', () => {
  it('[AC3] creating a percorso yields a facilitator token that opens everything', async () => {
    const server = await startApp();
    const world = await setUp(server);
    const me = await call<MeReply>(server, 'GET', '/api/me', world.facilitatore);
    expect(me.status).toBe(200);
    expect(me.body.role).toBe('facilitatore');
    expect(me.body.boards.map((b) => b.boardId).sort()).toEqual(
      [world.percorsoBoardId, world.anziani.boardId, world.giovani.boardId].sort(),
    );
    expect(me.body.boards.every((b) => b.permission === 'write')).toBe(true);
  });

  it('[AC3] an instance creation key restricts who creates percorsi', async () => {
    const server = await startApp({ config: { creationKey: 'sesamo' } });
    const body = { title: 'P', ente: 'E' };
    expect((await call(server, 'POST', '/api/percorsi', null, body)).status).toBe(403);
    const ok = await server.app.inject({
      method: 'POST',
      url: '/api/percorsi',
      payload: body,
      headers: { 'x-trama-creation-key': 'sesamo' },
    });
    expect(ok.statusCode).toBe(201);
  });

  it('[AC3] bodies are validated with a message naming the field', async () => {
    const server = await startApp();
    const reply = await call<{ message: string }>(server, 'POST', '/api/percorsi', null, {
      title: '',
      ente: 'E',
    });
    expect(reply.status).toBe(400);
    expect(reply.body.message).toMatch(/title/);
  });

  it('[AC4] only the facilitator creates snodi and manages invites', async () => {
    const server = await startApp();
    const world = await setUp(server);
    const asPartecipante = await call(
      server,
      'POST',
      `/api/percorsi/${world.percorsoId}/snodi`,
      world.partecipante.token,
      { tipo: 'tavolo', titolo: 'Abusivo' },
    );
    expect(asPartecipante.status).toBe(403);
    const list = await call(
      server,
      'GET',
      `/api/percorsi/${world.percorsoId}/invites`,
      world.osservatore.token,
    );
    expect(list.status).toBe(403);
    expect((await call(server, 'GET', `/api/percorsi/${world.percorsoId}`)).status).toBe(401);
  });

  it('[AC4] a referente invites partecipanti to its own tavolo only', async () => {
    const server = await startApp();
    const world = await setUp(server);
    const url = `/api/percorsi/${world.percorsoId}/invites`;
    const own = await call(server, 'POST', url, world.referente.token, {
      role: 'partecipante',
      boardId: world.anziani.boardId,
      expiresInHours: 2,
    });
    expect(own.status).toBe(201);
    const other = await call(server, 'POST', url, world.referente.token, {
      role: 'partecipante',
      boardId: world.giovani.boardId,
      expiresInHours: 2,
    });
    expect(other.status).toBe(403);
    const boss = await call(server, 'POST', url, world.referente.token, {
      role: 'facilitatore',
      expiresInHours: 2,
    });
    expect(boss.status).toBe(403);
  });

  it('[AC5] a short code resolves to the invite; joining records who came', async () => {
    const server = await startApp();
    const world = await setUp(server);
    const typed = world.partecipante.code.toLowerCase().replace('-', ' ');
    const resolved = await call<ResolveCodeReply>(
      server,
      'GET',
      `/api/join/${encodeURIComponent(typed)}`,
    );
    expect(resolved.status).toBe(200);
    expect(resolved.body.role).toBe('partecipante');
    expect(resolved.body.link).toBe(`/b/${world.anziani.boardId}#t=${resolved.body.token}`);
    const joined = await call<MeReply>(server, 'POST', '/api/join', resolved.body.token, {
      name: 'Giulia Bianchi',
      ente: 'Cooperativa Sole',
    });
    expect(joined.status).toBe(200);
    expect(joined.body.boards.find((b) => b.boardId === world.anziani.boardId)?.permission).toBe(
      'write',
    );
    expect(joined.body.boards.some((b) => b.boardId === world.giovani.boardId)).toBe(false);
    const list = await call<{ invites: InviteView[] }>(
      server,
      'GET',
      `/api/percorsi/${world.percorsoId}/invites`,
      world.facilitatore,
    );
    const invite = list.body.invites.find((i) => i.id === world.partecipante.id);
    expect(invite?.joined).toEqual([
      expect.objectContaining({ name: 'Giulia Bianchi', ente: 'Cooperativa Sole' }),
    ]);
    // The verbale of the invite's tavolo records the join; the other tavolo's does not.
    const joinedIn = (boardId: string) =>
      server.verbale
        .list(boardId)
        .flatMap((entry) => (entry.event.type === 'joined' ? [entry.event.name] : []));
    expect(joinedIn(world.anziani.boardId)).toEqual(['Giulia Bianchi']);
    expect(joinedIn(world.giovani.boardId)).toEqual([]);
  });

  it('[AC5] revoked and unknown codes resolve to nothing; a revoked token opens nothing', async () => {
    const server = await startApp();
    const world = await setUp(server);
    expect((await call(server, 'GET', '/api/join/AAAA-AAAA')).status).toBe(404);
    expect(
      (await call(server, 'DELETE', `/api/invites/${world.partecipante.id}`, world.facilitatore))
        .status,
    ).toBe(204);
    expect((await call(server, 'GET', `/api/join/${world.partecipante.code}`)).status).toBe(404);
    const me = await call<{ message: string }>(server, 'GET', '/api/me', world.partecipante.token);
    expect(me.status).toBe(403);
    expect(me.body.message).toMatch(/revoked/);
  });

  it('[AC5] the quick tavolo gives its creator a facilitator link and a share link', async () => {
    const server = await startApp();
    const created = await call<CreateTavoloReply>(server, 'POST', '/api/tavoli', null, {
      title: 'Tavolo veloce',
    });
    expect(created.status).toBe(201);
    expect(created.body.link).toBe(`/b/${created.body.boardId}#t=${created.body.token}`);
    const shareToken = created.body.shareLink.split('#t=')[1];
    const me = await call<MeReply>(server, 'GET', '/api/me', shareToken);
    expect(me.body.role).toBe('partecipante');
    expect(me.body.boardId).toBe(created.body.boardId);
  });

  it('[AC8] only the facilitator or the tavolo’s referente locks lanes', async () => {
    const server = await startApp();
    const world = await setUp(server);
    const url = `/api/boards/${world.anziani.boardId}/locks`;
    expect(
      (await call(server, 'PUT', url, world.partecipante.token, { lanes: ['esigenza'] })).status,
    ).toBe(403);
    expect(
      (await call(server, 'PUT', url, world.referente.token, { lanes: ['esigenza'] })).status,
    ).toBe(204);
    const doc = await server.sync.readBoard(world.anziani.boardId);
    expect(getLockedLanes(doc)).toEqual(['esigenza']);
    const otherUrl = `/api/boards/${world.giovani.boardId}/locks`;
    expect((await call(server, 'PUT', otherUrl, world.referente.token, { lanes: [] })).status).toBe(
      403,
    );
  });
});

describe('access on the sync endpoint', () => {
  it('[AC6] a connection without a valid token is closed before any data flows', async () => {
    const server = await startApp();
    const world = await setUp(server);
    const base = `ws://127.0.0.1:${server.port}/sync/${world.anziani.boardId}`;
    const [head, mac] = world.partecipante.token.split('.') as [string, string];
    for (const [url, code] of [
      [base, CloseCode.unauthorized],
      [`${base}?token=garbage`, CloseCode.unauthorized],
      [`${base}?token=${head}.${mac.slice(0, -3)}AAA`, CloseCode.unauthorized],
      [`${base}?token=${world.partecipante.token.replace(/^./, 'x')}`, CloseCode.unauthorized],
    ] as const) {
      const socket = await openRaw(url);
      const messages: unknown[] = [];
      socket.on('message', (m) => messages.push(m));
      expect((await closeOf(socket)).code, url).toBe(code);
      expect(messages, 'no board data before the refusal').toEqual([]);
    }
  });

  it('[AC6] a token of another percorso or another tavolo opens nothing', async () => {
    const server = await startApp();
    const world = await setUp(server);
    const elsewhere = await setUp(server);
    const foreign = connect(
      server.syncUrl,
      world.anziani.boardId,
      new Y.Doc(),
      elsewhere.facilitatore,
    );
    expect(await closeCodeOf(foreign)).toBe(CloseCode.forbidden);
    const wrongTavolo = connect(
      server.syncUrl,
      world.giovani.boardId,
      new Y.Doc(),
      world.partecipante.token,
    );
    expect(await closeCodeOf(wrongTavolo)).toBe(CloseCode.forbidden);
  });

  it('[AC7] an osservatore reads everything and its edits change nothing', async () => {
    const server = await startApp();
    const world = await setUp(server);
    const writer = await connectSynced(
      server.syncUrl,
      world.anziani.boardId,
      new Y.Doc(),
      world.partecipante.token,
    );
    const cardId = addCard(writer.doc, 'esigenza', { title: 'Solitudine degli anziani' });
    const observer = await connectSynced(
      server.syncUrl,
      world.anziani.boardId,
      new Y.Doc(),
      world.osservatore.token,
    );
    await waitForDoc(observer.doc, (d) => listAllCards(d).length === 1, 'the card at the observer');
    const closed = closeCodeOf(observer);
    setCardTitle(observer.doc, cardId, 'Riscritto da chi osserva');
    expect(await closed).toBe(CloseCode.readOnly);
    // The writer's edits still flow, and the observer's never arrived anywhere.
    setCardTitle(writer.doc, cardId, 'Solitudine e isolamento');
    const fresh = await connectSynced(
      server.syncUrl,
      world.anziani.boardId,
      new Y.Doc(),
      world.facilitatore,
    );
    expect(listAllCards(fresh.doc).map((c) => c.title)).toEqual(['Solitudine e isolamento']);
  });

  it('[AC7] the percorso board is read-only for participants', async () => {
    const server = await startApp();
    const world = await setUp(server);
    const reader = await connectSynced(
      server.syncUrl,
      world.percorsoBoardId,
      new Y.Doc(),
      world.partecipante.token,
    );
    const closed = closeCodeOf(reader);
    reader.doc.getMap('meta').set('title', 'presa di mano');
    expect(await closed).toBe(CloseCode.readOnly);
  });

  it('[AC9] revoking an invite closes its open connections and refuses new ones', async () => {
    const server = await startApp();
    const world = await setUp(server);
    const participant = await connectSynced(
      server.syncUrl,
      world.anziani.boardId,
      new Y.Doc(),
      world.partecipante.token,
    );
    const closed = closeCodeOf(participant);
    expect(
      (await call(server, 'DELETE', `/api/invites/${world.partecipante.id}`, world.facilitatore))
        .status,
    ).toBe(204);
    expect(await closed).toBe(CloseCode.forbidden);
    participant.disconnect();
    const again = connect(
      server.syncUrl,
      world.anziani.boardId,
      new Y.Doc(),
      world.partecipante.token,
    );
    expect(await closeCodeOf(again)).toBe(CloseCode.forbidden);
  });

  it('[AC8] a locked lane refuses a participant’s edits, not the facilitator’s', async () => {
    const server = await startApp();
    const world = await setUp(server);
    const facilitator = await connectSynced(
      server.syncUrl,
      world.anziani.boardId,
      new Y.Doc(),
      world.facilitatore,
    );
    const esigenza = addCard(facilitator.doc, 'esigenza', { title: 'Prima' });
    const obiettivo = addCard(facilitator.doc, 'obiettivo', { title: 'Obiettivo' });
    const url = `/api/boards/${world.anziani.boardId}/locks`;
    expect(
      (await call(server, 'PUT', url, world.facilitatore, { lanes: ['esigenza'] })).status,
    ).toBe(204);

    const participant = await connectSynced(
      server.syncUrl,
      world.anziani.boardId,
      new Y.Doc(),
      world.partecipante.token,
    );
    await waitForDoc(
      participant.doc,
      (d) => getLockedLanes(d).length === 1 && listAllCards(d).length === 2,
    );
    // An unlocked lane stays open.
    setCardTitle(participant.doc, obiettivo, 'Obiettivo rivisto');
    await waitForDoc(facilitator.doc, (d) =>
      listAllCards(d).some((c) => c.title === 'Obiettivo rivisto'),
    );
    // The locked lane does not, neither for an existing card nor for a new one.
    let closed = closeCodeOf(participant);
    setCardTitle(participant.doc, esigenza, 'Forzata');
    expect(await closed).toBe(CloseCode.readOnly);
    participant.disconnect();
    const late = await connectSynced(
      server.syncUrl,
      world.anziani.boardId,
      new Y.Doc(),
      world.partecipante.token,
    );
    closed = closeCodeOf(late);
    addCard(late.doc, 'esigenza', { title: 'Nuova in corsia chiusa' });
    expect(await closed).toBe(CloseCode.readOnly);
    late.disconnect();
    // Nobody but the server writes the locks themselves.
    const sneaky = await connectSynced(
      server.syncUrl,
      world.anziani.boardId,
      new Y.Doc(),
      world.partecipante.token,
    );
    closed = closeCodeOf(sneaky);
    sneaky.doc.getMap('meta').set('lockedLanes', []);
    expect(await closed).toBe(CloseCode.readOnly);
    sneaky.disconnect();
    // The facilitator may write in the locked lane.
    setCardTitle(facilitator.doc, esigenza, 'Rivista dal facilitatore');
    const check = await server.sync.readBoard(world.anziani.boardId);
    await waitForDoc(facilitator.doc, () => true);
    const titles = () => listAllCards(check).map((c) => c.title);
    expect(titles()).not.toContain('Forzata');
    expect(titles()).not.toContain('Nuova in corsia chiusa');
    expect(getLockedLanes(check)).toEqual(['esigenza']);
  });
});
