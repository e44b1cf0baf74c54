import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  addCard,
  type CreateTavoloReply,
  deleteCard,
  type InviteView,
  type RestoreReply,
  type SessionReply,
  type SnapshotDiff,
  type SnapshotView,
  type SnodoBoardJSON,
  setCardTitle,
  snodoToJSON,
  type VerbaleEntry,
} from '@trama/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp, type TramaApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import type { OutputLimits } from '../src/exports/service.js';
import { MemoryBoardStore } from '../src/storage/memory.js';
import { fillSnodo } from './exports/fixtures.js';
import { inOrder, readDocx, readPdf } from './exports/readers.js';

/** The output routes end to end through buildApp, with real tokens from the access API. */

let tmp: string;
let trama: TramaApp | null = null;

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'trama-outputs-'));
});
afterEach(async () => {
  await trama?.app.close();
  trama = null;
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function build(outputLimits?: Partial<OutputLimits>) {
  const config = loadConfig({
    DATA_DIR: path.join(tmp, 'data'),
    LOG_LEVEL: 'silent',
    CLIENT_DIR: '',
  });
  trama = await buildApp(config, {
    store: new MemoryBoardStore(),
    ...(outputLimits && { outputLimits }),
  });
  return trama;
}

const auth = (token: string) => ({ authorization: `Bearer ${token}` });

/** A quick tavolo with cards, a referente who joined, and a partecipante's token. */
async function tavolo(t: TramaApp) {
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/tavoli',
    payload: { title: 'Tavolo anziani' },
  });
  expect(created.statusCode).toBe(201);
  const { boardId, token, percorsoId, shareLink } = created.json<CreateTavoloReply>();
  await t.sync.changeBoard(boardId, (doc) => fillSnodo(doc));
  const invite = await t.app.inject({
    method: 'POST',
    url: `/api/percorsi/${percorsoId}/invites`,
    headers: auth(token),
    payload: { role: 'referente', boardId, expiresInHours: 24 },
  });
  expect(invite.statusCode).toBe(201);
  const referente = invite.json<InviteView>().token;
  const joined = await t.app.inject({
    method: 'POST',
    url: '/api/join',
    headers: auth(referente),
    payload: { name: 'Marco Bianchi', ente: 'Cooperativa Sole' },
  });
  expect(joined.statusCode).toBe(200);
  const partecipante = shareLink.split('#t=')[1] ?? '';
  return { boardId, percorsoId, facilitatore: token, referente, partecipante };
}

describe('board exports over HTTP', () => {
  it('[EX8] the referente downloads every format; a partecipante is refused; errors are clear', async () => {
    const t = await build();
    const { boardId, referente, partecipante, facilitatore } = await tavolo(t);
    const types = {
      docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      pdf: 'application/pdf',
      md: 'text/markdown; charset=utf-8',
      json: 'application/json; charset=utf-8',
      csv: 'text/csv; charset=utf-8',
    };
    for (const [format, type] of Object.entries(types)) {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/boards/${boardId}/export.${format}?date=2026-03-20`,
        headers: auth(referente),
      });
      expect(res.statusCode, format).toBe(200);
      expect(res.headers['content-type']).toBe(type);
      expect(res.headers['content-disposition']).toContain(`tavolo-anziani.${format}`);
      expect(res.rawPayload.byteLength).toBeGreaterThan(100);
    }
    const docx = await t.app.inject({
      method: 'GET',
      url: `/api/boards/${boardId}/export.docx`,
      headers: auth(referente),
    });
    const text = readDocx(docx.rawPayload)
      .paragraphs.map((p) => p.text)
      .join('\n');
    // The joined referente appears among the participants, by ente.
    expect(
      inOrder(text, [
        'Partecipanti',
        'Cooperativa Sole',
        'Marco Bianchi',
        'Lettura delle esigenze',
        'E1.',
      ]),
    ).toBeNull();
    const pdf = await t.app.inject({
      method: 'GET',
      url: `/api/boards/${boardId}/export.pdf?lang=en`,
      headers: auth(referente),
    });
    expect((await readPdf(pdf.rawPayload)).text).toContain('Votes: 5 (2 rounds)');

    const refused = await t.app.inject({
      method: 'GET',
      url: `/api/boards/${boardId}/export.docx`,
      headers: auth(partecipante),
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ statusCode: 403, error: 'Forbidden' });
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/boards/${boardId}/export.docx` })).statusCode,
    ).toBe(401);
    const unknown = await t.app.inject({
      method: 'GET',
      url: '/api/boards/nope123/export.docx',
      headers: auth(facilitatore),
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().message).toBeTruthy();
    const badFormat = await t.app.inject({
      method: 'GET',
      url: `/api/boards/${boardId}/export.exe`,
      headers: auth(referente),
    });
    expect(badFormat.statusCode).toBe(400);
    const badLang = await t.app.inject({
      method: 'GET',
      url: `/api/boards/${boardId}/export.md?lang=fr`,
      headers: auth(referente),
    });
    expect(badLang.statusCode).toBe(400);
    expect(badLang.json().message).toMatch(/lang/);
  });

  it('[EX8] a board too large for a document is refused with 413', async () => {
    const t = await build({ maxCards: 3 });
    const { boardId, referente } = await tavolo(t);
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/boards/${boardId}/export.pdf`,
      headers: auth(referente),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ statusCode: 413, error: 'Payload Too Large' });
    expect(res.json().message).toMatch(/5 cards/);
  });

  it('[EX3] JSON export imports into a new board of the percorso with an identical result', async () => {
    const t = await build();
    const { boardId, facilitatore, referente } = await tavolo(t);
    const first = await t.app.inject({
      method: 'GET',
      url: `/api/boards/${boardId}/export.json`,
      headers: auth(facilitatore),
    });
    const imported = await t.app.inject({
      method: 'POST',
      url: '/api/boards/import',
      headers: { ...auth(facilitatore), 'content-type': 'application/json' },
      payload: first.body,
    });
    expect(imported.statusCode).toBe(201);
    const { boardId: copyId, cards } = imported.json();
    expect(cards).toBe(5);
    const second = await t.app.inject({
      method: 'GET',
      url: `/api/boards/${copyId}/export.json`,
      headers: auth(facilitatore),
    });
    const a = first.json<SnodoBoardJSON>();
    const b = second.json<SnodoBoardJSON>();
    // Only where it belongs changes: the new snodo's id.
    expect(b.context?.snodoId).not.toBe(a.context?.snodoId);
    expect({ ...b, context: { ...b.context, snodoId: 'x' } }).toEqual({
      ...a,
      context: { ...a.context, snodoId: 'x' },
    });
    // Only the facilitator imports; a bad body is a 400 naming the field.
    const byReferente = await t.app.inject({
      method: 'POST',
      url: '/api/boards/import',
      headers: auth(referente),
      payload: first.json(),
    });
    expect(byReferente.statusCode).toBe(403);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/boards/import',
      headers: auth(facilitatore),
      payload: { ...a, cards: [{ kind: 'esigenza' }] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/cards/);
  });
});

describe('snapshots and sessions over HTTP', () => {
  it('[EX10] a scripted session leaves its verbale; closing it takes an automatic snapshot', async () => {
    const t = await build();
    const { boardId, facilitatore, referente } = await tavolo(t);
    const post = (url: string, token: string, payload: object = {}) =>
      t.app.inject({
        method: 'POST',
        url: `/api/boards/${boardId}${url}`,
        headers: auth(token),
        payload,
      });
    expect((await post('/sessions/open', facilitatore, { title: 'Sessione 1' })).statusCode).toBe(
      201,
    );
    expect((await post('/sessions/open', facilitatore)).statusCode).toBe(409);
    expect(
      (await post('/verbale', referente, { event: { type: 'focusChanged', step: 7 } })).statusCode,
    ).toBe(201);
    expect(
      (await post('/verbale', facilitatore, { event: { type: 'voteOpened', lane: 'esigenza' } }))
        .statusCode,
    ).toBe(201);
    expect(
      (await post('/verbale', facilitatore, { event: { type: 'voteClosed', lane: 'esigenza' } }))
        .statusCode,
    ).toBe(201);
    expect(
      (
        await post('/verbale', facilitatore, {
          event: { type: 'joined', name: 'x', ente: 'y', role: 'facilitatore' },
        })
      ).statusCode,
    ).toBe(400);
    const taken = await post('/snapshots', referente, { name: 'Sessione 1 — a metà' });
    expect(taken.statusCode).toBe(201);
    await t.app.inject({
      method: 'GET',
      url: `/api/boards/${boardId}/export.md`,
      headers: auth(referente),
    });
    const closed = await post('/sessions/close', facilitatore, {
      snapshotName: 'Sessione 1 — 14 marzo',
    });
    expect(closed.statusCode).toBe(200);
    expect(closed.json<SessionReply>()).toMatchObject({
      sessionNumber: 1,
      snapshot: { name: 'Sessione 1 — 14 marzo', auto: true },
    });
    expect((await post('/sessions/close', facilitatore)).statusCode).toBe(409);

    const log = await t.app.inject({
      method: 'GET',
      url: `/api/boards/${boardId}/verbale`,
      headers: auth(referente),
    });
    const entries = log.json<VerbaleEntry[]>();
    expect(entries.map((e) => e.event.type)).toEqual([
      'joined',
      'sessionOpened',
      'focusChanged',
      'voteOpened',
      'voteClosed',
      'voteResults',
      'snapshotTaken',
      'exportMade',
      'snapshotTaken',
      'sessionClosed',
    ]);
    expect(entries[0]?.event).toEqual({
      type: 'joined',
      name: 'Marco Bianchi',
      ente: 'Cooperativa Sole',
      role: 'referente',
    });
    expect(entries[2]?.actor).toEqual({
      name: 'Marco Bianchi',
      ente: 'Cooperativa Sole',
      role: 'referente',
    });
    expect(entries[5]?.event).toMatchObject({
      type: 'voteResults',
      results: [{ cardId: 'e1', votes: 5 }],
    });
    const md = await t.app.inject({
      method: 'GET',
      url: `/api/boards/${boardId}/verbale.md`,
      headers: auth(referente),
    });
    expect(
      inOrder(md.body, [
        'Marco Bianchi — referente di tavolo',
        'Apertura della sessione 1 «Sessione 1»',
        'Il lavoro passa al passaggio 7',
        'Esito della votazione: Solitudine',
        'Istantanea «Sessione 1 — 14 marzo» (automatica, a fine sessione)',
        'Chiusura della sessione 1',
      ]),
    ).toBeNull();
    for (const format of ['docx', 'pdf']) {
      const doc = await t.app.inject({
        method: 'GET',
        url: `/api/boards/${boardId}/verbale.${format}`,
        headers: auth(referente),
      });
      expect(doc.statusCode).toBe(200);
    }
  });

  it('[EX11] view a snapshot read-only, compare it with today, restore it after later edits', async () => {
    const t = await build();
    const { boardId, facilitatore, partecipante } = await tavolo(t);
    const url = `/api/boards/${boardId}/snapshots`;
    const taken = await t.app.inject({
      method: 'POST',
      url,
      headers: auth(facilitatore),
      payload: { name: 'Sessione 2 — 14 marzo' },
    });
    const snapshot = taken.json<SnapshotView>();
    expect(snapshot).toMatchObject({ name: 'Sessione 2 — 14 marzo', auto: false, cards: 5 });
    const at = snodoToJSON(await t.sync.readBoard(boardId));
    // Later edits.
    await t.sync.changeBoard(boardId, (doc) => {
      addCard(doc, 'esigenza', { id: 'late', createdAt: 9e12, title: 'Arrivata dopo' });
      deleteCard(doc, 'l1');
      setCardTitle(doc, 'o1', 'Titolo cambiato');
    });
    const list = await t.app.inject({ method: 'GET', url, headers: auth(facilitatore) });
    expect(list.json<SnapshotView[]>().map((s) => s.name)).toEqual(['Sessione 2 — 14 marzo']);
    const view = await t.app.inject({
      method: 'GET',
      url: `${url}/${snapshot.id}`,
      headers: auth(facilitatore),
    });
    expect(view.json().board).toEqual(at);
    const diff = (
      await t.app.inject({
        method: 'GET',
        url: `${url}/${snapshot.id}/diff`,
        headers: auth(facilitatore),
      })
    ).json<SnapshotDiff>();
    expect(diff.lanes.esigenza.added).toEqual([{ id: 'late', title: 'Arrivata dopo' }]);
    expect(diff.lanes.lineaStrategica.removed.map((c) => c.id)).toEqual(['l1']);
    expect(diff.lanes.obiettivo.edited.map((c) => c.id)).toEqual(['o1']);

    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `${url}/${snapshot.id}/restore`,
          headers: auth(partecipante),
        })
      ).statusCode,
    ).toBe(403);
    const restored = await t.app.inject({
      method: 'POST',
      url: `${url}/${snapshot.id}/restore`,
      headers: auth(facilitatore),
    });
    expect(restored.statusCode).toBe(200);
    const reply = restored.json<RestoreReply>();
    expect(reply.diff.esigenza.removed.map((c) => c.id)).toEqual(['late']);
    expect(snodoToJSON(await t.sync.readBoard(boardId))).toEqual(at);
    // The state before the restore was kept as a snapshot of its own.
    const after = (await t.app.inject({ method: 'GET', url, headers: auth(facilitatore) })).json<
      SnapshotView[]
    >();
    expect(after.map((s) => s.name)).toContain('Prima del ripristino di «Sessione 2 — 14 marzo»');
    const missing = await t.app.inject({
      method: 'GET',
      url: `${url}/nope/diff`,
      headers: auth(facilitatore),
    });
    expect(missing.statusCode).toBe(404);
  });
});

describe('documento istruttorio di sintesi over HTTP', () => {
  it('[EX6] the facilitator downloads it as DOCX and PDF; a referente may not', async () => {
    const t = await build();
    const { percorsoId, facilitatore, referente } = await tavolo(t);
    const docx = await t.app.inject({
      method: 'GET',
      url: `/api/percorsi/${percorsoId}/sintesi.docx`,
      headers: auth(facilitatore),
    });
    expect(docx.statusCode).toBe(200);
    const h1 = readDocx(docx.rawPayload)
      .paragraphs.filter((p) => p.style === 'Heading1')
      .map((p) => p.text);
    expect(h1).toContain('Tavolo: Tavolo anziani');
    expect(h1).toContain('Appendice A — Tracciabilità');
    const pdf = await t.app.inject({
      method: 'GET',
      url: `/api/percorsi/${percorsoId}/sintesi.pdf?lang=en`,
      headers: auth(facilitatore),
    });
    expect(pdf.statusCode).toBe(200);
    expect((await readPdf(pdf.rawPayload)).outline.map((o) => o.title)).toContain(
      'Appendix A — Traceability',
    );
    const refused = await t.app.inject({
      method: 'GET',
      url: `/api/percorsi/${percorsoId}/sintesi.docx`,
      headers: auth(referente),
    });
    expect(refused.statusCode).toBe(403);
  });
});
