import { strFromU8, unzipSync } from 'fflate';

/** Readers that look inside generated documents the way a test needs, without LibreOffice. */

function unescapeXml(value: string): string {
  return value
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

export interface DocxParagraph {
  style: string | null;
  text: string;
  /** Has list numbering (w:numPr). */
  listLevel: number | null;
  inTable: boolean;
}

export interface DocxContent {
  files: Record<string, string>;
  paragraphs: DocxParagraph[];
  /** Hyperlink targets from the document's relationships, in document order. */
  links: string[];
}

export function readDocx(bytes: Uint8Array): DocxContent {
  const raw = unzipSync(bytes);
  const files: Record<string, string> = {};
  for (const [name, data] of Object.entries(raw)) files[name] = strFromU8(data);
  const xml = files['word/document.xml'] ?? '';
  const paragraphs: DocxParagraph[] = [];
  // Track table depth while walking paragraphs in order.
  const tokens = xml.matchAll(/<w:tbl>|<\/w:tbl>|<w:p[ >][\s\S]*?<\/w:p>|<w:p\/>/g);
  let tableDepth = 0;
  for (const [token] of tokens) {
    if (token === '<w:tbl>') tableDepth++;
    else if (token === '</w:tbl>') tableDepth--;
    else {
      const style = token.match(/<w:pStyle w:val="([^"]+)"/)?.[1] ?? null;
      const level = token.match(/<w:numPr>\s*<w:ilvl w:val="(\d+)"/)?.[1];
      const text = [...token.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:br\/>/g)]
        .map((m) => (m[0] === '<w:br/>' ? '\n' : unescapeXml(m[1] ?? '')))
        .join('');
      paragraphs.push({
        style,
        text,
        listLevel: level === undefined ? null : Number(level),
        inTable: tableDepth > 0,
      });
    }
  }
  const rels = files['word/_rels/document.xml.rels'] ?? '';
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship [^>]*>/g)) {
    const id = m[0].match(/Id="([^"]+)"/)?.[1];
    const target = m[0].match(/Target="([^"]+)"/)?.[1];
    if (id && target && m[0].includes('External')) targets.set(id, unescapeXml(target));
  }
  const links = [...xml.matchAll(/<w:hyperlink [^>]*r:id="([^"]+)"/g)].map(
    (m) => targets.get(m[1] ?? '') ?? '?',
  );
  return { files, paragraphs, links };
}

export interface PdfContent {
  pages: number;
  text: string;
  outline: { title: string; children: string[] }[];
  title: string | undefined;
}

export async function readPdf(bytes: Uint8Array): Promise<PdfContent> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(bytes),
    useSystemFonts: false,
    isEvalSupported: false,
  }).promise;
  const lines: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    let line = '';
    for (const item of content.items) {
      if (!('str' in item)) continue;
      line += item.str;
      if (item.hasEOL) {
        lines.push(line);
        line = '';
      }
    }
    if (line) lines.push(line);
  }
  const outline = ((await doc.getOutline()) ?? []).map((item) => ({
    title: item.title,
    children: item.items.map((child) => child.title),
  }));
  const meta = await doc.getMetadata();
  const info = meta.info as { Title?: string };
  const result = { pages: doc.numPages, text: lines.join('\n'), outline, title: info.Title };
  await doc.destroy();
  return result;
}

/** Asserts `needles` occur in `haystack` in this order; returns the first missing or misplaced. */
export function inOrder(haystack: string, needles: readonly string[]): string | null {
  let from = 0;
  for (const needle of needles) {
    const at = haystack.indexOf(needle, from);
    if (at < 0) return needle;
    from = at + needle.length;
  }
  return null;
}
