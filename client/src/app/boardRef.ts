import { isValidBoardId } from '@trama/shared';
import { matchRoute } from './router';

/**
 * The board id in what someone pasted: a bare id (`k7Qm…`), a full link
 * (`https://host/b/k7Qm…`), or a link without its scheme (`host/b/k7Qm…`). Null if none.
 */
export function parseBoardRef(input: string): string | null {
  const text = input.trim();
  if (text === '') return null;
  if (isValidBoardId(text)) return text;
  const pathname = pathnameOf(text);
  if (pathname === null) return null;
  const route = matchRoute(pathname);
  return route.name === 'board' ? route.boardId : null;
}

function pathnameOf(text: string): string | null {
  if (text.startsWith('/')) return text.split(/[?#]/)[0] ?? text;
  for (const candidate of [text, `https://${text}`]) {
    try {
      return new URL(candidate).pathname;
    } catch {
      // not a URL in this form; try the next
    }
  }
  return null;
}
