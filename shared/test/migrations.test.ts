import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  BoardVersionError,
  CURRENT_SCHEMA_VERSION,
  canClientEdit,
  defineMigrations,
  getBoardTitle,
  getCardLayout,
  getCardRichText,
  getCardVotes,
  getLinkedIds,
  getPercorsoInfo,
  getSchemaVersion,
  LEGACY_VOTAZIONE_ID,
  listCards,
  MIGRATIONS,
  MigrationSequenceError,
  migrateBoard,
  prepareBoard,
  richTextToPlain,
  riferimenti,
  snodi,
  toJSON,
  votazioni,
} from '../src/index.js';
import percorsoV1 from './fixtures/percorso-v1.fixture.json' with { type: 'json' };
import percorsoV2 from './fixtures/percorso-v2.fixture.json' with { type: 'json' };
import snodoV1 from './fixtures/snodo-v1.fixture.json' with { type: 'json' };
import snodoV2 from './fixtures/snodo-v2.fixture.json' with { type: 'json' };
import snodoV3 from './fixtures/snodo-v3.fixture.json' with { type: 'json' };
import { type DocFixture, loadFixture, newPercorso, newSnodo } from './helpers.js';

/** Every migration id run in this file; the last test asserts none was missed ([V5]). */
const ran = new Set<string>();
const track = { onMigration: (id: string) => ran.add(id) };

const FIXTURES: Record<string, DocFixture> = {
  'snodo-v1': snodoV1 as DocFixture,
  'snodo-v2': snodoV2 as DocFixture,
  'percorso-v1': percorsoV1 as DocFixture,
  'snodo-v3': snodoV3 as DocFixture,
  'percorso-v2': percorsoV2 as DocFixture,
};

describe('migration sequences', () => {
  it('[V1] ids are contiguous from <kind>/2', () => {
    for (const [kind, sequence] of Object.entries(MIGRATIONS)) {
      sequence.migrations.forEach((migration, index) => {
        expect(migration.id).toBe(`${kind}/${index + 2}`);
      });
      expect(sequence.currentVersion).toBe(sequence.migrations.length + 1);
    }
  });

  it('[V1] a gap, a duplicate or a foreign id is refused when defined', () => {
    const up = () => {};
    const m = (id: string) => ({ id, description: '', breaksOldClients: false, up });
    expect(() => defineMigrations('snodo', [m('snodo/2'), m('snodo/4')])).toThrow(
      MigrationSequenceError,
    );
    expect(() => defineMigrations('snodo', [m('snodo/2'), m('snodo/2')])).toThrow(
      MigrationSequenceError,
    );
    expect(() => defineMigrations('snodo', [m('percorso/2')])).toThrow(MigrationSequenceError);
    expect(defineMigrations('snodo', [m('snodo/2'), m('snodo/3')]).currentVersion).toBe(3);
  });
});

describe('snodo/2 positions become atomic', () => {
  it('[V2] snodo/2 moves x/y/w/h into pos and size, clamping sizes', () => {
    const doc = loadFixture(FIXTURES['snodo-v1']!);
    migrateBoard(doc, track);
    expect(getCardLayout(doc, 'e1')).toEqual({ pos: { x: 40, y: 60 }, size: { w: 280, h: 40 } });
    expect(getCardLayout(doc, 'o1')).toEqual({ pos: { x: 400, y: 60 }, size: undefined });
    expect(getCardLayout(doc, 'l1')).toEqual({ pos: undefined, size: undefined });
    const raw = doc.getMap<Y.Map<unknown>>('cards').get('e1')!;
    expect(['x', 'y', 'w', 'h'].filter((key) => raw.has(key))).toEqual([]);
  });
});

describe('snodo/3 fonti become rich text', () => {
  it('[V2] snodo/3 turns each line of fonti into a paragraph and adds coinvolti', () => {
    const doc = loadFixture(FIXTURES['snodo-v1']!);
    migrateBoard(doc, track);
    const fonti = getCardRichText(doc, 'e1', 'fonti')!;
    expect(fonti.toArray()).toHaveLength(2);
    expect(richTextToPlain(fonti)).toBe('Colloqui con i medici di base\nDati dello sportello 2023');
    expect(getCardRichText(doc, 'e1', 'coinvolti')).toBeInstanceOf(Y.XmlFragment);
  });

  it('[V2] snodo/3 alone runs from a v2 board; an empty string gives an empty field', () => {
    const doc = loadFixture(FIXTURES['snodo-v2']!);
    const seen: string[] = [];
    expect(migrateBoard(doc, { onMigration: (id) => seen.push(id) && ran.add(id) })).toEqual({
      from: 2,
      to: 4,
    });
    expect(seen).toEqual(['snodo/3', 'snodo/4']);
    expect(getCardRichText(doc, 'e1', 'fonti')?.length).toBe(0);
  });
});

describe('percorso/2 fase by id', () => {
  it('[V2] percorso/2 maps 1–4 to fase ids, anything else to avvio', () => {
    const doc = loadFixture(FIXTURES['percorso-v1']!);
    expect(migrateBoard(doc, track)).toEqual({ from: 1, to: 2 });
    expect(getPercorsoInfo(doc).fase).toBe('istruttoria');
    const odd = newPercorso();
    odd.getMap('meta').set('schemaVersion', 1);
    odd.getMap('meta').set('fase', 9);
    migrateBoard(odd, track);
    expect(getPercorsoInfo(odd).fase).toBe('avvio');
  });
});

describe('snodo/4 dots leave the document', () => {
  it('[V2] snodo/4 folds per-voter dots into one revealed votazione and drops voter ids', () => {
    const doc = loadFixture(FIXTURES['snodo-v3']!);
    const seen: string[] = [];
    expect(migrateBoard(doc, { onMigration: (id) => seen.push(id) && ran.add(id) })).toEqual({
      from: 3,
      to: 4,
    });
    expect(seen).toEqual(['snodo/4']);
    expect(getCardVotes(doc, 'e1')).toEqual({ total: 2, byVotazione: { legacy: 2 } });
    expect(votazioni.get(doc, LEGACY_VOTAZIONE_ID)).toMatchObject({
      status: 'revealed',
      cardIds: ['e1'],
      results: { e1: 2 },
      voters: 1,
      budget: 2,
    });
    // The voter's id is gone from the whole document.
    expect(JSON.stringify(doc.toJSON())).not.toContain('anna');
  });

  it('[V2] snodo/4 on a board without dots adds no votazione', () => {
    const doc = loadFixture(FIXTURES['snodo-v2']!);
    migrateBoard(doc, track);
    expect(votazioni.list(doc)).toEqual([]);
  });
});

describe('migrateBoard', () => {
  it('[V3] every committed fixture loads, migrates and exports', () => {
    for (const [name, fixture] of Object.entries(FIXTURES)) {
      const doc = loadFixture(fixture);
      expect(getSchemaVersion(doc), name).toBe(fixture.schemaVersion);
      const result = prepareBoard(doc, track);
      expect(result.from, name).toBe(fixture.schemaVersion);
      expect(getSchemaVersion(doc), name).toBe(CURRENT_SCHEMA_VERSION[fixture.kind]);
      expect(() => toJSON(doc), name).not.toThrow();
    }
  });

  it('[V3] the v1 snodo fixture keeps its content', () => {
    const doc = loadFixture(FIXTURES['snodo-v1']!);
    const { prunedLinks } = prepareBoard(doc, track);
    expect(getBoardTitle(doc)).toBe('Tavolo anziani e caregiver');
    expect(listCards(doc, 'esigenza').map((c) => c.title)).toEqual([
      'Caregiver soli nella cura quotidiana',
    ]);
    expect(prunedLinks).toBe(1);
    expect(getLinkedIds(doc, 'o1')).toEqual(['e1']);
    expect(getLinkedIds(doc, 'l1')).toEqual(['o1']);
  });

  it('[V3] the v3 snodo fixture reads as written', () => {
    const doc = loadFixture(FIXTURES['snodo-v3']!);
    expect(prepareBoard(doc)).toMatchObject({ from: 3, to: 4, prunedLinks: 0 });
    expect(getLinkedIds(doc, 'l1')).toEqual(['o1']);
    expect(richTextToPlain(getCardRichText(doc, 'e1', 'familiare')!)).toBe('turni');
  });

  it('[V3] the v1 percorso fixture keeps its content', () => {
    const doc = loadFixture(FIXTURES['percorso-v1']!);
    migrateBoard(doc, track);
    expect(riferimenti.list(doc).map((r) => r.titolo)).toEqual(['D.Lgs. 117/2017, art. 55']);
    expect(snodi.get(doc, 's1')?.boardId).toBe('tavolo-anziani');
  });

  it('[V3] is idempotent: a second run does nothing', () => {
    const doc = loadFixture(FIXTURES['snodo-v1']!);
    migrateBoard(doc, track);
    const before = Y.encodeStateVector(doc);
    expect(migrateBoard(doc, track)).toEqual({ from: 4, to: 4 });
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });

  it('[V3] is deterministic: two servers migrating the same bytes converge to one board', () => {
    const a = loadFixture(FIXTURES['snodo-v1']!);
    const b = loadFixture(FIXTURES['snodo-v1']!);
    migrateBoard(a, track);
    migrateBoard(b, track);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(toJSON(a)).toEqual(toJSON(b));
    expect(richTextToPlain(getCardRichText(a, 'e1', 'fonti')!)).toContain('Colloqui');
  });

  it('[V3] leaves an uninitialised document alone and a current one untouched', () => {
    const empty = new Y.Doc();
    expect(migrateBoard(empty)).toEqual({ from: 0, to: 0 });
    expect(Y.encodeStateAsUpdate(empty)).toEqual(Y.encodeStateAsUpdate(new Y.Doc()));
    const current = newSnodo();
    expect(migrateBoard(current)).toEqual({ from: 4, to: 4 });
  });

  it('[V3] a board with a kind but no version is read as version 1', () => {
    const doc = newSnodo();
    doc.getMap('meta').delete('schemaVersion');
    expect(migrateBoard(doc, track)).toEqual({ from: 1, to: CURRENT_SCHEMA_VERSION.snodo });
  });

  it('[V4] a board newer than this code is refused before any change', () => {
    const doc = newSnodo();
    doc.getMap('meta').set('schemaVersion', 99);
    const before = Y.encodeStateVector(doc);
    expect(() => migrateBoard(doc)).toThrow(BoardVersionError);
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });

  it('[V4] old clients may not edit past a migration that breaks them', () => {
    expect(canClientEdit('snodo', 3, 3)).toBe(true);
    expect(canClientEdit('snodo', 1, 3)).toBe(false);
    expect(canClientEdit('snodo', 4, 3)).toBe(false);
    expect(canClientEdit('percorso', 1, 2)).toBe(false);
  });
});

// [V5] The guard: a migration no test runs is a migration no one has seen work.
afterAll(() => {
  const all = Object.values(MIGRATIONS).flatMap((sequence) => sequence.migrations.map((m) => m.id));
  const missed = all.filter((id) => !ran.has(id));
  if (missed.length > 0) throw new Error(`migrations never run by the suite: ${missed.join(', ')}`);
});
