import { randomInt } from 'node:crypto';
import {
  type AccessScope,
  type BoardPermission,
  boardPermission,
  CloseCode,
  canExport,
  canLockLanes,
  canManagePercorso,
  type Role,
  randomId,
  type VerbaleActor,
} from '@trama/shared';
import type { FastifyRequest } from 'fastify';
import type { AccessRegistry, BoardRow, InviteRow } from './registry.js';
import { TokenError, type TokenSigner } from './tokens.js';

export type BoardAction = 'read' | 'write' | 'export' | 'lock' | 'manage';

export interface GrantedAccess {
  role: Role;
  percorsoId: string;
  /** The snodo board the token is scoped to, or null for the whole percorso. */
  boardId: string | null;
  inviteId: string;
  expiresAt: number;
  name: string | null;
  ente: string | null;
  /** The person, from a personal token (`POST /api/join`); null on an invite's own token. */
  personId: string | null;
}

/**
 * [VT3] Who votes: the person of a personal token, or — for the facilitator's own link,
 * which is one person's — the invite. A shared invite's token names nobody in particular.
 */
export function voterIdOf(access: GrantedAccess): string | null {
  if (access.personId !== null) return `p:${access.personId}`;
  return access.role === 'facilitatore' ? `i:${access.inviteId}` : null;
}

/** A refusal with its HTTP status and WebSocket close code; Fastify replies with it as is. */
export class AccessError extends Error {
  override name = 'AccessError';
  constructor(
    readonly statusCode: 401 | 403 | 404,
    message: string,
  ) {
    super(message);
  }

  get closeCode(): number {
    return this.statusCode === 401 ? CloseCode.unauthorized : CloseCode.forbidden;
  }
}

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** `K7QM2XPA` → shown as `K7QM-2XPA`; typed codes are normalised back. */
export function normaliseCode(code: string): string {
  return code.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

export function formatCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/**
 * Checks every access: the token's signature and expiry, that its invite still exists and
 * is not revoked, that the board belongs to the token's percorso, and what the role may do
 * there (the pure policy in @trama/shared).
 */
export class AccessGuard {
  constructor(
    readonly registry: AccessRegistry,
    readonly signer: TokenSigner,
  ) {}

  /** Mints an invite and its token. */
  createInvite(input: {
    percorsoId: string;
    boardId: string | null;
    role: Role;
    label: string;
    expiresAt: number;
  }): { invite: InviteRow; token: string } {
    for (let attempt = 0; ; attempt++) {
      const code = Array.from(
        { length: 8 },
        () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)],
      ).join('');
      if (this.registry.getInviteByCode(code)) {
        if (attempt > 10) throw new Error('could not find a free invite code');
        continue;
      }
      const invite: InviteRow = {
        ...input,
        id: randomId(16),
        code,
        createdAt: Date.now(),
        revokedAt: null,
      };
      this.registry.createInvite(invite);
      return { invite, token: this.tokenFor(invite) };
    }
  }

  /** The token of an invite: deterministic, so a facilitator can show a link again. */
  tokenFor(invite: InviteRow): string {
    return this.signer.sign({
      v: 1,
      iid: invite.id,
      pid: invite.percorsoId,
      bid: invite.boardId,
      role: invite.role,
      exp: Math.floor(invite.expiresAt / 1000),
    });
  }

  /** A personal token: the same invite, scope and expiry as `access`, naming the person. */
  personalToken(access: GrantedAccess, personId: string): string {
    return this.signer.sign({
      v: 1,
      iid: access.inviteId,
      pid: access.percorsoId,
      bid: access.boardId,
      role: access.role,
      exp: Math.floor(access.expiresAt / 1000),
      sub: personId,
    });
  }

  /** Who the token's bearer is; throws AccessError (401 or 403) when it opens nothing. */
  authenticate(token: string | undefined | null): GrantedAccess {
    let claims: ReturnType<TokenSigner['verify']>;
    try {
      claims = this.signer.verify(token);
    } catch (error) {
      if (error instanceof TokenError) throw new AccessError(401, error.message);
      throw error;
    }
    const invite = this.registry.getInvite(claims.iid);
    if (!invite || invite.percorsoId !== claims.pid || invite.role !== claims.role) {
      throw new AccessError(401, 'the access token is not valid');
    }
    if (invite.revokedAt !== null) throw new AccessError(403, 'this invite has been revoked');
    return {
      role: claims.role,
      percorsoId: claims.pid,
      boardId: claims.bid,
      inviteId: claims.iid,
      expiresAt: claims.exp * 1000,
      name: null,
      ente: null,
      personId: claims.sub ?? null,
    };
  }

  /** The board, or 404. */
  board(boardId: string): BoardRow {
    const board = this.registry.getBoard(boardId);
    if (!board) throw new AccessError(404, `no board ${boardId}`);
    return board;
  }

  permission(access: GrantedAccess, board: BoardRow): BoardPermission {
    const percorso = this.registry.getPercorso(board.percorsoId);
    return boardPermission({
      role: access.role,
      scope: scopeOf(access),
      board: { id: board.id, kind: board.kind, percorsoId: board.percorsoId },
      participantsReadOtherSnodi: percorso?.participantsReadOtherSnodi ?? false,
    });
  }

  /** Checks that the access may do `action` on the board; throws AccessError otherwise. */
  check(access: GrantedAccess, boardId: string, action: BoardAction): BoardRow {
    const board = this.registry.getBoard(boardId);
    // A board of another percorso is reported as missing, not as forbidden: ids leak nothing.
    if (!board || board.percorsoId !== access.percorsoId) {
      throw new AccessError(
        board ? 403 : 404,
        board ? 'this token does not open this board' : `no board ${boardId}`,
      );
    }
    const permission = this.permission(access, board);
    const scope = scopeOf(access);
    const allowed =
      action === 'read'
        ? permission !== 'none'
        : action === 'write'
          ? permission === 'write'
          : action === 'export'
            ? canExport(access.role, scope, boardId) || access.role === 'facilitatore'
            : action === 'lock'
              ? canLockLanes(access.role, scope, boardId)
              : canManagePercorso(access.role);
    if (!allowed)
      throw new AccessError(403, `the role ${access.role} may not ${action} this board`);
    return board;
  }

  /** For routes: the bearer token of the request, checked for `action` on the board. */
  requireBoard(request: FastifyRequest, boardId: string, action: BoardAction): GrantedAccess {
    const access = this.authenticate(bearerToken(request));
    this.check(access, boardId, action);
    return access;
  }

  /** For routes: the bearer token, checked to belong to the percorso (and to manage it). */
  requirePercorso(
    request: FastifyRequest,
    percorsoId: string,
    action: 'read' | 'manage',
  ): GrantedAccess {
    const access = this.authenticate(bearerToken(request));
    if (access.percorsoId !== percorsoId) {
      throw new AccessError(403, 'this token does not open this percorso');
    }
    if (!this.registry.getPercorso(percorsoId))
      throw new AccessError(404, `no percorso ${percorsoId}`);
    if (action === 'manage' && !canManagePercorso(access.role)) {
      throw new AccessError(403, `the role ${access.role} may not manage the percorso`);
    }
    return access;
  }
}

/** Who did it, for the verbale: the name and ente given when the token's holder joined. */
export function verbaleActorOf(
  registry: Pick<AccessRegistry, 'listJoins'>,
  access: GrantedAccess,
): VerbaleActor {
  if (access.name !== null || access.ente !== null) {
    return { name: access.name, ente: access.ente, role: access.role };
  }
  const last = registry.listJoins(access.inviteId).at(-1);
  return { name: last?.name ?? null, ente: last?.ente ?? null, role: access.role };
}

/** The path an invite's link opens, the token in the fragment (never sent to a server). */
export function inviteLinkPath(invite: InviteRow, token: string): string {
  if (invite.boardId) return `/b/${invite.boardId}#t=${token}`;
  return `/p/${invite.percorsoId}#t=${token}`;
}

export function scopeOf(access: GrantedAccess): AccessScope {
  return { percorsoId: access.percorsoId, boardId: access.boardId };
}

export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1] ?? null;
}
