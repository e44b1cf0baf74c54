import { z } from 'zod';

/**
 * Who may do what on which board. Pure policy shared by the server (which enforces it on
 * every connection and route) and the client (which only hides what would be refused).
 */

export const ROLES = [
  'facilitatore',
  'referente',
  'partecipante',
  'osservatore',
  'proiettore',
] as const;
export type Role = (typeof ROLES)[number];

/** Roles an invite can carry (the facilitator's own link is minted with the percorso). */
export const INVITE_ROLES = ROLES;

/**
 * What a token opens. `boardId` null: every board of the percorso (facilitatore,
 * osservatore, proiettore); otherwise one snodo board (referente, partecipante, and an
 * osservatore invited to one tavolo).
 */
export interface AccessScope {
  percorsoId: string;
  boardId: string | null;
}

/** The signed content of an access token. */
export const tokenClaimsSchema = z.object({
  /** Format version of the claims. */
  v: z.literal(1),
  /** The invite this token belongs to: revoking the invite revokes the token. */
  iid: z.string().min(1).max(64),
  pid: z.string().min(1).max(64),
  /** Snodo board id, or null for the whole percorso. */
  bid: z.string().min(1).max(64).nullable(),
  role: z.enum(ROLES),
  /** Expiry, seconds since the epoch. */
  exp: z.number().int().positive(),
  /**
   * The person: set on the personal token `POST /api/join` returns, so one invite link
   * shared by a whole tavolo still gives each person their own identity (one vote budget
   * each). Absent on invite tokens.
   */
  sub: z.string().min(1).max(64).optional(),
});
export type TokenClaims = z.infer<typeof tokenClaimsSchema>;

export type BoardKindForAccess = 'percorso' | 'snodo';

export interface BoardAccessContext {
  role: Role;
  scope: AccessScope;
  /** The board asked for, with the percorso it belongs to. */
  board: { id: string; kind: BoardKindForAccess; percorsoId: string };
  /** The percorso lets participants read the other snodi's boards. */
  participantsReadOtherSnodi: boolean;
}

export type BoardPermission = 'none' | 'read' | 'write';

/** [A1] What a role may do on a board. */
export function boardPermission(ctx: BoardAccessContext): BoardPermission {
  const { role, scope, board } = ctx;
  if (board.percorsoId !== scope.percorsoId) return 'none';
  const ownBoard = scope.boardId === null || scope.boardId === board.id;
  switch (role) {
    case 'facilitatore':
      return 'write';
    case 'proiettore':
      return 'read';
    case 'osservatore':
      return board.kind === 'percorso' || ownBoard ? 'read' : 'none';
    case 'referente':
    case 'partecipante':
      if (board.kind === 'percorso') return 'read';
      if (ownBoard) return 'write';
      return ctx.participantsReadOtherSnodi ? 'read' : 'none';
  }
}

/** [A2] Who may mint and revoke invites, see who joined, and create snodi. */
export function canManagePercorso(role: Role): boolean {
  return role === 'facilitatore';
}

/** [A3] Who may lock and unlock a snodo board's lanes: the facilitator, and its referente. */
export function canLockLanes(role: Role, scope: AccessScope, boardId: string): boolean {
  if (role === 'facilitatore') return true;
  return role === 'referente' && scope.boardId === boardId;
}

/** [A4] Who may write into a locked lane: whoever may lock it. */
export const canEditLockedLane = canLockLanes;

/** [A5] Who may export a board's documents and take snapshots. */
export function canExport(role: Role, scope: AccessScope, boardId: string): boolean {
  return canLockLanes(role, scope, boardId);
}

/** Roles a referente may invite to its own tavolo. */
export function invitableBy(role: Role): readonly Role[] {
  if (role === 'facilitatore') return ROLES;
  if (role === 'referente') return ['partecipante', 'osservatore'];
  return [];
}
