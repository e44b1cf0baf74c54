/**
 * The benchmark's in-place struct reader must see in an update exactly the structs Yjs sees,
 * or the load generator would count receipts that never happened (or miss real ones).
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readStructRanges } from '../bench/protocol.js';

function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Structs as Yjs decodes them, Skips left out (they stand for what the update lacks). */
function yjsRanges(update: Uint8Array): number[][] {
  return Y.decodeUpdate(update)
    .structs.filter((s) => !(s instanceof Y.Skip))
    .map((s) => [s.id.client, s.id.clock, s.length]);
}

function readerRanges(update: Uint8Array): number[][] | null {
  // Read from the middle of a larger buffer, as the generator does with a socket read.
  const buf = new Uint8Array(update.length + 7);
  buf.set(update, 3);
  const out = new Float64Array(3 * 1024);
  const n = readStructRanges(buf, 3, 3 + update.length, out);
  if (n < 0) return null;
  return Array.from({ length: n }, (_, i) => [out[i * 3]!, out[i * 3 + 1]!, out[i * 3 + 2]!]);
}

/** Updates of `writers` docs that each append text, as the load's writers do. */
function writerUpdates(rand: () => number, writers: number, count: number, text: () => string) {
  const docs = Array.from({ length: writers }, (_, i) => {
    const doc = new Y.Doc({ gc: false });
    doc.clientID = 1_000_000 + i;
    return doc;
  });
  const updates: Uint8Array[] = [];
  for (const doc of docs) doc.on('update', (u: Uint8Array) => updates.push(u));
  for (let i = 0; i < count; i++) {
    const doc = docs[Math.floor(rand() * writers)]!;
    const t = doc.getText('t');
    t.insert(t.length, text());
  }
  return updates;
}

describe('bench struct reader', () => {
  it('agrees with Yjs on single and merged writer updates, gaps included', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const rand = prng(seed);
      const updates = writerUpdates(rand, 1 + (seed % 5), 40, () => 'trama-b!');
      for (const u of updates) expect(readerRanges(u)).toEqual(yjsRanges(u));
      for (let k = 0; k < 20; k++) {
        // A random subset: merging it leaves gaps, which Yjs encodes as Skip structs.
        const subset = updates.filter(() => rand() < 0.4);
        if (subset.length === 0) continue;
        const merged = Y.mergeUpdates(subset);
        expect(readerRanges(merged), `seed ${seed}`).toEqual(yjsRanges(merged));
      }
    }
  });

  it('counts string length in UTF-16 units, as Yjs does', () => {
    const rand = prng(7);
    const words = ['città', 'è', '👩‍👧', '—', 'a', '𝔘'];
    const updates = writerUpdates(rand, 2, 30, () => words[Math.floor(rand() * words.length)]!);
    const merged = Y.mergeUpdates(updates);
    expect(readerRanges(merged)).toEqual(yjsRanges(merged));
    for (const u of updates) expect(readerRanges(u)).toEqual(yjsRanges(u));
  });

  it('reads deleted content, map keys and nested parents', () => {
    const doc = new Y.Doc();
    const text = doc.getText('t');
    text.insert(0, 'hello world');
    text.delete(2, 5);
    const map = doc.getMap('m');
    map.set('k', 1);
    map.delete('k');
    // With gc on, what was deleted travels as Deleted content (a map key's under its key).
    const state = Y.encodeStateAsUpdate(doc);
    expect(yjsRanges(state).length).toBeGreaterThan(2);
    expect(readerRanges(state)).toEqual(yjsRanges(state));

    const nested = new Y.Doc({ gc: false });
    const updates: Uint8Array[] = [];
    nested.on('update', (u: Uint8Array) => updates.push(u));
    const inner = new Y.Text();
    nested.getMap<Y.Text>('m').set('key', inner);
    inner.insert(0, 'hello world');
    inner.insert(0, '> ');
    inner.delete(4, 3);
    // The first holds the nested type itself (not sized); the rest are its text, whose first
    // insert names its parent by the ID of the map entry.
    expect(readerRanges(updates[0]!)).toBeNull();
    for (const u of [...updates.slice(1), Y.mergeUpdates(updates.slice(1))]) {
      expect(readerRanges(u)).toEqual(yjsRanges(u));
    }
  });

  it('declines what it does not size, and malformed input, instead of guessing', () => {
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    doc.getMap('m').set('n', 42); // ContentAny
    expect(readerRanges(updates[0]!)).toBeNull();
    const text = writerUpdates(prng(3), 1, 3, () => 'abc');
    const merged = Y.mergeUpdates(text);
    for (let cut = 1; cut < merged.length - 2; cut++) {
      const r = readerRanges(merged.subarray(0, cut));
      // A cut inside the struct list is refused; one inside the trailing delete set may pass.
      if (r !== null) expect(r).toEqual(yjsRanges(merged));
    }
  });
});
