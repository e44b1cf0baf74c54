import { isValidBoardId } from '@trama/shared';
import { tokenFromFragment } from '../auth/tokens';

/**
 * What someone typed or pasted in "Entra con un codice": a short invite code (`K7QM-2XPA`,
 * any case, with or without the dash or spaces), or a Trama link (`…/b/<id>#t=…`,
 * `…/p/<id>#t=…`, `…/j/<code>`), or a bare board id this device already holds a token for.
 */
export type JoinInput =
  | { readonly kind: 'code'; readonly code: string }
  | { readonly kind: 'link'; readonly path: string; readonly token: string | null }
  | { readonly kind: 'board'; readonly boardId: string };

const CODE = /^([A-Z0-9]{4})-?([A-Z0-9]{4})$/;
const LINK_PATH = /^\/(?:b|p)\/[A-Za-z0-9_-]{1,64}\/?$/;
const JOIN_PATH = /^\/j\/([^/]+)\/?$/;

/** Pure: normalises a typed code to its canonical form, or null. */
export function normaliseCode(text: string): string | null {
  const compact = text.replace(/[\s]+/g, '').toUpperCase();
  const match = CODE.exec(compact);
  return match === null ? null : `${match[1]}-${match[2]}`;
}

export function parseJoinInput(text: string): JoinInput | null {
  const input = text.trim();
  if (input === '') return null;
  const code = normaliseCode(input);
  if (code !== null) return { kind: 'code', code };
  let url: URL | null = null;
  try {
    if (/^https?:\/\//i.test(input)) url = new URL(input);
    else if (input.startsWith('/')) url = new URL(input, 'http://local');
    else if (/^[^\s/]+\.[^\s/]+\/./.test(input)) url = new URL(`https://${input}`);
  } catch {
    url = null;
  }
  if (url !== null) {
    const join = JOIN_PATH.exec(url.pathname);
    if (join?.[1] !== undefined) {
      let raw = join[1];
      try {
        raw = decodeURIComponent(raw);
      } catch {
        return null;
      }
      const linkCode = normaliseCode(raw);
      return linkCode === null ? null : { kind: 'code', code: linkCode };
    }
    if (LINK_PATH.test(url.pathname)) {
      return {
        kind: 'link',
        path: url.pathname.replace(/\/$/, ''),
        token: tokenFromFragment(url.hash),
      };
    }
    return null;
  }
  return isValidBoardId(input) ? { kind: 'board', boardId: input } : null;
}
