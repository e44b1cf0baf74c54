import type { Role } from '@trama/shared';
import type { FastifyRequest } from 'fastify';

/**
 * What the output routes need from access control: the shape of `AccessGuard` in
 * `server/src/access/guard.ts`, stated structurally so this plugin depends on the contract,
 * not on the module (and tests can stand in their own).
 */

export type BoardAction = 'read' | 'write' | 'export' | 'lock' | 'manage';

export interface GrantedAccessLike {
  role: Role;
  percorsoId: string;
  boardId: string | null;
  inviteId: string;
  name: string | null;
  ente: string | null;
}

export interface BoardRowLike {
  id: string;
  percorsoId: string;
  kind: 'percorso' | 'snodo';
}

export interface OutputsGuard {
  requireBoard(
    request: FastifyRequest,
    boardId: string,
    action: BoardAction,
  ): GrantedAccessLike | Promise<GrantedAccessLike>;
  requirePercorso(
    request: FastifyRequest,
    percorsoId: string,
    action: 'read' | 'manage',
  ): GrantedAccessLike | Promise<GrantedAccessLike>;
  authenticate(token: string | null | undefined): GrantedAccessLike;
  readonly registry: {
    getPercorso(id: string): { id: string; boardId: string } | undefined;
    getBoard(id: string): BoardRowLike | undefined;
    addBoard(row: BoardRowLike): void;
    listJoins(inviteId: string): { name: string; ente: string; at: number }[];
  };
}
