import * as Y from 'yjs';

/**
 * What a Yjs update would touch, read without applying it: for each change, the root type
 * it lands in and the key under that root (a card id under `cards`, a field under `meta`).
 * Deletions are resolved against the board's current doc. Used to enforce lane locks and
 * server-only fields before an update is applied.
 */
export interface Touched {
  /** root name → keys touched directly under it (null for sequence roots). */
  roots: Map<string, Set<string | null>>;
  /** Card kinds of cards the update creates (from their own `kind` field). */
  newCardKinds: Map<string, unknown>;
  /** Parts of the update that refer to items the board does not have (applied later by Yjs). */
  unresolved: number;
}

type Place = { root: string; key: string | null } | null;

const idKey = (id: Y.ID) => `${id.client}:${id.clock}`;

export function inspectUpdate(doc: Y.Doc, update: Uint8Array): Touched {
  const { structs, ds } = Y.decodeUpdate(update);
  const touched: Touched = { roots: new Map(), newCardKinds: new Map(), unresolved: 0 };
  const local = new Map<number, Y.Item[]>();
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    const list = local.get(struct.id.client) ?? [];
    list.push(struct);
    local.set(struct.id.client, list);
  }
  const findLocal = (id: Y.ID): Y.Item | undefined =>
    local
      .get(id.client)
      ?.find((item) => id.clock >= item.id.clock && id.clock < item.id.clock + item.length);
  const findInDoc = (id: Y.ID): Y.Item | undefined => {
    if (id.clock >= Y.getState(doc.store, id.client)) return undefined;
    const struct = Y.getItem(doc.store, id);
    return struct instanceof Y.Item ? struct : undefined;
  };

  /** Where an item of the doc lives: walk up to the root type. */
  const placeOfDocItem = (item: Y.Item): Place => {
    let current: Y.Item = item;
    for (;;) {
      const parent = current.parent;
      if (!(parent instanceof Y.AbstractType)) return null;
      if (parent._item === null) {
        return { root: Y.findRootTypeKey(parent), key: current.parentSub };
      }
      current = parent._item;
    }
  };

  /** Where an item of the update lives: its parent, or the parent of its neighbour. */
  const placeOfLocal = (item: Y.Item, depth = 0): Place => {
    if (depth > 10_000) return null;
    const parent = item.parent as unknown;
    if (typeof parent === 'string') return { root: parent, key: item.parentSub };
    // A parent id names the item holding the parent type: the change sits inside it, so it
    // has that item's place. Without a parent, a neighbour shares the item's place.
    if (parent instanceof Y.ID) return placeOfId(parent, depth + 1);
    const neighbour = item.origin ?? item.rightOrigin;
    if (neighbour) return placeOfId(neighbour, depth + 1);
    return null;
  };

  const placeOfId = (id: Y.ID, depth: number): Place => {
    const inDoc = findInDoc(id);
    if (inDoc) return placeOfDocItem(inDoc);
    const inUpdate = findLocal(id);
    if (inUpdate) return placeOfLocal(inUpdate, depth);
    return null;
  };

  const note = (place: Place) => {
    if (!place) {
      touched.unresolved++;
      return;
    }
    const keys = touched.roots.get(place.root) ?? new Set<string | null>();
    keys.add(place.key);
    touched.roots.set(place.root, keys);
  };

  // Kinds of cards created by this update: the `kind` entry sits inside the new card's map.
  const kindByContainer = new Map<string, unknown>();
  for (const list of local.values()) {
    for (const item of list) {
      if (item.parentSub === 'kind' && (item.parent as unknown) instanceof Y.ID) {
        kindByContainer.set(idKey(item.parent as unknown as Y.ID), item.content.getContent()[0]);
      }
    }
  }

  for (const list of local.values()) {
    for (const item of list) {
      const place = placeOfLocal(item);
      note(place);
      if (place?.root === 'cards' && place.key && typeof item.parent === 'string') {
        touched.newCardKinds.set(place.key, kindByContainer.get(idKey(item.id)));
      }
    }
  }

  for (const [client, ranges] of ds.clients) {
    for (const range of ranges) {
      let clock = range.clock;
      const end = range.clock + range.len;
      while (clock < end) {
        const item = findInDoc(Y.createID(client, clock));
        if (!item) {
          touched.unresolved++;
          break;
        }
        note(placeOfDocItem(item));
        clock = item.id.clock + item.length;
      }
    }
  }
  return touched;
}
