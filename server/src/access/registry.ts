import type { Role } from '@trama/shared';
import type Database from 'better-sqlite3';
import { featureVersion, openSideDatabase } from '../sideDatabase.js';

/**
 * Who and what exists, for access control: percorsi, the boards that belong to them,
 * invites (with their short codes and revocation) and who joined through each invite.
 * Small, rare writes: a plain connection on the main thread.
 */

export interface PercorsoRow {
  id: string;
  boardId: string;
  title: string;
  ente: string;
  participantsReadOtherSnodi: boolean;
  createdAt: number;
}

export interface BoardRow {
  id: string;
  percorsoId: string;
  kind: 'percorso' | 'snodo';
}

export interface InviteRow {
  id: string;
  percorsoId: string;
  boardId: string | null;
  role: Role;
  label: string;
  code: string;
  createdAt: number;
  expiresAt: number;
  revokedAt: number | null;
}

export interface JoinRow {
  inviteId: string;
  name: string;
  ente: string;
  email: string | null;
  at: number;
}

const SCHEMA_VERSION = 1;

export class AccessRegistry {
  readonly #db: Database.Database;

  /** Prepared once per SQL text: preparing is far costlier than running these lookups. */
  readonly #statements = new Map<string, Database.Statement>();

  #prepare<P extends unknown[] = unknown[], R = unknown>(sql: string): Database.Statement<P, R> {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement as unknown as Database.Statement<P, R>;
  }

  constructor(file: string) {
    this.#db = openSideDatabase(file);
    this.#migrate();
  }

  #migrate(): void {
    const version = featureVersion(this.#db, 'access', SCHEMA_VERSION);
    if (version < 1) {
      this.#db.exec(`
        CREATE TABLE IF NOT EXISTS percorso (
          id TEXT PRIMARY KEY,
          board_id TEXT NOT NULL,
          title TEXT NOT NULL,
          ente TEXT NOT NULL,
          participants_read_other INTEGER NOT NULL DEFAULT 0,
          created_at INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS board (
          id TEXT PRIMARY KEY,
          percorso_id TEXT NOT NULL REFERENCES percorso (id),
          kind TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS invite (
          id TEXT PRIMARY KEY,
          percorso_id TEXT NOT NULL REFERENCES percorso (id),
          board_id TEXT,
          role TEXT NOT NULL,
          label TEXT NOT NULL,
          code TEXT NOT NULL UNIQUE,
          created_at INTEGER NOT NULL,
          expires_at INTEGER NOT NULL,
          revoked_at INTEGER
        );
        CREATE TABLE IF NOT EXISTS invite_join (
          invite_id TEXT NOT NULL REFERENCES invite (id),
          name TEXT NOT NULL,
          ente TEXT NOT NULL,
          email TEXT,
          at INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS invite_by_percorso ON invite (percorso_id);
        CREATE INDEX IF NOT EXISTS join_by_invite ON invite_join (invite_id);
        INSERT INTO trama_schema (feature, version) VALUES ('access', 1)
          ON CONFLICT (feature) DO UPDATE SET version = 1;
      `);
    }
  }

  createPercorso(row: Omit<PercorsoRow, 'participantsReadOtherSnodi'>): void {
    this.#db.transaction(() => {
      this.#prepare(
        'INSERT INTO percorso (id, board_id, title, ente, created_at) VALUES (?, ?, ?, ?, ?)',
      ).run(row.id, row.boardId, row.title, row.ente, row.createdAt);
      this.addBoard({ id: row.boardId, percorsoId: row.id, kind: 'percorso' });
    })();
  }

  getPercorso(id: string): PercorsoRow | undefined {
    const row = this.#prepare<
      [string],
      {
        id: string;
        board_id: string;
        title: string;
        ente: string;
        participants_read_other: number;
        created_at: number;
      }
    >('SELECT * FROM percorso WHERE id = ?').get(id);
    return row
      ? {
          id: row.id,
          boardId: row.board_id,
          title: row.title,
          ente: row.ente,
          participantsReadOtherSnodi: row.participants_read_other === 1,
          createdAt: row.created_at,
        }
      : undefined;
  }

  setParticipantsReadOtherSnodi(percorsoId: string, allowed: boolean): void {
    this.#prepare('UPDATE percorso SET participants_read_other = ? WHERE id = ?').run(
      allowed ? 1 : 0,
      percorsoId,
    );
  }

  addBoard(row: BoardRow): void {
    this.#prepare('INSERT INTO board (id, percorso_id, kind) VALUES (?, ?, ?)').run(
      row.id,
      row.percorsoId,
      row.kind,
    );
  }

  getBoard(id: string): BoardRow | undefined {
    const row = this.#prepare<
      [string],
      { id: string; percorso_id: string; kind: 'percorso' | 'snodo' }
    >('SELECT id, percorso_id, kind FROM board WHERE id = ?').get(id);
    return row ? { id: row.id, percorsoId: row.percorso_id, kind: row.kind } : undefined;
  }

  listBoards(percorsoId: string): BoardRow[] {
    return this.#prepare<[string], { id: string; percorso_id: string; kind: 'percorso' | 'snodo' }>(
      'SELECT id, percorso_id, kind FROM board WHERE percorso_id = ? ORDER BY rowid',
    )
      .all(percorsoId)
      .map((row) => ({ id: row.id, percorsoId: row.percorso_id, kind: row.kind }));
  }

  createInvite(row: Omit<InviteRow, 'revokedAt'>): void {
    this.#prepare(
      `INSERT INTO invite (id, percorso_id, board_id, role, label, code, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      row.id,
      row.percorsoId,
      row.boardId,
      row.role,
      row.label,
      row.code,
      row.createdAt,
      row.expiresAt,
    );
  }

  getInvite(id: string): InviteRow | undefined {
    return this.#inviteWhere('id = ?', id)[0];
  }

  getInviteByCode(code: string): InviteRow | undefined {
    return this.#inviteWhere('code = ?', code)[0];
  }

  listInvites(percorsoId: string): InviteRow[] {
    return this.#inviteWhere('percorso_id = ?', percorsoId);
  }

  #inviteWhere(where: string, value: string): InviteRow[] {
    return this.#prepare<
      [string],
      {
        id: string;
        percorso_id: string;
        board_id: string | null;
        role: Role;
        label: string;
        code: string;
        created_at: number;
        expires_at: number;
        revoked_at: number | null;
      }
    >(`SELECT * FROM invite WHERE ${where} ORDER BY created_at, id`)
      .all(value)
      .map((r) => ({
        id: r.id,
        percorsoId: r.percorso_id,
        boardId: r.board_id,
        role: r.role,
        label: r.label,
        code: r.code,
        createdAt: r.created_at,
        expiresAt: r.expires_at,
        revokedAt: r.revoked_at,
      }));
  }

  revokeInvite(id: string, at: number): boolean {
    const result = this.#prepare(
      'UPDATE invite SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL',
    ).run(at, id);
    return result.changes > 0;
  }

  recordJoin(row: JoinRow): void {
    this.#prepare(
      'INSERT INTO invite_join (invite_id, name, ente, email, at) VALUES (?, ?, ?, ?, ?)',
    ).run(row.inviteId, row.name, row.ente, row.email, row.at);
  }

  listJoins(inviteId: string): JoinRow[] {
    return this.#prepare<
      [string],
      { invite_id: string; name: string; ente: string; email: string | null; at: number }
    >('SELECT * FROM invite_join WHERE invite_id = ? ORDER BY at, rowid')
      .all(inviteId)
      .map((r) => ({
        inviteId: r.invite_id,
        name: r.name,
        ente: r.ente,
        email: r.email,
        at: r.at,
      }));
  }

  close(): void {
    if (this.#db.open) this.#db.close();
  }
}
