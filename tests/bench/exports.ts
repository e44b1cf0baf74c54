/**
 * `pnpm bench:exports`: how long the scheda di tavolo takes to generate in every format for a
 * board of 300 cards (100 esigenze, 100 obiettivi, 100 linee, with rich text, links, votes and
 * contributi), and how large each file is. Printed figures, not a test.
 */
import { renderBoardExport } from '@trama/server';
import {
  addCard,
  addContributo,
  getCardRichText,
  initSnodoBoard,
  linkCards,
  setCardVoteResult,
  toJSON,
} from '@trama/shared';
import * as Y from 'yjs';

function paragraph(fragment: Y.XmlFragment, text: string): void {
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  fragment.push([p]);
}

function bigBoard(cardsPerLane: number) {
  const doc = new Y.Doc();
  initSnodoBoard(doc, { title: 'Tavolo grande' });
  for (let i = 0; i < cardsPerLane; i++) {
    const e = addCard(doc, 'esigenza', { title: `Esigenza ${i}: come si gestisce la cura a casa` });
    const personale = getCardRichText(doc, e, 'personale');
    if (personale)
      paragraph(personale, 'Le famiglie si organizzano da sole, con fatica crescente.');
    setCardVoteResult(doc, e, `v${i % 7}`, (i % 3) + 1);
    const o = addCard(doc, 'obiettivo', { title: `Obiettivo ${i}: ridurre l’isolamento` });
    linkCards(doc, o, e);
    const l = addCard(doc, 'lineaStrategica', { title: `Linea ${i}: reti di vicinato` });
    linkCards(doc, l, o);
    addContributo(doc, l, {
      ente: `Ente ${i % 9}`,
      tipo: 'tempo',
      descrizione: 'due ore a settimana',
    });
  }
  return toJSON(doc);
}

const board = bigBoard(100);
if (board.kind !== 'snodo') throw new Error('expected a snodo board');
console.log(`scheda di tavolo, ${board.cards.length} cards (node ${process.version})`);
console.log('format  ms (first)  ms (warm)  size KiB');
for (const format of ['json', 'csv', 'md', 'docx', 'pdf'] as const) {
  const input = { board, verbale: [], lang: 'it' as const, generatedAt: '2026-03-20' };
  let started = performance.now();
  const bytes = await renderBoardExport(format, input);
  const first = performance.now() - started;
  started = performance.now();
  await renderBoardExport(format, input);
  const warm = performance.now() - started;
  console.log(
    `${format.padEnd(6)}  ${first.toFixed(0).padStart(10)}  ${warm.toFixed(0).padStart(9)}  ${(bytes.byteLength / 1024).toFixed(1).padStart(8)}`,
  );
}
