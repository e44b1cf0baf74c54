import { z } from 'zod';
import { ROLES, type Role } from './access.js';
import { SNODO_TIPI } from './mandate.js';

/**
 * The JSON bodies of the HTTP API (`/api/...`), validated by the server and typed for the
 * client. Every authenticated route takes `Authorization: Bearer <token>`. Errors are
 * `{ statusCode, error, message }` with 400 (bad input), 401 (missing, tampered or expired
 * token), 403 (revoked token, or not allowed for this role), 404 (unknown id).
 */

const boardId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const shortText = (max: number) => z.string().trim().min(1).max(max);

export const createPercorsoBody = z.object({
  title: shortText(200),
  ente: shortText(200),
  ambito: z.string().trim().max(200).optional(),
});
export type CreatePercorsoBody = z.infer<typeof createPercorsoBody>;

/** `POST /api/percorsi`: the facilitator's own link, shown once. */
export interface CreatePercorsoReply {
  percorsoId: string;
  /** The percorso board (steps 1–6). */
  boardId: string;
  /** Facilitator token: keep it secret, it opens everything in the percorso. */
  token: string;
  /** Path to open in the browser, with the token in the fragment: `/p/<id>#t=<token>`. */
  link: string;
}

export const createSnodoBody = z.object({
  tipo: z.enum(SNODO_TIPI),
  titolo: shortText(200),
  oggettoId: z.string().min(1).max(64).optional(),
});
export type CreateSnodoBody = z.infer<typeof createSnodoBody>;

/** `POST /api/percorsi/:percorsoId/snodi`: the new snodo's board, recorded in the percorso. */
export interface CreateSnodoReply {
  snodoId: string;
  boardId: string;
}

export const createInviteBody = z.object({
  role: z.enum(ROLES),
  /** Required for referente and partecipante; optional for osservatore; absent otherwise. */
  boardId: boardId.optional(),
  /** 1 hour to 90 days. */
  expiresInHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 90),
  label: z.string().trim().max(120).optional(),
});
export type CreateInviteBody = z.infer<typeof createInviteBody>;

export interface InviteView {
  id: string;
  role: Role;
  boardId: string | null;
  label: string;
  /** Short human code (e.g. `K7QM-2XPA`), typed at `/j` to join. */
  code: string;
  /** Path with the token in the fragment: `/b/<boardId>#t=…` or `/p/<percorsoId>#t=…`. */
  link: string;
  token: string;
  createdAt: number;
  expiresAt: number;
  revokedAt: number | null;
  joined: { name: string; ente: string; at: number }[];
}

export interface BoardSummary {
  boardId: string;
  kind: 'percorso' | 'snodo';
  title: string;
}

/** `GET /api/me`: what the bearer token opens. */
export interface MeReply {
  role: Role;
  percorsoId: string;
  percorsoBoardId: string;
  /** The snodo board the token is scoped to, or null for the whole percorso. */
  boardId: string | null;
  expiresAt: number;
  /** Boards this token may open, with the permission on each. */
  boards: (BoardSummary & { permission: 'read' | 'write' })[];
}

export const joinBody = z.object({
  name: shortText(120),
  ente: shortText(200),
  email: z.string().trim().email().max(200).optional(),
});
export type JoinBody = z.infer<typeof joinBody>;

/**
 * `POST /api/join`: what the token opens, and the person's own token (same invite, scope
 * and expiry, plus who they are). The client uses it from then on in place of the invite's.
 */
export interface JoinReply extends MeReply {
  token: string;
}

/** `GET /api/join/:code` (no token needed): what the code leads to. */
export interface ResolveCodeReply {
  token: string;
  role: Role;
  percorsoTitle: string;
  /** Where to go after joining. */
  link: string;
}

export const lockLanesBody = z.object({
  lanes: z.array(z.enum(['esigenza', 'obiettivo', 'lineaStrategica'])).max(3),
});
export type LockLanesBody = z.infer<typeof lockLanesBody>;

export const createTavoloBody = z.object({ title: shortText(200) });
export type CreateTavoloBody = z.infer<typeof createTavoloBody>;

/**
 * `POST /api/tavoli`: a quick tavolo from the home page — a small percorso of its own with
 * one tavolo. The creator gets the facilitator token; `shareLink` is a partecipante invite
 * (30 days) to hand to the others.
 */
export interface CreateTavoloReply {
  percorsoId: string;
  boardId: string;
  token: string;
  link: string;
  shareLink: string;
}

export interface SnodoView {
  snodoId: string;
  boardId: string;
  tipo: (typeof SNODO_TIPI)[number];
  titolo: string;
}

/** `GET /api/percorsi/:percorsoId`: the percorso's home, for any token of the percorso. */
export interface PercorsoView {
  percorsoId: string;
  boardId: string;
  title: string;
  ente: string;
  participantsReadOtherSnodi: boolean;
  /** Only the snodi the token may open. */
  snodi: (SnodoView & { permission: 'read' | 'write' })[];
}

export const percorsoSettingsBody = z.object({ participantsReadOtherSnodi: z.boolean() });
export type PercorsoSettingsBody = z.infer<typeof percorsoSettingsBody>;

export type ParsedBody<T> = { ok: true; value: T } | { ok: false; message: string };

/** Validates a JSON body; on failure, a message naming the first bad field. */
export function parseApiBody<S extends z.ZodType>(
  schema: S,
  body: unknown,
): ParsedBody<z.output<S>> {
  const result = schema.safeParse(body);
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  return { ok: false, message: `${where}${issue?.message ?? 'invalid body'}` };
}
