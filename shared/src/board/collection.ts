import * as Y from 'yjs';
import type { z } from 'zod';
import { randomId } from '../ids.js';

/**
 * A typed collection of records in a root Y.Map: record id → Y.Map with one key per field,
 * so two people editing different fields of one record both keep their edit. Every write is
 * validated with the record's zod schema, every read skips what does not validate.
 */

export interface RecordMeta {
  id: string;
  createdAt: number;
}

export class RecordNotFoundError extends Error {
  constructor(
    readonly collection: string,
    readonly recordId: string,
  ) {
    super(`no ${collection} record ${recordId}`);
    this.name = 'RecordNotFoundError';
  }
}

export interface Collection<S extends z.ZodObject> {
  readonly root: string;
  readonly schema: S;
  add(doc: Y.Doc, init: z.input<S> & Partial<RecordMeta>): string;
  update(doc: Y.Doc, id: string, patch: Partial<z.input<S>>): void;
  remove(doc: Y.Doc, id: string): void;
  get(doc: Y.Doc, id: string): (z.output<S> & RecordMeta) | undefined;
  /** [P2] By creation time, then id. */
  list(doc: Y.Doc): ReadonlyArray<z.output<S> & RecordMeta>;
}

export function defineCollection<S extends z.ZodObject>(root: string, schema: S): Collection<S> {
  const rootMap = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>(root);

  function read(id: string, map: unknown): (z.output<S> & RecordMeta) | undefined {
    if (!(map instanceof Y.Map)) return undefined;
    const parsed = schema.safeParse(map.toJSON());
    const createdAt = map.get('createdAt');
    if (!parsed.success || typeof createdAt !== 'number') return undefined;
    return { ...parsed.data, id, createdAt };
  }

  return {
    root,
    schema,
    add(doc, init) {
      const { id = randomId(), createdAt = Date.now(), ...fields } = init;
      const clean = schema.parse(fields) as Record<string, unknown>;
      doc.transact(() => {
        if (rootMap(doc).has(id)) throw new Error(`${root} record ${id} already exists`);
        const map = new Y.Map<unknown>();
        for (const [key, value] of Object.entries(clean)) {
          if (value !== undefined) map.set(key, value);
        }
        map.set('createdAt', createdAt);
        rootMap(doc).set(id, map);
      });
      return id;
    },
    update(doc, id, patch) {
      const clean = schema.partial().parse(patch) as Record<string, unknown>;
      doc.transact(() => {
        const map = rootMap(doc).get(id);
        if (!(map instanceof Y.Map)) throw new RecordNotFoundError(root, id);
        for (const key of Object.keys(patch)) {
          const value = clean[key];
          // An optional field set to undefined is cleared.
          if (value === undefined) map.delete(key);
          else if (JSON.stringify(map.get(key)) !== JSON.stringify(value)) map.set(key, value);
        }
      });
    },
    remove(doc, id) {
      doc.transact(() => rootMap(doc).delete(id));
    },
    get(doc, id) {
      return read(id, rootMap(doc).get(id));
    },
    list(doc) {
      const records: Array<z.output<S> & RecordMeta> = [];
      for (const [id, map] of rootMap(doc)) {
        const record = read(id, map);
        if (record !== undefined) records.push(record);
      }
      return records.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
    },
  };
}
