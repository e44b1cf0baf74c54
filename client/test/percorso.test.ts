import type { InviteView } from '@trama/shared';
import { initPercorsoBoard, riferimenti, snodi, tappe } from '@trama/shared';
import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { matchRoute, percorsoPath } from '../src/app/router';
import { boardRequirement, inviteBody, inviteState } from '../src/invites/InvitesPanel';
import { qrDataUrl } from '../src/invites/qr';
import { percorsoDraftProblems } from '../src/percorso/CreatePercorso';
import { PercorsoStore, readPercorso, sortTappe } from '../src/percorso/percorsoStore';
import { pickText } from '../src/percorso/StepSection';

describe('routes of issue #5', () => {
  test('percorso homes and the join page', () => {
    expect(matchRoute('/p/perc_1')).toEqual({ name: 'percorso', percorsoId: 'perc_1' });
    expect(matchRoute(percorsoPath('perc-2'))).toEqual({ name: 'percorso', percorsoId: 'perc-2' });
    expect(matchRoute('/p/no%20spaces')).toEqual({ name: 'notFound' });
    expect(matchRoute('/j')).toEqual({ name: 'join', code: null });
    expect(matchRoute('/j/')).toEqual({ name: 'join', code: null });
    expect(matchRoute('/j/K7QM-2XPA')).toEqual({ name: 'join', code: 'K7QM-2XPA' });
    expect(matchRoute('/j/%E0%A4%A')).toEqual({ name: 'notFound' });
  });
});

describe('invites', () => {
  test('which roles need a snodo', () => {
    expect(boardRequirement('partecipante')).toBe('required');
    expect(boardRequirement('referente')).toBe('required');
    expect(boardRequirement('osservatore')).toBe('optional');
    expect(boardRequirement('proiettore')).toBe('none');
    expect(boardRequirement('facilitatore')).toBe('none');
  });

  test('the body of a new invite', () => {
    expect(inviteBody('partecipante', '', 720, '')).toBeNull();
    expect(inviteBody('partecipante', 'tavoloA', 720, '  Sessione 1 ')).toEqual({
      role: 'partecipante',
      boardId: 'tavoloA',
      expiresInHours: 720,
      label: 'Sessione 1',
    });
    expect(inviteBody('osservatore', '', 24, '')).toEqual({
      role: 'osservatore',
      expiresInHours: 24,
    });
    expect(inviteBody('proiettore', 'tavoloA', 24, '')).toEqual({
      role: 'proiettore',
      expiresInHours: 24,
    });
  });

  test('active, expired, revoked', () => {
    const invite: InviteView = {
      id: 'i1',
      role: 'partecipante',
      boardId: 'tavoloA',
      label: '',
      code: 'K7QM-2XPA',
      link: '/b/tavoloA#t=x',
      token: 'x',
      createdAt: 0,
      expiresAt: 1000,
      revokedAt: null,
      joined: [],
    };
    expect(inviteState(invite, 999)).toBe('active');
    expect(inviteState(invite, 1000)).toBe('expired');
    expect(inviteState({ ...invite, revokedAt: 10 }, 5)).toBe('revoked');
  });

  test('a QR code is an SVG image of the link', async () => {
    const url = await qrDataUrl('https://trama.comune.it/b/tavoloA#t=abc');
    expect(url.startsWith('data:image/svg+xml;charset=utf-8,')).toBe(true);
    expect(decodeURIComponent(url)).toContain('<svg');
  });
});

describe('percorso setup', () => {
  test('a new percorso needs a title and an ente', () => {
    expect(percorsoDraftProblems({ title: ' ', ente: '', ambito: '', creationKey: '' })).toEqual({
      title: true,
      ente: true,
    });
    expect(
      percorsoDraftProblems({ title: 'PdZ', ente: 'Comune', ambito: '', creationKey: '' }),
    ).toEqual({});
  });

  test('method texts in the UI language', () => {
    expect(pickText({ it: 'Verso dove?', en: 'Where to?' }, 'en')).toEqual({
      text: 'Where to?',
      lang: 'en',
    });
    expect(pickText({ it: 'Verso dove?', en: 'Where to?' }, 'it')).toEqual({
      text: 'Verso dove?',
      lang: 'it',
    });
  });

  test('the calendar in date order', () => {
    const items = [
      { id: 'b', createdAt: 2, titolo: 'B', tipo: 'sessione' as const, data: '2026-03-12' },
      { id: 'a', createdAt: 3, titolo: 'A', tipo: 'tappa' as const, data: '2026-02-01' },
      { id: 'c', createdAt: 1, titolo: 'C', tipo: 'sessione' as const, data: '2026-03-12' },
    ];
    expect(sortTappe(items).map((item) => item.id)).toEqual(['a', 'c', 'b']);
  });

  test('the store re-renders on record changes, not on rich-text typing', () => {
    const doc = new Y.Doc();
    initPercorsoBoard(doc, { title: 'Piano di Zona 2026' });
    const store = new PercorsoStore(doc);
    let calls = 0;
    const unsubscribe = store.subscribe(() => {
      calls += 1;
    });
    expect(store.getSnapshot().title).toBe('Piano di Zona 2026');
    expect(store.getSnapshot().mandate.length).toBeGreaterThan(0);

    riferimenti.add(doc, { titolo: 'DM 72/2021', tipo: 'normativo' });
    expect(calls).toBe(1);
    expect(store.getSnapshot().riferimenti.map((r) => r.titolo)).toEqual(['DM 72/2021']);

    doc.getXmlFragment('text.obiettivoGenerale').insert(0, [new Y.XmlText('Verso dove')]);
    expect(calls).toBe(1);

    snodi.add(doc, { tipo: 'tavolo', titolo: 'Tavolo anziani', boardId: 'tavoloA' });
    tappe.add(doc, { titolo: 'Plenaria', tipo: 'tappa', data: '2026-02-01' });
    expect(calls).toBe(3);
    expect(readPercorso(doc).snodi[0]?.boardId).toBe('tavoloA');
    unsubscribe();
  });
});

describe('method terms stay Italian in English', () => {
  test('roles, kinds of snodo, domande guida', async () => {
    const { it: italian } = await import('../src/i18n/it');
    const { en } = await import('../src/i18n/en');
    expect(en.access.roles).toEqual(italian.access.roles);
    expect(en.percorso.snodi.tipi).toEqual(italian.percorso.snodi.tipi);
    expect(en.percorso.steps.domandeGuida).toBe(italian.percorso.steps.domandeGuida);
    expect(en.percorso.kicker).toBe(italian.percorso.kicker);
  });
});
