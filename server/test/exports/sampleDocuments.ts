/**
 * Writes sample documents (scheda di tavolo, sintesi, verbale; Italian and English) to the
 * folder given as the first argument, for `pnpm check:documents` to open in LibreOffice.
 */
import fs from 'node:fs';
import path from 'node:path';
import { renderBoardExport } from '../../src/exports/boardExports.js';
import { renderDocx } from '../../src/exports/docx.js';
import { renderPdf } from '../../src/exports/pdf.js';
import { buildSintesi, buildVerbale } from '../../src/exports/sintesi.js';
import { bigBoard, fixture, VERBALE } from './fixtures.js';

const out = process.argv[2];
if (!out) throw new Error('usage: sampleDocuments.ts <folder>');
fs.mkdirSync(out, { recursive: true });
const { board, percorso } = fixture();
const generatedAt = '2026-03-20';

async function write(name: string, bytes: Uint8Array | Promise<Uint8Array>) {
  const started = performance.now();
  const data = await bytes;
  fs.writeFileSync(path.join(out as string, name), data);
  console.info(`${name}\t${data.byteLength} bytes\t${Math.round(performance.now() - started)} ms`);
}

for (const lang of ['it', 'en'] as const) {
  for (const format of ['docx', 'pdf', 'md', 'json', 'csv'] as const) {
    await write(
      `scheda-${lang}.${format}`,
      renderBoardExport(format, { board, percorso, verbale: VERBALE, lang, generatedAt }),
    );
  }
  const sintesi = buildSintesi({
    percorso,
    snodi: [{ id: 'snodo1', titolo: 'Tavolo anziani', tipo: 'tavolo', board, verbale: VERBALE }],
    percorsoVerbale: [],
    lang,
    generatedAt,
  });
  await write(`sintesi-${lang}.docx`, renderDocx(sintesi));
  await write(`sintesi-${lang}.pdf`, renderPdf(sintesi));
  const verbale = buildVerbale({ title: 'Tavolo anziani', verbale: VERBALE, lang, generatedAt });
  await write(`verbale-${lang}.docx`, renderDocx(verbale));
}
const big = bigBoard(300);
for (const format of ['docx', 'pdf'] as const) {
  await write(
    `scheda-300-carte.${format}`,
    renderBoardExport(format, { board: big, verbale: [], lang: 'it', generatedAt }),
  );
}
