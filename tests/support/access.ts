/**
 * Access for tests: every sync connection needs a token, so the harness registers each
 * board a test uses in the server's access registry (the same SQLite file, opened from the
 * test process) and mints a token for it with the server's own secret from its data dir.
 */
import path from 'node:path';
import {
  AccessGuard,
  AccessRegistry,
  DATABASE_FILE,
  loadTokenSecret,
  TokenSigner,
} from '@trama/server';
import { type Role, randomId } from '@trama/shared';

const dataDirs = new Map<string, string>();
const tokens = new Map<string, string>();

/** Remembers which data dir serves `syncUrl`, so tokens can be minted for it. */
export function registerServer(syncUrl: string, dataDir: string): void {
  dataDirs.set(syncUrl, dataDir);
}

/** A token opening `boardId` with `role` (a snodo board of its own percorso if new). */
export function boardToken(syncUrl: string, boardId: string, role: Role = 'facilitatore'): string {
  const dataDir = dataDirs.get(syncUrl);
  if (!dataDir) throw new Error(`no server registered for ${syncUrl}`);
  const key = `${dataDir}|${boardId}|${role}`;
  const known = tokens.get(key);
  if (known) return known;
  const registry = new AccessRegistry(path.join(dataDir, DATABASE_FILE));
  try {
    const guard = new AccessGuard(registry, new TokenSigner(loadTokenSecret(dataDir, undefined)));
    let board = registry.getBoard(boardId);
    if (!board) {
      const percorsoId = randomId(12);
      registry.createPercorso({
        id: percorsoId,
        boardId: randomId(12),
        title: `test ${boardId}`,
        ente: 'test',
        createdAt: Date.now(),
      });
      board = { id: boardId, percorsoId, kind: 'snodo' };
      registry.addBoard(board);
    }
    const wholePercorso = role === 'facilitatore' || role === 'proiettore';
    const { token } = guard.createInvite({
      percorsoId: board.percorsoId,
      boardId: wholePercorso ? null : boardId,
      role,
      label: 'test',
      expiresAt: Date.now() + 24 * 3_600_000,
    });
    tokens.set(key, token);
    return token;
  } finally {
    registry.close();
  }
}
