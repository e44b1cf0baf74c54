import { isRecentItem, type RecentItem, recentList } from '../app/recentList';

/** Percorsi opened on this device, most recent first, so a facilitatore finds them again. */
export type RecentPercorso = RecentItem;

const recentPercorsi = recentList<RecentPercorso>('recentPercorsi', 8, isRecentItem);

export function readRecentPercorsi(): RecentPercorso[] {
  return recentPercorsi.read();
}

export function rememberPercorso(id: string, title: string): void {
  recentPercorsi.remember(id, title);
}
