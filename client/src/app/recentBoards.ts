import { isValidBoardId } from '@trama/shared';
import { readPreference, writePreference } from './preferences';

export interface RecentBoard {
  readonly id: string;
  readonly title: string;
  readonly openedAt: number;
}

const KEY = 'recentBoards';
const LIMIT = 8;

function isRecentBoard(value: unknown): value is RecentBoard {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record.id === 'string' &&
    isValidBoardId(record.id) &&
    typeof record.title === 'string' &&
    typeof record.openedAt === 'number'
  );
}

/** Boards opened on this device, most recent first (so a participant can find their tavolo again). */
export function readRecentBoards(): RecentBoard[] {
  const raw = readPreference(KEY);
  if (raw === null) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.filter(isRecentBoard).slice(0, LIMIT) : [];
  } catch {
    return [];
  }
}

export function rememberBoard(id: string, title: string): void {
  const others = readRecentBoards().filter((board) => board.id !== id);
  const next = [{ id, title, openedAt: Date.now() }, ...others].slice(0, LIMIT);
  writePreference(KEY, JSON.stringify(next));
}
