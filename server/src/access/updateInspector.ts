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
  /** Existing records whose `votes` field, or anything inside it, the update changes. */
  votesTouched: Set<string>;
}

/**
 * Where a change lands: the root, the key under it, and the field of that record it is in
 * (`'#'` for a position in a sequence; undefined for the record itself), e.g. `cards` /
 * card id / `votes`. One object per item: this runs for every update a participant sends.
 */
type Place = { root: string; key: string | null; field: string | undefined } | null;

const idKey = (id: Y.ID) => `${id.client}:${id.clock}`;

export function inspectUpdate(doc: Y.Doc, update: Uint8Array): Touched {
  const { structs, ds } = Y.decodeUpdate(update);
  const touched: Touched = {
    roots: new Map(),
    newCardKinds: new Map(),
    unresolved: 0,
    votesTouched: new Set(),
  };
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
    // The item one level below `current` on the way up: at the root, the record's field.
    let below: Y.Item | null = null;
    for (;;) {
      const parent = current.parent;
      if (!(parent instanceof Y.AbstractType)) return null;
      if (parent._item === null) {
        const field = below === null ? undefined : (below.parentSub ?? '#');
        return { root: Y.findRootTypeKey(parent), key: current.parentSub, field };
      }
      below = current;
      current = parent._item;
    }
  };

  /** Where an item of the update lives: its parent, or the parent of its neighbour. */
  const placeOfLocal = (item: Y.Item, depth = 0): Place => {
    if (depth > 10_000) return null;
    const parent = item.parent as unknown;
    if (typeof parent === 'string') {
      return { root: parent, key: item.parentSub, field: undefined };
    }
    // A parent id names the item holding the parent type: the change sits inside it, one
    // key further down. Without a parent, a neighbour shares the item's place.
    if (parent instanceof Y.ID) {
      const container = placeOfId(parent, depth + 1);
      if (!container || container.field !== undefined) return container;
      return { ...container, field: item.parentSub ?? '#' };
    }
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
    // A new card brings its own votes map (with the tallies it had, when an undo brings a
    // deleted card back); on an existing card nothing in it is a client's to change.
    if (place.key !== null && place.field === 'votes' && !touched.newCardKinds.has(place.key)) {
      touched.votesTouched.add(place.key);
    }
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

  // New records first, so that their own fresh maps are told apart from edits.
  for (const list of local.values()) {
    for (const item of list) {
      if (typeof item.parent === 'string' && item.parent === 'cards' && item.parentSub) {
        touched.newCardKinds.set(item.parentSub, kindByContainer.get(idKey(item.id)));
      }
    }
  }
  for (const list of local.values()) {
    for (const item of list) note(placeOfLocal(item));
  }

  /** A deletion inside something this update deletes too is that bigger deletion's part. */
  const deletedHere = (id: Y.ID): boolean =>
    (ds.clients.get(id.client) ?? []).some(
      (range) => id.clock >= range.clock && id.clock < range.clock + range.len,
    );
  const insideDeleted = (item: Y.Item): boolean => {
    let parent = item.parent;
    while (parent instanceof Y.AbstractType && parent._item !== null) {
      if (deletedHere(parent._item.id)) return true;
      parent = parent._item.parent;
    }
    return false;
  };

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
        if (!insideDeleted(item)) note(placeOfDocItem(item));
        clock = item.id.clock + item.length;
      }
    }
  }
  return touched;
}
