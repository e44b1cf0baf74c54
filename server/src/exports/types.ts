import type { AccessGuard, GrantedAccess } from '../access/guard.js';

/**
 * What the output routes need from access control: the part of `AccessGuard` they call
 * (tests may stand in their own).
 */
export type OutputsGuard = Pick<
  AccessGuard,
  'requireBoard' | 'requirePercorso' | 'authenticate' | 'registry'
>;

export type GrantedAccessLike = GrantedAccess;
export type { BoardAction } from '../access/guard.js';
