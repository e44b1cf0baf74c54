import { createRequire } from 'node:module';
import path from 'node:path';
import type { Readable } from 'node:stream';
import pdfmake, { type Content } from 'pdfmake';
import type { Block, ExportDocument, Run } from './model.js';

/**
 * A document as PDF with pdfmake (pure JS, Roboto embedded): selectable text, headings as
 * nested bookmarks (outline), tables with repeated header rows, page numbers. Deterministic:
 * the creation date is the generation date and pdfkit derives the file id from it.
 */

const require = createRequire(import.meta.url);
const robotoPath = require.resolve('pdfmake/fonts/Roboto.js');
const fontsDir = path.dirname(robotoPath);
pdfmake.setFonts(require(robotoPath));
// The generator reads only the bundled fonts; no URL, no other local file.
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((file: string) => path.resolve(file).startsWith(fontsDir));

type TDocumentDefinitions = Parameters<typeof pdfmake.createPdf>[0];

const ACCENT = '#0b4f8a';
const MUTED = '#666666';

interface Ctx {
  nextId: number;
  parents: (string | undefined)[];
}

function runNode(run: Run, muted: boolean): Content {
  const decoration: 'underline' | 'lineThrough' | undefined =
    run.underline || run.link ? 'underline' : run.strike ? 'lineThrough' : undefined;
  return {
    text: run.text,
    ...(run.bold && { bold: true }),
    ...((run.italic || muted) && { italics: true }),
    ...(decoration && { decoration }),
    ...(run.link && { link: run.link, color: ACCENT }),
    ...(muted && { color: MUTED }),
    ...(run.code && { background: '#eeeeee' }),
  };
}

function inline(runs: readonly Run[], muted = false): Content[] {
  return runs.map((run) => runNode(run, muted));
}

function blockContent(block: Block, ctx: Ctx): Content {
  switch (block.kind) {
    case 'heading': {
      const id = `h${ctx.nextId++}`;
      ctx.parents[block.level - 1] = id;
      ctx.parents.length = block.level;
      const parent = block.level > 1 ? ctx.parents[block.level - 2] : undefined;
      return {
        text: block.text,
        style: `h${block.level}`,
        outline: true,
        id,
        ...(parent && { outlineParentId: parent }),
        headlineLevel: block.level,
      };
    }
    case 'paragraph':
      return { text: inline(block.runs, block.muted), margin: [0, 0, 0, 4] };
    case 'code':
      return { text: block.text, background: '#eeeeee', margin: [0, 0, 0, 4] };
    case 'quote':
      return {
        stack: block.blocks.map((b) => blockContent(b, ctx)),
        margin: [18, 0, 0, 4],
        italics: true,
      };
    case 'list': {
      const items = block.items.map((item): Content => {
        const [first, ...rest] = item;
        if (first?.kind === 'paragraph' && rest.length === 0)
          return { text: inline(first.runs, first.muted) };
        return { stack: item.map((b) => blockContent(b, ctx)) };
      });
      return block.ordered
        ? { ol: items, margin: [0, 0, 0, 4] }
        : { ul: items, margin: [0, 0, 0, 4] };
    }
    case 'field': {
      const label = { text: `${block.label}: `, bold: true };
      const [first, ...rest] = block.blocks;
      if (first?.kind === 'paragraph' && rest.length === 0) {
        return { text: [label, ...inline(first.runs, first.muted)], margin: [0, 0, 0, 4] };
      }
      return { stack: [{ text: [label] }, ...block.blocks.map((b) => blockContent(b, ctx))] };
    }
    case 'table': {
      const weights = block.widths ?? block.header.map(() => 1);
      const sum = weights.reduce((a, b) => a + b, 0);
      return {
        table: {
          headerRows: 1,
          widths: weights.map((w) => `${Math.floor((w / sum) * 1000) / 10}%`),
          body: [
            block.header.map((h) => ({ text: h, bold: true, fillColor: '#dce6f0' })),
            ...block.rows.map((row) =>
              row.map((cell) => ({ stack: cell.map((b) => blockContent(b, ctx)) })),
            ),
          ],
        },
        layout: 'lightHorizontalLines',
        margin: [0, 2, 0, 8],
      };
    }
    case 'pageBreak':
      return { text: '', pageBreak: 'after' };
  }
}

export function pdfDefinition(doc: ExportDocument): TDocumentDefinitions {
  const ctx: Ctx = { nextId: 1, parents: [] };
  const date = new Date(`${doc.generatedAt}T00:00:00Z`);
  return {
    pageSize: 'A4',
    pageMargins: [56, 56, 56, 56],
    info: {
      title: doc.title,
      subject: doc.subtitle,
      author: 'Trama',
      creator: 'Trama',
      producer: 'Trama',
      creationDate: date,
      modDate: date,
    },
    language: doc.lang === 'en' ? 'en-GB' : 'it-IT',
    content: [
      { text: doc.title, style: 'title' },
      { text: doc.subtitle, italics: true, color: MUTED, margin: [0, 0, 0, 12] },
      ...doc.blocks.map((block) => blockContent(block, ctx)),
    ],
    footer: (current: number, count: number) => ({
      text: `${current} / ${count}`,
      alignment: 'right',
      fontSize: 8,
      color: MUTED,
      margin: [56, 16, 56, 0],
    }),
    styles: {
      title: { fontSize: 20, bold: true, color: ACCENT, margin: [0, 0, 0, 4] },
      h1: { fontSize: 16, bold: true, color: ACCENT, margin: [0, 14, 0, 6] },
      h2: { fontSize: 13, bold: true, color: ACCENT, margin: [0, 10, 0, 4] },
      h3: { fontSize: 11.5, bold: true, margin: [0, 8, 0, 3] },
    },
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.2 },
    // Keep a heading with what follows it.
    pageBreakBefore: (node, following) =>
      node.headlineLevel !== undefined && following.getFollowingNodesOnPage().length === 0,
  };
}

export async function renderPdf(doc: ExportDocument): Promise<Buffer> {
  return pdfmake.createPdf(pdfDefinition(doc)).getBuffer();
}

export async function renderPdfStream(doc: ExportDocument): Promise<Readable> {
  const stream = (await pdfmake
    .createPdf(pdfDefinition(doc))
    .getStream()) as unknown as Readable & {
    end(): void;
  };
  // pdfkit writes the document out once it is ended; the reader pulls it as it comes.
  stream.end();
  return stream;
}
