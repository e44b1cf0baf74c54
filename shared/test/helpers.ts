import { fromBase64 } from 'lib0/buffer';
import * as Y from 'yjs';
import {
  getCardRichText,
  initPercorsoBoard,
  initSnodoBoard,
  plainTextToRichJSON,
  type RichTextField,
  setRichTextJSON,
} from '../src/index.js';

export function newSnodo(title = 'Tavolo anziani'): Y.Doc {
  const doc = new Y.Doc();
  initSnodoBoard(doc, { title });
  return doc;
}

export function newPercorso(title = 'Piano di Zona'): Y.Doc {
  const doc = new Y.Doc();
  initPercorsoBoard(doc, { title });
  return doc;
}

/** Writes plain text (one paragraph per line) into a card's rich-text field. */
export function writeText(doc: Y.Doc, cardId: string, field: RichTextField, text: string): void {
  const fragment = getCardRichText(doc, cardId, field);
  if (fragment === undefined) throw new Error(`no field ${field} on ${cardId}`);
  setRichTextJSON(fragment, plainTextToRichJSON(text));
}

export interface DocFixture {
  description: string;
  kind: 'snodo' | 'percorso';
  schemaVersion: number;
  update: string;
}

export function loadFixture(fixture: DocFixture): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, fromBase64(fixture.update));
  return doc;
}

/** Exchanges full state both ways, as two peers do on reconnect. */
export function syncBoth(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}
