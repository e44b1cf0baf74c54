import type { JoinReply, MeReply } from '@trama/shared';
import { readPreference, writePreference } from '../app/preferences';

/**
 * Access tokens kept on this device. Tokens travel in URL fragments (`#t=<token>`), never in
 * a page's path or query, so they never reach a server log; on arrival the fragment is read,
 * the token is stored here (per board id and per percorso id) and the fragment is removed
 * from the address bar.
 *
 * Stored shape (`trama.access`):
 * - `boards[boardId]`: the token that opened that board's link;
 * - `percorsi[percorsoId]`: the token that opened the percorso's home, or the first token
 *   seen for the percorso, with the boards it opens (learned from `GET /api/me`).
 */
export interface StoredAccess {
  boards: Record<string, string>;
  percorsi: Record<string, { token: string; boardIds: string[] }>;
}

const KEY = 'access';
const ME_KEY_PREFIX = 'me.';
const JOINED_KEY = 'joinedTokens';
const SHARE_KEY = 'shareLinks';
const PERSONAL_KEY = 'personalTokens';

function empty(): StoredAccess {
  return { boards: {}, percorsi: {} };
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.values(value).every((item) => typeof item === 'string')
  );
}

export function parseStoredAccess(raw: string | null): StoredAccess {
  if (raw === null) return empty();
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== 'object' || parsed === null) return empty();
    const record = parsed as Record<string, unknown>;
    const boards = isStringRecord(record.boards) ? record.boards : {};
    const percorsi: StoredAccess['percorsi'] = {};
    if (typeof record.percorsi === 'object' && record.percorsi !== null) {
      for (const [id, entry] of Object.entries(record.percorsi)) {
        if (typeof entry !== 'object' || entry === null) continue;
        const { token, boardIds } = entry as Record<string, unknown>;
        if (typeof token !== 'string') continue;
        percorsi[id] = {
          token,
          boardIds: Array.isArray(boardIds)
            ? boardIds.filter((b): b is string => typeof b === 'string')
            : [],
        };
      }
    }
    return { boards, percorsi };
  } catch {
    return empty();
  }
}

export function readAccess(): StoredAccess {
  return parseStoredAccess(readPreference(KEY));
}

function writeAccess(access: StoredAccess): void {
  writePreference(KEY, JSON.stringify(access));
}

/** The token in a URL fragment (`#t=<token>`, possibly among other `&`-separated pairs). */
export function tokenFromFragment(hash: string): string | null {
  const fragment = hash.startsWith('#') ? hash.slice(1) : hash;
  if (fragment === '') return null;
  const params = new URLSearchParams(fragment);
  const token = params.get('t')?.trim() ?? '';
  return token === '' ? null : token;
}

/** The fragment with the token removed: `''` when nothing else was in it. */
export function fragmentWithoutToken(hash: string): string {
  const fragment = hash.startsWith('#') ? hash.slice(1) : hash;
  const params = new URLSearchParams(fragment);
  params.delete('t');
  const rest = params.toString();
  return rest === '' ? '' : `#${rest}`;
}

const BOARD_LINK = /^\/b\/([A-Za-z0-9_-]{1,64})\/?$/;
const PERCORSO_LINK = /^\/p\/([A-Za-z0-9_-]{1,64})\/?$/;

export type LinkTarget =
  | { readonly kind: 'board'; readonly id: string }
  | { readonly kind: 'percorso'; readonly id: string };

/** What a page path opens: a snodo board (`/b/<id>`) or a percorso home (`/p/<id>`). */
export function linkTarget(pathname: string): LinkTarget | null {
  const board = BOARD_LINK.exec(pathname);
  if (board?.[1] !== undefined) return { kind: 'board', id: board[1] };
  const percorso = PERCORSO_LINK.exec(pathname);
  if (percorso?.[1] !== undefined) return { kind: 'percorso', id: percorso[1] };
  return null;
}

/** Pure: the stored access after a token arrived for a link target. */
export function withToken(access: StoredAccess, target: LinkTarget, token: string): StoredAccess {
  if (target.kind === 'board') {
    return { ...access, boards: { ...access.boards, [target.id]: token } };
  }
  const previous = access.percorsi[target.id];
  const boardIds = previous?.token === token ? previous.boardIds : [];
  return { ...access, percorsi: { ...access.percorsi, [target.id]: { token, boardIds } } };
}

/**
 * Pure: the stored access after `GET /api/me` told what a token opens. The percorso entry is
 * filled when empty (a participant's token also opens the percorso's home) or refreshed when
 * it is the same token; a token that came from the percorso's own link is never replaced.
 */
export function withMe(access: StoredAccess, token: string, me: MeReply): StoredAccess {
  const previous = access.percorsi[me.percorsoId];
  if (previous !== undefined && previous.token !== token) return access;
  const boardIds = me.boards.map((board) => board.boardId);
  return {
    ...access,
    percorsi: { ...access.percorsi, [me.percorsoId]: { token, boardIds } },
  };
}

/** Pure: which token to use for a board, the board's own first, then a percorso's that opens it. */
export function tokenForBoard(access: StoredAccess, boardId: string): string | null {
  const own = access.boards[boardId];
  if (own !== undefined) return own;
  for (const entry of Object.values(access.percorsi)) {
    if (entry.boardIds.includes(boardId)) return entry.token;
  }
  return null;
}

export function tokenForPercorso(access: StoredAccess, percorsoId: string): string | null {
  return access.percorsi[percorsoId]?.token ?? null;
}

/** Pure: forget a refused token everywhere it is stored. */
export function withoutToken(access: StoredAccess, token: string): StoredAccess {
  const boards = Object.fromEntries(Object.entries(access.boards).filter(([, t]) => t !== token));
  const percorsi = Object.fromEntries(
    Object.entries(access.percorsi).filter(([, entry]) => entry.token !== token),
  );
  return { boards, percorsi };
}

/**
 * Store a token that arrived for a link target. An invite this device already joined with
 * is stored as the personal token that join gave, so reopening the invite link keeps the
 * same person (and their vote budget).
 */
export function storeToken(target: LinkTarget, token: string): void {
  writeAccess(withToken(readAccess(), target, personalTokenFor(token) ?? token));
}

export function rememberMe(token: string, me: MeReply): void {
  writeAccess(withMe(readAccess(), token, me));
  writePreference(ME_KEY_PREFIX + meKey(token), JSON.stringify(me));
}

export function forgetToken(token: string): void {
  writeAccess(withoutToken(readAccess(), token));
}

/** The last `GET /api/me` reply for a token, for when the server cannot be reached. */
export function cachedMe(token: string): MeReply | null {
  const raw = readPreference(ME_KEY_PREFIX + meKey(token));
  if (raw === null) return null;
  try {
    const parsed = JSON.parse(raw) as MeReply;
    return typeof parsed.role === 'string' && Array.isArray(parsed.boards) ? parsed : null;
  } catch {
    return null;
  }
}

/** Pure: the percorso entry learns more boards its token opens (e.g. a snodo just created). */
export function withBoards(
  access: StoredAccess,
  percorsoId: string,
  token: string,
  boardIds: readonly string[],
): StoredAccess {
  const previous = access.percorsi[percorsoId];
  if (previous === undefined || previous.token !== token) return access;
  const merged = [...new Set([...previous.boardIds, ...boardIds])];
  if (merged.length === previous.boardIds.length) return access;
  return { ...access, percorsi: { ...access.percorsi, [percorsoId]: { token, boardIds: merged } } };
}

export function rememberBoards(
  percorsoId: string,
  token: string,
  boardIds: readonly string[],
): void {
  const access = readAccess();
  const next = withBoards(access, percorsoId, token, boardIds);
  if (next !== access) writeAccess(next);
}

function readList(key: string): string[] {
  const raw = readPreference(key);
  if (raw === null) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.filter((item) => typeof item === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * Whether this device already joined with a token (name and ente given, `POST /api/join`
 * done), or created it (the facilitator's own link): the join form is asked once per token.
 */
export function hasJoined(token: string): boolean {
  return readList(JOINED_KEY).includes(meKey(token));
}

export function markJoined(token: string): void {
  const list = readList(JOINED_KEY);
  const key = meKey(token);
  if (!list.includes(key)) writePreference(JOINED_KEY, JSON.stringify([...list, key].slice(-200)));
}

/**
 * Ask the join form again for a token: a device that joined before joins gave personal tokens
 * still holds the invite's, which the server refuses for votes ("join first").
 */
export function forgetJoined(token: string): void {
  const key = meKey(token);
  writePreference(JOINED_KEY, JSON.stringify(readList(JOINED_KEY).filter((item) => item !== key)));
}

/** The link to hand to others for a board this device created (a partecipante invite). */
export function storeShareLink(boardId: string, link: string): void {
  const raw = readPreference(SHARE_KEY);
  let links: Record<string, string> = {};
  try {
    const parsed: unknown = raw === null ? {} : JSON.parse(raw);
    if (isStringRecord(parsed)) links = parsed;
  } catch {
    links = {};
  }
  writePreference(SHARE_KEY, JSON.stringify({ ...links, [boardId]: link }));
}

/** An absolute share link (with its `#t=` token) for a board, if this device has one. */
export function readShareLink(boardId: string): string | null {
  const raw = readPreference(SHARE_KEY);
  if (raw === null) return null;
  try {
    const parsed: unknown = JSON.parse(raw);
    return isStringRecord(parsed) ? (parsed[boardId] ?? null) : null;
  } catch {
    return null;
  }
}

/** Pure: every place the invite token was stored now holds the personal token. */
export function withReplacedToken(access: StoredAccess, from: string, to: string): StoredAccess {
  if (from === to) return access;
  const boards = Object.fromEntries(
    Object.entries(access.boards).map(([id, token]) => [id, token === from ? to : token]),
  );
  const percorsi = Object.fromEntries(
    Object.entries(access.percorsi).map(([id, entry]) => [
      id,
      entry.token === from ? { ...entry, token: to } : entry,
    ]),
  );
  return { boards, percorsi };
}

function readPersonalTokens(): Record<string, string> {
  const raw = readPreference(PERSONAL_KEY);
  if (raw === null) return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    return isStringRecord(parsed) ? parsed : {};
  } catch {
    return {};
  }
}

/** The personal token this device got when it joined with an invite token, if it did. */
export function personalTokenFor(inviteToken: string): string | null {
  return readPersonalTokens()[meKey(inviteToken)] ?? null;
}

/** Pure: the personal token of a join reply, or the invite's own when the server sent none. */
export function personalTokenOf(inviteToken: string, reply: Pick<JoinReply, 'token'>): string {
  return typeof reply.token === 'string' && reply.token !== '' ? reply.token : inviteToken;
}

/**
 * After `POST /api/join`: from now on this device uses the person's own token (same invite,
 * scope and expiry, plus who they are) wherever it used the invite's, for every request and
 * the sync connection; it counts as joined. A partecipante's "share link" keeps handing out
 * the invite, never the personal token. Returns the token to use.
 */
export function adoptPersonalToken(
  inviteToken: string,
  reply: JoinReply,
  target: LinkTarget | null = null,
  origin: string = window.location.origin,
): string {
  const personal = personalTokenOf(inviteToken, reply);
  if (personal !== inviteToken) {
    const mapping = Object.entries({ ...readPersonalTokens(), [meKey(inviteToken)]: personal });
    writePreference(PERSONAL_KEY, JSON.stringify(Object.fromEntries(mapping.slice(-100))));
    if (reply.role === 'partecipante' && reply.boardId !== null && !readShareLink(reply.boardId)) {
      const board = encodeURIComponent(reply.boardId);
      storeShareLink(reply.boardId, `${origin}/b/${board}#t=${encodeURIComponent(inviteToken)}`);
    }
  }
  let access = withReplacedToken(readAccess(), inviteToken, personal);
  if (target !== null) access = withToken(access, target, personal);
  writeAccess(access);
  const { token: _token, ...me } = reply;
  rememberMe(personal, me);
  markJoined(personal);
  return personal;
}

/** A short, stable key for a token (not the token itself, which can be long). */
function meKey(token: string): string {
  let hash = 0;
  for (let i = 0; i < token.length; i++) hash = (Math.imul(hash, 31) + token.charCodeAt(i)) | 0;
  return `${(hash >>> 0).toString(36)}${token.length}`;
}

/**
 * Read `#t=<token>` from the address bar, store it for the page's board or percorso, and
 * remove it from the address bar (and history) with `history.replaceState`. Idempotent:
 * call it as early as possible on every page load and after in-app navigation.
 */
export function captureFragmentToken(location: Location = window.location): LinkTarget | null {
  const token = tokenFromFragment(location.hash);
  if (token === null) return null;
  const target = linkTarget(location.pathname);
  if (target !== null) storeToken(target, token);
  const url = `${location.pathname}${location.search}${fragmentWithoutToken(location.hash)}`;
  window.history.replaceState(window.history.state, '', url);
  return target;
}
