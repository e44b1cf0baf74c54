import { z } from 'zod';
import { ROLES, type Role } from './access.js';
import type { CardKind } from './snodo/card.js';

/**
 * HTTP bodies and replies of the outputs: exports, the documento istruttorio di sintesi,
 * snapshots, sessions and the verbale. Validated by the server, typed for the client.
 * Routes and rules are in server/SPEC.md ([EX1]…).
 */

export const EXPORT_LANGS = ['it', 'en'] as const;
export type ExportLang = (typeof EXPORT_LANGS)[number];

/** `GET /api/boards/:boardId/export.<format>` */
export const BOARD_EXPORT_FORMATS = ['docx', 'pdf', 'md', 'json', 'csv'] as const;
export type BoardExportFormat = (typeof BOARD_EXPORT_FORMATS)[number];

/** `GET /api/percorsi/:percorsoId/sintesi.<format>` */
export const SINTESI_FORMATS = ['docx', 'pdf'] as const;
export type SintesiFormat = (typeof SINTESI_FORMATS)[number];

/**
 * Query of every document route. `date` fixes the generation date printed in the document
 * (and stamped in its metadata), so the same board gives the same bytes; today otherwise.
 */
export const exportQuery = z.strictObject({
  lang: z.enum(EXPORT_LANGS).default('it'),
  date: z.iso.date().optional(),
});
export type ExportQuery = z.infer<typeof exportQuery>;

export const EXPORT_CONTENT_TYPES: Readonly<Record<BoardExportFormat, string>> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  md: 'text/markdown; charset=utf-8',
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
};

/** `POST /api/boards/import`: a board's JSON export, into a new board of the same percorso. */
export interface ImportBoardReply {
  boardId: string;
  /** The snodo recorded in the percorso for the new board. */
  snodoId: string;
  title: string;
  cards: number;
}

// ——— Snapshots ———

export const MAX_SNAPSHOT_NAME = 120;

export const createSnapshotBody = z.strictObject({
  name: z.string().trim().min(1).max(MAX_SNAPSHOT_NAME),
});
export type CreateSnapshotBody = z.infer<typeof createSnapshotBody>;

export interface SnapshotView {
  id: string;
  boardId: string;
  name: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
  /** Taken by "chiudi sessione" rather than by hand. */
  auto: boolean;
  /** Who took it (name from the join), if known. */
  takenBy: string | null;
  cards: number;
  bytes: number;
}

export interface CardRef {
  id: string;
  title: string;
}

export interface LaneChanges {
  added: CardRef[];
  removed: CardRef[];
  /** Content changed (text, links, votes, contributi…), not only moved. */
  edited: CardRef[];
  /** Only moved or resized. */
  moved: CardRef[];
}

/** `GET /api/boards/:boardId/snapshots/:id/diff`: what changed since the snapshot. */
export interface SnapshotDiff {
  snapshot: SnapshotView;
  titleChanged: boolean;
  lanes: Record<CardKind, LaneChanges>;
}

/** `POST /api/boards/:boardId/snapshots/:id/restore` */
export interface RestoreReply {
  restored: SnapshotView;
  /** The safety snapshot of the state just before the restore. */
  before: SnapshotView;
  diff: SnapshotDiff['lanes'];
}

// ——— Sessions and verbale ———

export const openSessionBody = z.strictObject({
  title: z.string().trim().max(MAX_SNAPSHOT_NAME).optional(),
});
export type OpenSessionBody = z.infer<typeof openSessionBody>;

export const closeSessionBody = z.strictObject({
  /** Name of the automatic snapshot; "Sessione N — <date>" otherwise. */
  snapshotName: z.string().trim().min(1).max(MAX_SNAPSHOT_NAME).optional(),
});
export type CloseSessionBody = z.infer<typeof closeSessionBody>;

export interface SessionReply {
  sessionNumber: number;
  snapshot?: SnapshotView;
}

const shortText = (max: number) => z.string().trim().max(max);
const stepNumber = z.number().int().min(1).max(9);
const lane = z.enum(['esigenza', 'obiettivo', 'lineaStrategica']);

/** Events a facilitator's client reports (focus and votes live in the client). */
export const clientVerbaleEventSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('focusChanged'), step: stepNumber, lane: lane.optional() }),
  z.strictObject({
    type: z.literal('voteOpened'),
    lane: lane.optional(),
    votesPerPerson: z.number().int().min(1).max(10).optional(),
  }),
  z.strictObject({ type: z.literal('voteClosed'), lane: lane.optional() }),
]);

/** Everything the verbale records. */
export const verbaleEventSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('sessionOpened'),
    session: z.number().int().min(1),
    title: shortText(MAX_SNAPSHOT_NAME).optional(),
  }),
  z.strictObject({ type: z.literal('sessionClosed'), session: z.number().int().min(1) }),
  z.strictObject({
    type: z.literal('joined'),
    name: shortText(120),
    ente: shortText(200),
    role: z.enum(ROLES),
  }),
  ...clientVerbaleEventSchema.options,
  z.strictObject({
    type: z.literal('voteResults'),
    /** The cards with votes when the vote closed, most voted first. */
    results: z
      .array(z.strictObject({ cardId: z.string(), title: z.string(), votes: z.number().int() }))
      .max(500),
  }),
  z.strictObject({
    type: z.literal('snapshotTaken'),
    snapshotId: z.string(),
    name: shortText(MAX_SNAPSHOT_NAME),
    auto: z.boolean(),
  }),
  z.strictObject({
    type: z.literal('snapshotRestored'),
    snapshotId: z.string(),
    name: shortText(MAX_SNAPSHOT_NAME),
  }),
  z.strictObject({
    type: z.literal('exportMade'),
    format: z.string().max(20),
    lang: z.enum(EXPORT_LANGS),
  }),
]);
export type VerbaleEvent = z.infer<typeof verbaleEventSchema>;
export type ClientVerbaleEvent = z.infer<typeof clientVerbaleEventSchema>;

/** Who did it, when the route knows. */
export interface VerbaleActor {
  name: string | null;
  ente: string | null;
  role: Role;
}

export interface VerbaleEntry {
  /** Increasing over the whole log: the order of record. */
  seq: number;
  boardId: string;
  /** Milliseconds since the epoch. */
  at: number;
  actor: VerbaleActor | null;
  event: VerbaleEvent;
}

/** `POST /api/boards/:boardId/verbale`: a client-side event (focus, votes). */
export const recordVerbaleBody = z.strictObject({ event: clientVerbaleEventSchema });
export type RecordVerbaleBody = z.infer<typeof recordVerbaleBody>;
