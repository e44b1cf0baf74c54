import { type AccessScope, canLockLanes, type MeReply, type Role } from '@trama/shared';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, api } from './api';
import {
  cachedMe,
  captureFragmentToken,
  forgetToken,
  readAccess,
  readShareLink,
  rememberMe,
  tokenForBoard,
  tokenForPercorso,
} from './tokens';

export type AccessStatus = 'checking' | 'granted' | 'denied' | 'missing';

export interface BoardAccess {
  /**
   * - `checking`: asking the server what the token opens;
   * - `granted`: the token opens this board (read or write, see `canEdit`);
   * - `denied`: the server refused the token, or it does not open this board;
   * - `missing`: this device has no token for the board: the user must join (`/j`).
   */
  readonly status: AccessStatus;
  readonly role: Role | null;
  /** May write into the board (the server enforces it; the UI hides editing controls). */
  readonly canEdit: boolean;
  /** May manage this board: lock lanes, export (facilitatore, or the snodo's referente). */
  readonly canManage: boolean;
  /** The bearer token for the API and the sync connection. */
  readonly token: string | null;
  readonly scope: AccessScope | null;
  /** The server's explanation when `denied`. */
  readonly message?: string | undefined;
  /** The full `GET /api/me` reply when known. */
  readonly me?: MeReply | undefined;
}

const NONE = { role: null, canEdit: false, canManage: false, scope: null } as const;

/** Pure: what `GET /api/me`'s reply means for one board. */
export function accessFromMe(me: MeReply, boardId: string, token: string): BoardAccess {
  const scope: AccessScope = { percorsoId: me.percorsoId, boardId: me.boardId };
  const board = me.boards.find((item) => item.boardId === boardId);
  if (board === undefined) {
    return { status: 'denied', ...NONE, role: me.role, token, scope, me };
  }
  return {
    status: 'granted',
    role: me.role,
    canEdit: board.permission === 'write',
    canManage: board.kind === 'snodo' && canLockLanes(me.role, scope, boardId),
    token,
    scope,
    me,
  };
}

/** How long to wait before asking again when the server could not be reached. */
const RETRY_MS = 5000;

type LookupKind = 'board' | 'percorso';

function lookupToken(kind: LookupKind, id: string): string | null {
  const access = readAccess();
  return kind === 'board' ? tokenForBoard(access, id) : tokenForPercorso(access, id);
}

/** The board whose permission matters: the board itself, or the percorso's own board. */
function targetBoard(kind: LookupKind, id: string, me: MeReply): string {
  return kind === 'board' ? id : me.percorsoBoardId;
}

function useAccess(kind: LookupKind, id: string): BoardAccess {
  const [token, setToken] = useState<string | null>(() => {
    captureFragmentToken();
    return lookupToken(kind, id);
  });
  const [result, setResult] = useState<BoardAccess>(() =>
    token === null
      ? { status: 'missing', ...NONE, token: null }
      : { status: 'checking', ...NONE, token },
  );
  const [attempt, setAttempt] = useState(0);

  // A new board id, or a token arriving in the fragment after in-app navigation.
  useEffect(() => {
    captureFragmentToken();
    setToken(lookupToken(kind, id));
  }, [kind, id]);

  useEffect(() => {
    // `attempt` re-runs this effect after a network failure.
    void attempt;
    if (token === null) {
      setResult({ status: 'missing', ...NONE, token: null });
      return;
    }
    const controller = new AbortController();
    let retry: ReturnType<typeof setTimeout> | undefined;
    setResult((previous) =>
      previous.token === token && previous.status === 'granted'
        ? previous
        : { status: 'checking', ...NONE, token },
    );
    api.me(token, controller.signal).then(
      (me) => {
        rememberMe(token, me);
        setResult(accessFromMe(me, targetBoard(kind, id, me), token));
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof ApiError && error.refused) {
          setResult({ status: 'denied', ...NONE, token, message: error.message });
          return;
        }
        // Offline or the server is down: trust what we learned last time, and ask again later.
        const cached = cachedMe(token);
        if (cached !== null) setResult(accessFromMe(cached, targetBoard(kind, id, cached), token));
        retry = setTimeout(() => setAttempt((n) => n + 1), RETRY_MS);
      },
    );
    return () => {
      controller.abort();
      if (retry !== undefined) clearTimeout(retry);
    };
  }, [token, attempt, kind, id]);

  return result;
}

/**
 * What this device may do on a board: finds the stored token (from a `#t=` link, a join, or
 * a percorso token that opens the board), asks `GET /api/me`, and derives role and
 * permissions. The server enforces everything; this only decides what the UI shows.
 */
export function useBoardAccess(boardId: string): BoardAccess {
  return useAccess('board', boardId);
}

/**
 * Access to a percorso's home (`/p/<percorsoId>`): the permission reported is the one on
 * the percorso board (steps 1–6); `canManage` is true for the facilitatore.
 */
export function usePercorsoAccess(percorsoId: string): BoardAccess {
  const access = useAccess('percorso', percorsoId);
  if (access.status === 'granted' && access.me !== undefined) {
    if (access.me.percorsoId !== percorsoId) {
      return { ...access, status: 'denied', canEdit: false, canManage: false };
    }
    return { ...access, canManage: access.role === 'facilitatore' };
  }
  return access;
}

/** Drop a token the server refused, so the next visit asks to join again. */
export function useForgetToken(): (token: string) => void {
  return useCallback((token: string) => forgetToken(token), []);
}

export {
  captureFragmentToken,
  hasJoined,
  markJoined,
  readShareLink,
  storeShareLink,
} from './tokens';

/**
 * Pure: the link to hand to others for a board. A link this device received when creating
 * the board (a partecipante invite), else a partecipante's own link (the same invite), else
 * the bare address, which opens only for people who already have access.
 */
export function shareLinkFor(
  boardId: string,
  access: Pick<BoardAccess, 'role' | 'token'>,
  stored: string | null,
  origin: string,
): string {
  if (stored !== null) return stored;
  const bare = `${origin}/b/${encodeURIComponent(boardId)}`;
  if (access.role === 'partecipante' && access.token !== null) {
    return `${bare}#t=${encodeURIComponent(access.token)}`;
  }
  return bare;
}

/** The share link of a board for the board page's "Link per partecipare". */
export function useShareLink(boardId: string, access: Pick<BoardAccess, 'role' | 'token'>): string {
  return shareLinkFor(boardId, access, readShareLink(boardId), window.location.origin);
}

/** An absolute URL for a server-given path (`/b/<id>#t=…`), on this page's origin. */
export function absoluteLink(path: string, origin: string = window.location.origin): string {
  return new URL(path, origin).toString();
}
