/**
 * The documents' common form: a tree of blocks that each renderer (DOCX, PDF, Markdown) writes
 * in its own way. Generators build it from board JSON; nothing here knows about Yjs.
 */

export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  strike?: boolean;
  code?: boolean;
  /** http(s) or mailto only; anything else is dropped when rich text is converted. */
  link?: string;
}

export type HeadingLevel = 1 | 2 | 3;

export type Block =
  | { kind: 'heading'; level: HeadingLevel; text: string }
  | { kind: 'paragraph'; runs: Run[]; muted?: boolean }
  | { kind: 'list'; ordered: boolean; items: Block[][] }
  | { kind: 'quote'; blocks: Block[] }
  | { kind: 'code'; text: string }
  | { kind: 'table'; header: string[]; rows: Block[][][]; widths?: number[] }
  /** A labelled value: "Label: value" on one line when the value is one paragraph. */
  | { kind: 'field'; label: string; blocks: Block[] }
  | { kind: 'pageBreak' };

export interface ExportDocument {
  lang: 'it' | 'en';
  /** Document title (first line, and metadata). */
  title: string;
  subtitle: string;
  /** YYYY-MM-DD, printed and stamped in metadata. */
  generatedAt: string;
  blocks: Block[];
}

export function text(value: string, runProps: Omit<Run, 'text'> = {}): Run {
  return { text: value, ...runProps };
}

export function para(value: string | Run[], muted = false): Block {
  const runs = typeof value === 'string' ? [text(value)] : value;
  return muted ? { kind: 'paragraph', runs, muted } : { kind: 'paragraph', runs };
}

export function heading(level: HeadingLevel, value: string): Block {
  return { kind: 'heading', level, text: value };
}

export function field(label: string, blocks: Block[] | string): Block {
  return { kind: 'field', label, blocks: typeof blocks === 'string' ? [para(blocks)] : blocks };
}

export function bullets(items: (string | Block[])[], ordered = false): Block {
  return {
    kind: 'list',
    ordered,
    items: items.map((item) => (typeof item === 'string' ? [para(item)] : item)),
  };
}

export function table(header: string[], rows: (string | Block[])[][], widths?: number[]): Block {
  return {
    kind: 'table',
    header,
    rows: rows.map((row) => row.map((cell) => (typeof cell === 'string' ? [para(cell)] : cell))),
    ...(widths && { widths }),
  };
}

/** The plain text of runs. */
export function runsText(runs: readonly Run[]): string {
  return runs.map((run) => run.text).join('');
}

/** Plain text of blocks: paragraphs on their own lines, list items with "- " or "1. ". */
export function blocksToPlain(blocks: readonly Block[], indent = ''): string {
  const lines: string[] = [];
  for (const block of blocks) {
    switch (block.kind) {
      case 'heading':
        lines.push(indent + block.text);
        break;
      case 'paragraph':
        lines.push(indent + runsText(block.runs));
        break;
      case 'code':
        lines.push(...block.text.split('\n').map((line) => indent + line));
        break;
      case 'quote':
        lines.push(blocksToPlain(block.blocks, indent));
        break;
      case 'list':
        block.items.forEach((item, index) => {
          const marker = block.ordered ? `${index + 1}. ` : '- ';
          const inner = blocksToPlain(item, `${indent}  `).replace(/^\s+/, '');
          lines.push(indent + marker + inner);
        });
        break;
      case 'field':
        lines.push(`${indent}${block.label}: ${blocksToPlain(block.blocks).trim()}`);
        break;
      case 'table':
        for (const row of block.rows) {
          lines.push(indent + row.map((cell) => blocksToPlain(cell).trim()).join(' | '));
        }
        break;
      case 'pageBreak':
        break;
    }
  }
  return lines.join('\n');
}
