import {
  type BoardJSON,
  type CardKind,
  diffSnodoBoards,
  getBoardKind,
  migrateBoard,
  type PercorsoBoardJSON,
  randomId,
  restoreSnodoBoard,
  type SnapshotDiff,
  type SnapshotView,
  type SnodoBoardJSON,
  toJSON,
  type VerbaleActor,
} from '@trama/shared';
import * as Y from 'yjs';
import type { SnapshotStore } from '../snapshots/store.js';
import type { SyncServer } from '../sync/syncServer.js';
import type { VerbaleLog } from '../verbale/log.js';
import type { SintesiInput } from './sintesi.js';
import type { OutputsGuard } from './types.js';

/**
 * Reads what the generators need from the live boards, and does the stateful parts of the
 * outputs (snapshots, restore, sessions) — the routes stay thin, the generators stay pure.
 */

export class OutputError extends Error {
  override name = 'OutputError';
  constructor(
    readonly statusCode: 400 | 404 | 409 | 413,
    message: string,
  ) {
    super(message);
  }
}

export interface OutputLimits {
  /** Largest board state (Yjs bytes) a document is generated from; larger → 413. */
  maxBoardBytes: number;
  /** Most cards a document is generated from; more → 413. */
  maxCards: number;
}

export const DEFAULT_OUTPUT_LIMITS: OutputLimits = {
  maxBoardBytes: 32 * 1024 * 1024,
  maxCards: 5000,
};

export class OutputsService {
  constructor(
    readonly deps: {
      sync: SyncServer;
      guard: OutputsGuard;
      verbale: VerbaleLog;
      snapshots: SnapshotStore;
      limits: OutputLimits;
    },
  ) {}

  /** A board's plain form, with the limits checked. 404 if it has never been written. */
  async boardJSON(boardId: string): Promise<BoardJSON> {
    const doc = await this.deps.sync.readBoard(boardId);
    try {
      const bytes = Y.encodeStateAsUpdate(doc).byteLength;
      if (bytes > this.deps.limits.maxBoardBytes) {
        throw new OutputError(
          413,
          `board ${boardId} is too large to export (${bytes} bytes, limit ${this.deps.limits.maxBoardBytes})`,
        );
      }
      if (getBoardKind(doc) === undefined) throw new OutputError(404, `board ${boardId} is empty`);
      const json = toJSON(doc);
      if (json.kind === 'snodo' && json.cards.length > this.deps.limits.maxCards) {
        throw new OutputError(
          413,
          `board ${boardId} has ${json.cards.length} cards, more than the ${this.deps.limits.maxCards} a document can hold`,
        );
      }
      return json;
    } finally {
      doc.destroy();
    }
  }

  async snodoJSON(boardId: string): Promise<SnodoBoardJSON> {
    const json = await this.boardJSON(boardId);
    if (json.kind !== 'snodo') {
      throw new OutputError(400, `board ${boardId} is a percorso board: use the sintesi instead`);
    }
    return json;
  }

  /** The percorso board of a percorso id, in plain form; undefined if it has none yet. */
  async percorsoJSON(percorsoId: string): Promise<PercorsoBoardJSON | undefined> {
    const percorso = this.deps.guard.registry.getPercorso(percorsoId);
    if (!percorso) return undefined;
    const json = await this.boardJSON(percorso.boardId).catch((error: unknown) => {
      if (error instanceof OutputError && error.statusCode === 404) return undefined;
      throw error;
    });
    return json?.kind === 'percorso' ? json : undefined;
  }

  async sintesiInput(
    percorsoId: string,
    lang: SintesiInput['lang'],
    generatedAt: string,
  ): Promise<SintesiInput> {
    const percorsoRow = this.deps.guard.registry.getPercorso(percorsoId);
    const percorso = await this.percorsoJSON(percorsoId);
    if (!percorsoRow || !percorso) throw new OutputError(404, `no percorso ${percorsoId}`);
    let totalCards = 0;
    const snodi: SintesiInput['snodi'][number][] = [];
    for (const record of percorso.snodi) {
      const row = record.boardId ? this.deps.guard.registry.getBoard(record.boardId) : undefined;
      let board: SnodoBoardJSON | undefined;
      if (row && row.percorsoId === percorsoId && row.kind === 'snodo') {
        board = await this.snodoJSON(row.id).catch((error: unknown) => {
          if (error instanceof OutputError && error.statusCode === 404) return undefined;
          throw error;
        });
      }
      totalCards += board?.cards.length ?? 0;
      if (totalCards > this.deps.limits.maxCards) {
        throw new OutputError(413, `the percorso has more than ${this.deps.limits.maxCards} cards`);
      }
      snodi.push({
        id: record.id,
        titolo: record.titolo,
        tipo: record.tipo,
        board,
        verbale: row ? this.deps.verbale.list(row.id) : [],
      });
    }
    return {
      percorso,
      snodi,
      percorsoVerbale: this.deps.verbale.list(percorsoRow.boardId),
      lang,
      generatedAt,
    };
  }

  // ——— Snapshots ———

  async takeSnapshot(
    boardId: string,
    name: string,
    options: { auto: boolean; actor: VerbaleActor | null },
  ): Promise<SnapshotView> {
    const doc = await this.deps.sync.readBoard(boardId);
    try {
      if (getBoardKind(doc) === undefined) throw new OutputError(404, `board ${boardId} is empty`);
      const state = Y.encodeStateAsUpdate(doc);
      if (state.byteLength > this.deps.limits.maxBoardBytes) {
        throw new OutputError(413, `board ${boardId} is too large for a snapshot`);
      }
      const json = toJSON(doc);
      const snapshot = {
        id: randomId(12),
        boardId,
        name,
        createdAt: Date.now(),
        auto: options.auto,
        takenBy: options.actor?.name ?? null,
        cards: json.kind === 'snodo' ? json.cards.length : 0,
        bytes: state.byteLength,
      };
      this.deps.snapshots.save({ ...snapshot, state });
      this.deps.verbale.record(
        boardId,
        { type: 'snapshotTaken', snapshotId: snapshot.id, name, auto: options.auto },
        { actor: options.actor },
      );
      return snapshot;
    } finally {
      doc.destroy();
    }
  }

  /** The snapshot and the board as it was, brought to the current schema. */
  snapshot(boardId: string, id: string): { view: SnapshotView; board: BoardJSON } {
    const stored = this.deps.snapshots.get(boardId, id);
    if (!stored) throw new OutputError(404, `no snapshot ${id} on board ${boardId}`);
    const doc = new Y.Doc();
    try {
      Y.applyUpdate(doc, stored.state);
      // A snapshot taken by an older version reads as the current schema, like the board does.
      migrateBoard(doc);
      const { state: _state, ...view } = stored;
      return { view, board: toJSON(doc) };
    } finally {
      doc.destroy();
    }
  }

  async diff(boardId: string, id: string): Promise<SnapshotDiff> {
    const { view, board } = this.snapshot(boardId, id);
    if (board.kind !== 'snodo')
      throw new OutputError(400, 'only snodo boards have lanes to compare');
    const now = await this.snodoJSON(boardId);
    return { snapshot: view, ...diffSnodoBoards(board, now) };
  }

  /**
   * Restores a snapshot as a new change on top: first a safety snapshot of the current
   * state, then the snapshot's content written through the normal commit-and-broadcast path.
   */
  async restore(
    boardId: string,
    id: string,
    actor: VerbaleActor | null,
  ): Promise<{
    restored: SnapshotView;
    before: SnapshotView;
    diff: Record<CardKind, SnapshotDiff['lanes'][CardKind]>;
  }> {
    const { view, board } = this.snapshot(boardId, id);
    if (board.kind !== 'snodo') throw new OutputError(400, 'only snodo boards can be restored');
    const before = await this.takeSnapshot(
      boardId,
      `Prima del ripristino di «${view.name}»`.slice(0, 120),
      {
        auto: true,
        actor,
      },
    );
    const current = await this.snodoJSON(boardId);
    await this.deps.sync.changeBoard(boardId, (doc) => restoreSnodoBoard(doc, board));
    this.deps.verbale.record(
      boardId,
      { type: 'snapshotRestored', snapshotId: view.id, name: view.name },
      { actor },
    );
    return { restored: view, before, diff: diffSnodoBoards(current, board).lanes };
  }
}
