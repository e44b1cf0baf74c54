import type { MeReply } from '@trama/shared';
import { describe, expect, test } from 'vitest';
import { accessFromMe, shareLinkFor } from '../src/auth/access';
import {
  fragmentWithoutToken,
  linkTarget,
  parseStoredAccess,
  personalTokenOf,
  type StoredAccess,
  tokenForBoard,
  tokenForPercorso,
  tokenFromFragment,
  withBoards,
  withMe,
  withoutToken,
  withReplacedToken,
  withToken,
} from '../src/auth/tokens';

const empty: StoredAccess = { boards: {}, percorsi: {} };

function me(partial: Partial<MeReply> = {}): MeReply {
  return {
    role: 'partecipante',
    percorsoId: 'perc1',
    percorsoBoardId: 'pboard',
    boardId: 'tavoloA',
    expiresAt: 2_000_000_000,
    boards: [
      { boardId: 'pboard', kind: 'percorso', title: 'Piano di Zona', permission: 'read' },
      { boardId: 'tavoloA', kind: 'snodo', title: 'Tavolo anziani', permission: 'write' },
      { boardId: 'tavoloB', kind: 'snodo', title: 'Tavolo minori', permission: 'read' },
    ],
    ...partial,
  };
}

describe('tokens in URL fragments', () => {
  test('the token is read from #t=, alone or among other pairs', () => {
    expect(tokenFromFragment('#t=abc.def')).toBe('abc.def');
    expect(tokenFromFragment('t=abc')).toBe('abc');
    expect(tokenFromFragment('#card=x&t=abc')).toBe('abc');
    expect(tokenFromFragment('#t=')).toBeNull();
    expect(tokenFromFragment('')).toBeNull();
    expect(tokenFromFragment('#other=1')).toBeNull();
  });

  test('stripping the token keeps the rest of the fragment', () => {
    expect(fragmentWithoutToken('#t=abc')).toBe('');
    expect(fragmentWithoutToken('#card=x&t=abc')).toBe('#card=x');
    expect(fragmentWithoutToken('')).toBe('');
  });

  test('link targets: snodo boards and percorso homes', () => {
    expect(linkTarget('/b/k7QmZ2xP9aBc')).toEqual({ kind: 'board', id: 'k7QmZ2xP9aBc' });
    expect(linkTarget('/p/perc_1/')).toEqual({ kind: 'percorso', id: 'perc_1' });
    expect(linkTarget('/j/K7QM-2XPA')).toBeNull();
    expect(linkTarget('/b/no spaces')).toBeNull();
  });
});

describe('stored access', () => {
  test('a board link stores the token for that board', () => {
    const access = withToken(empty, { kind: 'board', id: 'tavoloA' }, 'tokA');
    expect(tokenForBoard(access, 'tavoloA')).toBe('tokA');
    expect(tokenForBoard(access, 'tavoloB')).toBeNull();
  });

  test('a percorso token opens the boards /api/me listed for it', () => {
    let access = withToken(empty, { kind: 'percorso', id: 'perc1' }, 'fac');
    expect(tokenForPercorso(access, 'perc1')).toBe('fac');
    expect(tokenForBoard(access, 'tavoloA')).toBeNull();
    access = withMe(access, 'fac', me({ role: 'facilitatore', boardId: null }));
    expect(tokenForBoard(access, 'tavoloA')).toBe('fac');
    expect(tokenForBoard(access, 'pboard')).toBe('fac');
  });

  test("a board's own token wins over a percorso token", () => {
    let access = withToken(empty, { kind: 'percorso', id: 'perc1' }, 'fac');
    access = withMe(access, 'fac', me({ role: 'facilitatore', boardId: null }));
    access = withToken(access, { kind: 'board', id: 'tavoloA' }, 'part');
    expect(tokenForBoard(access, 'tavoloA')).toBe('part');
    expect(tokenForBoard(access, 'tavoloB')).toBe('fac');
  });

  test("a participant's token fills an empty percorso entry but never replaces another", () => {
    let access = withToken(empty, { kind: 'board', id: 'tavoloA' }, 'part');
    access = withMe(access, 'part', me());
    expect(tokenForPercorso(access, 'perc1')).toBe('part');

    let facilitator = withToken(empty, { kind: 'percorso', id: 'perc1' }, 'fac');
    facilitator = withMe(facilitator, 'part', me());
    expect(tokenForPercorso(facilitator, 'perc1')).toBe('fac');
  });

  test('boards learned later join the percorso entry of the same token only', () => {
    const access = withToken(empty, { kind: 'percorso', id: 'perc1' }, 'fac');
    const more = withBoards(access, 'perc1', 'fac', ['tavoloC']);
    expect(tokenForBoard(more, 'tavoloC')).toBe('fac');
    expect(withBoards(access, 'perc1', 'other', ['tavoloC'])).toBe(access);
    expect(withBoards(more, 'perc1', 'fac', ['tavoloC'])).toBe(more);
  });

  test('a refused token is forgotten everywhere', () => {
    let access = withToken(empty, { kind: 'board', id: 'tavoloA' }, 'part');
    access = withMe(access, 'part', me());
    access = withToken(access, { kind: 'board', id: 'tavoloB' }, 'other');
    const after = withoutToken(access, 'part');
    expect(tokenForBoard(after, 'tavoloA')).toBeNull();
    expect(tokenForPercorso(after, 'perc1')).toBeNull();
    expect(tokenForBoard(after, 'tavoloB')).toBe('other');
  });

  test('stored JSON that is damaged or foreign reads as nothing', () => {
    expect(parseStoredAccess(null)).toEqual(empty);
    expect(parseStoredAccess('{')).toEqual(empty);
    expect(parseStoredAccess('[1,2]')).toEqual(empty);
    expect(
      parseStoredAccess(
        JSON.stringify({ boards: { a: 1 }, percorsi: { p: { token: 't', boardIds: ['x', 2] } } }),
      ),
    ).toEqual({ boards: {}, percorsi: { p: { token: 't', boardIds: ['x'] } } });
  });
});

describe('the personal token after joining', () => {
  test('replaces the invite token wherever it was stored, and nothing else', () => {
    const access: StoredAccess = {
      boards: { tavoloA: 'invite', tavoloB: 'other' },
      percorsi: {
        perc1: { token: 'invite', boardIds: ['tavoloA'] },
        perc2: { token: 'other', boardIds: [] },
      },
    };
    const next = withReplacedToken(access, 'invite', 'personal');
    expect(next.boards).toEqual({ tavoloA: 'personal', tavoloB: 'other' });
    expect(next.percorsi.perc1).toEqual({ token: 'personal', boardIds: ['tavoloA'] });
    expect(next.percorsi.perc2?.token).toBe('other');
    expect(tokenForBoard(next, 'tavoloA')).toBe('personal');
    expect(withReplacedToken(access, 'invite', 'invite')).toBe(access);
  });

  test('a join reply without a token keeps the invite token', () => {
    expect(personalTokenOf('invite', { token: 'personal' })).toBe('personal');
    expect(personalTokenOf('invite', { token: '' })).toBe('invite');
    expect(personalTokenOf('invite', {} as { token: string })).toBe('invite');
  });
});

describe('accessFromMe', () => {
  test('a partecipante writes its own tavolo, reads another, manages none', () => {
    const own = accessFromMe(me(), 'tavoloA', 'tok');
    expect(own).toMatchObject({ status: 'granted', role: 'partecipante', canEdit: true });
    expect(own.canManage).toBe(false);
    expect(own.scope).toEqual({ percorsoId: 'perc1', boardId: 'tavoloA' });
    expect(accessFromMe(me(), 'tavoloB', 'tok')).toMatchObject({ canEdit: false });
  });

  test('a board the token does not list is denied', () => {
    expect(accessFromMe(me(), 'elsewhere', 'tok').status).toBe('denied');
  });

  test('a referente manages its own snodo only; the facilitatore manages every snodo', () => {
    const referente = me({ role: 'referente' });
    expect(accessFromMe(referente, 'tavoloA', 't').canManage).toBe(true);
    expect(accessFromMe(referente, 'tavoloB', 't').canManage).toBe(false);
    const facilitatore = me({
      role: 'facilitatore',
      boardId: null,
      boards: me().boards.map((board) => ({ ...board, permission: 'write' as const })),
    });
    expect(accessFromMe(facilitatore, 'tavoloB', 't')).toMatchObject({
      canEdit: true,
      canManage: true,
    });
    expect(accessFromMe(facilitatore, 'pboard', 't').canManage).toBe(false);
  });

  test('an osservatore reads and never edits', () => {
    const osservatore = me({
      role: 'osservatore',
      boardId: null,
      boards: me().boards.map((board) => ({ ...board, permission: 'read' as const })),
    });
    for (const board of ['pboard', 'tavoloA', 'tavoloB']) {
      expect(accessFromMe(osservatore, board, 't')).toMatchObject({
        status: 'granted',
        canEdit: false,
        canManage: false,
      });
    }
  });
});

describe('shareLinkFor', () => {
  const origin = 'https://trama.comune.it';
  test('the stored invite link first, then a partecipante’s own link, else the bare address', () => {
    expect(
      shareLinkFor(
        'tavoloA',
        { role: 'facilitatore', token: 'fac' },
        `${origin}/b/tavoloA#t=inv`,
        origin,
      ),
    ).toBe(`${origin}/b/tavoloA#t=inv`);
    expect(shareLinkFor('tavoloA', { role: 'partecipante', token: 'p.1' }, null, origin)).toBe(
      `${origin}/b/tavoloA#t=p.1`,
    );
    // A referente's or facilitatore's own token is never handed out as a share link.
    expect(shareLinkFor('tavoloA', { role: 'referente', token: 'ref' }, null, origin)).toBe(
      `${origin}/b/tavoloA`,
    );
    expect(shareLinkFor('tavoloA', { role: null, token: null }, null, origin)).toBe(
      `${origin}/b/tavoloA`,
    );
  });
});
