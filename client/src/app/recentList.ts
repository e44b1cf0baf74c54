import { isValidBoardId } from '@trama/shared';
import { readPreference, writePreference } from './preferences';

/** An item remembered on this device, most recent first. */
export interface RecentItem {
  readonly id: string;
  readonly title: string;
  readonly openedAt: number;
}

/** Whether a stored value is a well-formed {@link RecentItem} (its id a valid board id). */
export function isRecentItem(value: unknown): value is RecentItem {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record.id === 'string' &&
    isValidBoardId(record.id) &&
    typeof record.title === 'string' &&
    typeof record.openedAt === 'number'
  );
}

export interface RecentList<T extends RecentItem> {
  /** The remembered items, most recent first, at most `limit`; [] when storage is unreadable. */
  read(): T[];
  /** Puts `id` first (dropping its older entry) and trims the list to `limit`. */
  remember(id: string, title: string): void;
}

/** A most-recent-first list of `{ id, title, openedAt }` kept in a preference under `key`. */
export function recentList<T extends RecentItem>(
  key: string,
  limit: number,
  isItem: (value: unknown) => value is T,
): RecentList<T> {
  function read(): T[] {
    const raw = readPreference(key);
    if (raw === null) return [];
    try {
      const parsed: unknown = JSON.parse(raw);
      return Array.isArray(parsed) ? parsed.filter(isItem).slice(0, limit) : [];
    } catch {
      return [];
    }
  }

  function remember(id: string, title: string): void {
    const others = read().filter((item) => item.id !== id);
    const next = [{ id, title, openedAt: Date.now() }, ...others].slice(0, limit);
    writePreference(key, JSON.stringify(next));
  }

  return { read, remember };
}
