import { isValidBoardId } from '@trama/shared';
import { type MouseEvent, useCallback, useSyncExternalStore } from 'react';

/**
 * A small pathname router: the app has a home page and one page per board, so a library
 * would add more than it saves. Routes are plain data so later pages slot in as new cases.
 */
export type Route =
  | { readonly name: 'home' }
  | { readonly name: 'board'; readonly boardId: string }
  | { readonly name: 'invalidBoard'; readonly boardId: string }
  | { readonly name: 'percorso'; readonly percorsoId: string }
  | { readonly name: 'projector'; readonly percorsoId: string }
  | { readonly name: 'confronto'; readonly percorsoId: string }
  | { readonly name: 'join'; readonly code: string | null }
  | { readonly name: 'notFound' };

const BOARD_PATH = /^\/b\/([^/]+)\/?$/;
const PERCORSO_PATH = /^\/p\/([^/]+)\/?$/;
const PLENARY_PATH = /^\/p\/([^/]+)\/(proiettore|confronto)\/?$/;
const JOIN_PATH = /^\/j(?:\/([^/]+))?\/?$/;

export function percorsoPath(percorsoId: string): string {
  return `/p/${encodeURIComponent(percorsoId)}`;
}

/** The plenary's wall view of a percorso (`/p/<id>/proiettore`). */
export function projectorPath(percorsoId: string): string {
  return `${percorsoPath(percorsoId)}/proiettore`;
}

/** The snodi side by side (`/p/<id>/confronto`). */
export function confrontoPath(percorsoId: string): string {
  return `${percorsoPath(percorsoId)}/confronto`;
}

function decode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

export function boardPath(boardId: string): string {
  return `/b/${encodeURIComponent(boardId)}`;
}

export function matchRoute(pathname: string): Route {
  if (pathname === '/' || pathname === '') return { name: 'home' };
  const match = BOARD_PATH.exec(pathname);
  if (match?.[1] !== undefined) {
    let boardId: string;
    try {
      boardId = decodeURIComponent(match[1]);
    } catch {
      return { name: 'notFound' };
    }
    return isValidBoardId(boardId) ? { name: 'board', boardId } : { name: 'invalidBoard', boardId };
  }
  const percorso = PERCORSO_PATH.exec(pathname);
  if (percorso?.[1] !== undefined) {
    const percorsoId = decode(percorso[1]);
    return percorsoId !== null && isValidBoardId(percorsoId)
      ? { name: 'percorso', percorsoId }
      : { name: 'notFound' };
  }
  const plenary = PLENARY_PATH.exec(pathname);
  if (plenary?.[1] !== undefined) {
    const percorsoId = decode(plenary[1]);
    if (percorsoId === null || !isValidBoardId(percorsoId)) return { name: 'notFound' };
    return plenary[2] === 'proiettore'
      ? { name: 'projector', percorsoId }
      : { name: 'confronto', percorsoId };
  }
  const join = JOIN_PATH.exec(pathname);
  if (join !== null) {
    if (join[1] === undefined) return { name: 'join', code: null };
    const code = decode(join[1]);
    return code === null ? { name: 'notFound' } : { name: 'join', code };
  }
  return { name: 'notFound' };
}

const NAVIGATE_EVENT = 'trama:navigate';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

function currentPathname(): string {
  return window.location.pathname;
}

/** Push a new history entry; `state` travels with it (e.g. the title of a board being created). */
export function navigate(path: string, state?: unknown): void {
  window.history.pushState(state ?? null, '', path);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
  window.scrollTo(0, 0);
}

export function useRoute(): Route {
  const pathname = useSyncExternalStore(subscribe, currentPathname);
  return matchRoute(pathname);
}

/** Click handler for in-app links: client-side navigation, but modified clicks open tabs as usual. */
export function useLinkHandler(href: string): (event: MouseEvent<HTMLAnchorElement>) => void {
  return useCallback(
    (event: MouseEvent<HTMLAnchorElement>) => {
      if (event.defaultPrevented || event.button !== 0) return;
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      navigate(href);
    },
    [href],
  );
}
