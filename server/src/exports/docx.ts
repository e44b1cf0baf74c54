import {
  AlignmentType,
  Document,
  ExternalHyperlink,
  Footer,
  HeadingLevel,
  type ILevelsOptions,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  type ParagraphChild,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { Block, ExportDocument, Run } from './model.js';

/**
 * A document as Word (OOXML). Real Heading 1–3 styles with outline levels (so Word's table of
 * contents and LibreOffice's navigator and PDF bookmarks work), real numbered and bulleted
 * lists, real tables, links as hyperlinks, Italian or English as the text language.
 * Deterministic: dates are the generation date, zip entries carry it, and the random
 * relationship ids docx makes for hyperlinks are renumbered in order.
 */

const FONT = 'Calibri';
const MUTED = '666666';
const ACCENT = '0B4F8A';
/** A4 with 2 cm margins. */
const TEXT_WIDTH_TWIPS = 9638;
const LIST_LEVELS = 6;

function headingStyle(id: string, name: string, size: number, outlineLevel: number) {
  return {
    id,
    name,
    basedOn: 'Normal',
    next: 'Normal',
    quickFormat: true,
    run: { font: FONT, size, bold: true, color: ACCENT },
    paragraph: { spacing: { before: 280, after: 120 }, keepNext: true, outlineLevel },
  };
}

function listLevels(ordered: boolean): ILevelsOptions[] {
  return Array.from({ length: LIST_LEVELS }, (_, level) => ({
    level,
    format: ordered ? LevelFormat.DECIMAL : LevelFormat.BULLET,
    text: ordered ? `%${level + 1}.` : (['•', '◦', '▪'][level % 3] ?? '•'),
    alignment: AlignmentType.LEFT,
    style: { paragraph: { indent: { left: 360 * (level + 1), hanging: 360 } } },
  }));
}

interface Context {
  /** Each ordered list gets its own numbering instance, so numbering restarts. */
  nextInstance: number;
}

function textRuns(run: Run, muted: boolean): TextRun[] {
  const props = {
    bold: run.bold,
    italics: run.italic || muted,
    strike: run.strike,
    ...(run.underline && { underline: {} }),
    ...(run.code && { font: 'Courier New' }),
    ...(muted && { color: MUTED }),
    ...(run.link && { style: 'Hyperlink' }),
  };
  if (run.text === '\n') return [new TextRun({ break: 1 })];
  return run.text
    .split('\n')
    .map((part, index) => new TextRun({ text: part, ...props, ...(index > 0 && { break: 1 }) }));
}

function inline(runs: readonly Run[], muted = false): ParagraphChild[] {
  return runs.flatMap((run): ParagraphChild[] => {
    const children = textRuns(run, muted);
    return run.link ? [new ExternalHyperlink({ link: run.link, children })] : children;
  });
}

type Para = {
  numbering?: { reference: string; level: number; instance?: number };
  indent?: number;
};

function blockParagraphs(block: Block, ctx: Context, opts: Para = {}): (Paragraph | Table)[] {
  const indent = opts.indent ? { indent: { left: opts.indent } } : {};
  const numbering = opts.numbering ? { numbering: opts.numbering } : {};
  switch (block.kind) {
    case 'heading':
      return [
        new Paragraph({
          text: block.text,
          heading: [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3][
            block.level - 1
          ],
        }),
      ];
    case 'paragraph':
      return [
        new Paragraph({ children: inline(block.runs, block.muted), ...numbering, ...indent }),
      ];
    case 'code':
      return [
        new Paragraph({
          children: inline([{ text: block.text, code: true }]),
          shading: { type: ShadingType.CLEAR, fill: 'F2F2F2', color: 'auto' },
          ...numbering,
          ...indent,
        }),
      ];
    case 'quote':
      return block.blocks.flatMap((b, i) =>
        blockParagraphs(b, ctx, {
          ...(i === 0 && opts.numbering && { numbering: opts.numbering }),
          indent: (opts.indent ?? 0) + 567,
        }),
      );
    case 'list': {
      const level = opts.numbering ? opts.numbering.level + 1 : 0;
      const reference = block.ordered ? 'trama-ordered' : 'trama-bullets';
      const instance = block.ordered ? ctx.nextInstance++ : undefined;
      return block.items.flatMap((item) =>
        item.flatMap((child, i) => {
          if (child.kind === 'list')
            return blockParagraphs(child, ctx, { numbering: { reference, level } });
          return blockParagraphs(
            child,
            ctx,
            i === 0
              ? { numbering: { reference, level, ...(instance !== undefined && { instance }) } }
              : { indent: 360 * (level + 1) },
          );
        }),
      );
    }
    case 'field': {
      const label = new TextRun({ text: `${block.label}: `, bold: true });
      const [first, ...rest] = block.blocks;
      if (first?.kind === 'paragraph' && rest.length === 0) {
        return [
          new Paragraph({ children: [label, ...inline(first.runs, first.muted)], ...indent }),
        ];
      }
      return [
        new Paragraph({ children: [label], keepNext: true, ...indent }),
        ...block.blocks.flatMap((b) =>
          blockParagraphs(b, ctx, opts.indent ? { indent: opts.indent } : {}),
        ),
      ];
    }
    case 'table':
      return [tableOf(block, ctx), new Paragraph({})];
    case 'pageBreak':
      return [new Paragraph({ pageBreakBefore: true })];
  }
}

function tableOf(block: Extract<Block, { kind: 'table' }>, ctx: Context): Table {
  const columns = block.header.length;
  const weights = block.widths ?? Array.from({ length: columns }, () => 1);
  const sum = weights.reduce((a, b) => a + b, 0);
  const columnWidths = weights.map((w) => Math.floor((TEXT_WIDTH_TWIPS * w) / sum));
  const cell = (children: (Paragraph | Table)[], width: number, header = false) =>
    new TableCell({
      children: children.length > 0 ? children : [new Paragraph({})],
      width: { size: width, type: WidthType.DXA },
      ...(header && { shading: { type: ShadingType.CLEAR, fill: 'DCE6F0', color: 'auto' } }),
    });
  return new Table({
    width: { size: TEXT_WIDTH_TWIPS, type: WidthType.DXA },
    columnWidths,
    rows: [
      new TableRow({
        tableHeader: true,
        children: block.header.map((h, i) =>
          cell(
            [new Paragraph({ children: [new TextRun({ text: h, bold: true })] })],
            columnWidths[i] ?? 0,
            true,
          ),
        ),
      }),
      ...block.rows.map(
        (row) =>
          new TableRow({
            cantSplit: false,
            children: row.map((blocks, i) =>
              cell(
                blocks.flatMap((b) => blockParagraphs(b, ctx)),
                columnWidths[i] ?? 0,
              ),
            ),
          }),
      ),
    ],
  });
}

export function buildDocx(doc: ExportDocument): Document {
  const ctx: Context = { nextInstance: 1 };
  const body = doc.blocks.flatMap((block) => blockParagraphs(block, ctx));
  return new Document({
    creator: 'Trama',
    title: doc.title,
    description: doc.subtitle,
    styles: {
      default: {
        document: {
          run: { font: FONT, size: 22, language: { value: doc.lang === 'en' ? 'en-GB' : 'it-IT' } },
          paragraph: { spacing: { after: 80 } },
        },
      },
      paragraphStyles: [
        {
          id: 'Title',
          name: 'Title',
          basedOn: 'Normal',
          next: 'Normal',
          quickFormat: true,
          run: { font: FONT, size: 40, bold: true, color: ACCENT },
          paragraph: { spacing: { after: 120 } },
        },
        headingStyle('Heading1', 'Heading 1', 32, 0),
        headingStyle('Heading2', 'Heading 2', 26, 1),
        headingStyle('Heading3', 'Heading 3', 23, 2),
      ],
    },
    numbering: {
      config: [
        { reference: 'trama-bullets', levels: listLevels(false) },
        { reference: 'trama-ordered', levels: listLevels(true) },
      ],
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                children: [
                  new TextRun({ text: `${doc.title} — `, color: MUTED, size: 16 }),
                  new TextRun({ children: [PageNumber.CURRENT], color: MUTED, size: 16 }),
                ],
              }),
            ],
          }),
        },
        children: [
          new Paragraph({ text: doc.title, heading: HeadingLevel.TITLE }),
          new Paragraph({
            children: [new TextRun({ text: doc.subtitle, italics: true, color: MUTED })],
          }),
          ...body,
        ],
      },
    ],
  });
}

/** Same document → same bytes: fixed dates and zip times, relationship ids renumbered. */
export function normaliseDocx(bytes: Uint8Array, generatedAt: string): Uint8Array {
  const files = unzipSync(bytes);
  const stamp = `${generatedAt}T00:00:00Z`;
  const texts = new Map<string, string>();
  for (const [name, data] of Object.entries(files)) {
    if (name.endsWith('.xml') || name.endsWith('.rels')) texts.set(name, strFromU8(data));
  }
  // Random ids (nanoid, 21 chars) of relationships, in the order the parts list them.
  const renames = new Map<string, string>();
  for (const [name, xml] of texts) {
    if (!name.endsWith('.rels')) continue;
    for (const match of xml.matchAll(/Id="([^"]+)"/g)) {
      const id = match[1] as string;
      if (!/^rId\d+$/.test(id) && !renames.has(id)) renames.set(id, `rIdT${renames.size + 1}`);
    }
  }
  const out: Record<string, Uint8Array> = {};
  for (const [name, data] of Object.entries(files)) {
    let xml = texts.get(name);
    if (xml === undefined) {
      out[name] = data;
      continue;
    }
    if (name === 'docProps/core.xml') {
      xml = xml.replace(
        /(<dcterms:(created|modified)[^>]*>)[^<]*(<\/dcterms:\2>)/g,
        (_m, open: string, _tag: string, close: string) => `${open}${stamp}${close}`,
      );
    }
    for (const [from, to] of renames) xml = xml.replaceAll(`"${from}"`, `"${to}"`);
    out[name] = strToU8(xml);
  }
  const mtime = new Date(`${generatedAt}T00:00:00Z`);
  return zipSync(out, { mtime, level: 6 });
}

export async function renderDocx(doc: ExportDocument): Promise<Buffer> {
  const raw = await Packer.toBuffer(buildDocx(doc));
  return Buffer.from(normaliseDocx(raw, doc.generatedAt));
}
