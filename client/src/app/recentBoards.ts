import { isRecentItem, type RecentItem, recentList } from './recentList';

export type RecentBoard = RecentItem;

const recentBoards = recentList<RecentBoard>('recentBoards', 8, isRecentItem);

/** Boards opened on this device, most recent first (so a participant can find their tavolo again). */
export function readRecentBoards(): RecentBoard[] {
  return recentBoards.read();
}

export function rememberBoard(id: string, title: string): void {
  recentBoards.remember(id, title);
}
