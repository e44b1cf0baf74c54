import { fromJSON, toJSON } from '@trama/shared';
import { describe, expect, it } from 'vitest';
import { renderBoardExport, renderJson } from '../../src/exports/boardExports.js';
import { csvField, renderCsv } from '../../src/exports/csv.js';
import { renderMarkdown } from '../../src/exports/markdown.js';
import { buildScheda, type SchedaInput } from '../../src/exports/scheda.js';
import { bigBoard, fixture, VERBALE } from './fixtures.js';
import { inOrder, readDocx, readPdf } from './readers.js';

function input(lang: 'it' | 'en' = 'it'): SchedaInput {
  const { board, percorso } = fixture();
  return { board, percorso, verbale: VERBALE, lang, generatedAt: '2026-03-20' };
}

/** What every format must show, in this order (Italian). */
const ORDER_IT = [
  'Tavolo anziani',
  'Comune di Lodi',
  'Domiciliarità degli anziani',
  'Partecipanti',
  'Lettura delle esigenze',
  'E1. Solitudine degli anziani, "soli" a casa',
  'vivono soli',
  'spesa condivisa',
  'tabella 3',
  'Voti',
  'E2. Mancano posti al centro diurno',
  'Obiettivi',
  'O1. Ridurre l’isolamento, entro 2 anni',
  'quota di anziani soli',
  'E1. Solitudine',
  'O2. Organizzare feste',
  'Linee strategiche',
  'L1. Portierato sociale di quartiere',
  'O1. Ridurre',
  'Cooperativa Sole',
  'due operatori',
  'Allegato — Rilievi di metodo aperti',
];

describe('scheda di tavolo: DOCX', () => {
  it('[EX1] has real headings in order, lists, tables, links and votes', async () => {
    const bytes = await renderBoardExport('docx', input());
    const { paragraphs, links, files } = readDocx(bytes);
    const headings = paragraphs
      .filter((p) => p.style?.startsWith('Heading'))
      .map((p) => `${p.style}:${p.text}`);
    expect(headings).toEqual([
      'Heading1:Partecipanti',
      'Heading1:Lettura delle esigenze',
      'Heading2:E1. Solitudine degli anziani, "soli" a casa',
      'Heading2:E2. Mancano posti al centro diurno',
      'Heading1:Obiettivi',
      'Heading2:O1. Ridurre l’isolamento, entro 2 anni',
      'Heading2:O2. Organizzare feste',
      'Heading1:Linee strategiche',
      'Heading2:L1. Portierato sociale di quartiere',
      'Heading1:Allegato — Rilievi di metodo aperti',
    ]);
    const all = paragraphs.map((p) => p.text).join('\n');
    expect(inOrder(all, ORDER_IT)).toBeNull();
    expect(all).toContain('Voti: 5 (2 votazioni)');
    // Bold and italic survive as run properties; lists as numbering; tables as tables.
    expect(files['word/document.xml']).toMatch(/<w:b\/>[\s\S]*?vivono soli/);
    expect(paragraphs.find((p) => p.text === 'spesa condivisa')?.listLevel).toBe(0);
    expect(paragraphs.find((p) => p.text === 'interviste ai MMG')?.listLevel).toBe(0);
    expect(paragraphs.some((p) => p.inTable && p.text.includes('Cooperativa Sole'))).toBe(true);
    expect(links).toContain('https://www.istat.it/rapporto-2024');
    // Heading styles carry outline levels, so LibreOffice and Word build a navigator / TOC.
    expect(files['word/styles.xml']).toMatch(
      /w:styleId="Heading1"[\s\S]*?<w:outlineLvl w:val="0"\/>/,
    );
    expect(files['word/styles.xml']).toContain('it-IT');
  });

  it('[EX2] same board, same bytes (the generation date is the only date)', async () => {
    const a = await renderBoardExport('docx', input());
    const b = await renderBoardExport('docx', input());
    expect(Buffer.compare(a, b)).toBe(0);
    expect(readDocx(a).files['docProps/core.xml']).toContain('2026-03-20T00:00:00Z');
  });

  it('[EX9] English on request, method terms stay Italian', async () => {
    const { paragraphs } = readDocx(await renderBoardExport('docx', input('en')));
    const all = paragraphs.map((p) => p.text).join('\n');
    expect(all).toContain('Lettura delle esigenze');
    expect(all).toContain('Votes: 5 (2 rounds)');
    expect(all).toContain('Annex — Open method findings');
    expect(all).not.toContain('Voti:');
  });
});

describe('scheda di tavolo: PDF', () => {
  it('[EX1] text is selectable, in order, and headings are nested bookmarks', async () => {
    const bytes = await renderBoardExport('pdf', input());
    const pdf = await readPdf(bytes);
    expect(pdf.text.replace(/\s+/g, ' ')).toSatisfy(
      (text: string) =>
        inOrder(
          text,
          ORDER_IT.map((s) => s.replace(/\s+/g, ' ')),
        ) === null,
    );
    expect(pdf.text).toContain('Voti: 5 (2 votazioni)');
    expect(pdf.outline.map((o) => o.title)).toEqual([
      'Partecipanti',
      'Lettura delle esigenze',
      'Obiettivi',
      'Linee strategiche',
      'Allegato — Rilievi di metodo aperti',
    ]);
    expect(pdf.outline[1]?.children).toEqual([
      'E1. Solitudine degli anziani, "soli" a casa',
      'E2. Mancano posti al centro diurno',
    ]);
    expect(pdf.title).toBe('Scheda di tavolo: Tavolo anziani');
  });

  it('[EX2] same board, same bytes', async () => {
    const a = await renderBoardExport('pdf', input());
    const b = await renderBoardExport('pdf', input());
    expect(Buffer.compare(a, b)).toBe(0);
  });

  it('[EX9] English variant', async () => {
    const pdf = await readPdf(await renderBoardExport('pdf', input('en')));
    expect(pdf.text).toContain('Votes: 5 (2 rounds)');
    expect(pdf.outline.map((o) => o.title)).toContain('Annex — Open method findings');
  });
});

describe('scheda di tavolo: Markdown', () => {
  it('[EX1] headings, lists, emphasis, links and votes in order', () => {
    const md = renderMarkdown(buildScheda(input()));
    expect(
      inOrder(md, [
        '# Scheda di tavolo: Tavolo anziani',
        '## Lettura delle esigenze',
        '### E1.',
        '### E2.',
        '## Obiettivi',
        '## Linee strategiche',
      ]),
    ).toBeNull();
    expect(md).toContain('**vivono soli**');
    expect(md).toContain('*con i vicini*');
    expect(md).toContain('[tabella 3](<https://www.istat.it/rapporto-2024>)');
    expect(md).toMatch(/^ {2}- spesa condivisa$|^- spesa condivisa$/m);
    expect(md).toContain('**Voti:** 5 (2 votazioni)');
    expect(md).toContain('| Cooperativa Sole | persone | due operatori, 10 ore a settimana |');
    // A title that starts like a list item stays text.
    expect(md).not.toMatch(/^#{4,}/m);
  });
});

describe('JSON export', () => {
  it('[EX3] export → import → export is identical', () => {
    const { board } = fixture();
    const first = renderJson(board);
    const reimported = toJSON(fromJSON(JSON.parse(first)));
    expect(renderJson(reimported)).toBe(first);
    expect(JSON.parse(first).schemaVersion).toBeGreaterThan(0);
  });
});

describe('CSV export', () => {
  it('[EX4] escapes commas, quotes and newlines (RFC 4180)', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\r')).toBe('"cr\r"');
  });

  it('[EX4] one row per card with kind, lane, plain text, links and votes', () => {
    const csv = renderCsv(fixture().board, 'it');
    expect(
      csv.startsWith(
        '\uFEFFid,tipo,corsia,numero,titolo,testo,collegamenti,link,voti,votazioni\r\n',
      ),
    ).toBe(true);
    const rows = parseCsv(csv.slice(1));
    expect(rows).toHaveLength(1 + 5);
    const e1 = rows[1] ?? [];
    expect(e1.slice(0, 5)).toEqual([
      'e1',
      'esigenza',
      'Lettura delle esigenze',
      'E1',
      'Solitudine degli anziani, "soli" a casa',
    ]);
    expect(e1[5]).toContain(
      'Personale: Molti anziani vivono soli e si organizzano con i vicini\n- spesa condivisa',
    );
    expect(e1[7]).toBe('https://www.istat.it/rapporto-2024');
    expect(e1.slice(8)).toEqual(['5', '2']);
    const o1 = rows[3] ?? [];
    expect(o1[6]).toBe('E1 E2');
    expect(rows[5]?.[6]).toBe('O1');
  });
});

describe('performance', () => {
  it('[EX5] a 300-card board exports to every format with every card in it', async () => {
    // How long this takes is measured by `pnpm bench:exports`, not asserted here.
    const board = bigBoard(300);
    expect(board.cards).toHaveLength(300);
    const input = { board, verbale: VERBALE, lang: 'it' as const, generatedAt: '2026-03-20' };
    const csv = new TextDecoder().decode(await renderBoardExport('csv', input));
    expect(parseCsv(csv)).toHaveLength(301);
    const md = new TextDecoder().decode(await renderBoardExport('md', input));
    const lastTitle = board.cards.at(-1)?.title ?? '';
    expect(md).toContain(lastTitle);
    const docx = readDocx(await renderBoardExport('docx', input));
    expect(docx.files['word/document.xml']).toContain(lastTitle);
    const pdf = await readPdf(await renderBoardExport('pdf', input));
    expect(pdf.text.replace(/\s+/g, ' ')).toContain(lastTitle);
  });
});

/** A strict RFC 4180 reader, to check the writer against. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}
