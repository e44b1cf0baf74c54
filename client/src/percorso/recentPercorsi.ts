import { isValidBoardId } from '@trama/shared';
import { readPreference, writePreference } from '../app/preferences';

/** Percorsi opened on this device, most recent first, so a facilitatore finds them again. */
export interface RecentPercorso {
  readonly id: string;
  readonly title: string;
  readonly openedAt: number;
}

const KEY = 'recentPercorsi';
const LIMIT = 8;

function isRecentPercorso(value: unknown): value is RecentPercorso {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record.id === 'string' &&
    isValidBoardId(record.id) &&
    typeof record.title === 'string' &&
    typeof record.openedAt === 'number'
  );
}

export function readRecentPercorsi(): RecentPercorso[] {
  const raw = readPreference(KEY);
  if (raw === null) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.filter(isRecentPercorso).slice(0, LIMIT) : [];
  } catch {
    return [];
  }
}

export function rememberPercorso(id: string, title: string): void {
  const others = readRecentPercorsi().filter((item) => item.id !== id);
  writePreference(
    KEY,
    JSON.stringify([{ id, title, openedAt: Date.now() }, ...others].slice(0, LIMIT)),
  );
}
