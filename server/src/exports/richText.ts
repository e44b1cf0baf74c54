import type { RichNode, RichTextJSON } from '@trama/shared';
import type { Block, Run } from './model.js';

/**
 * Rich text (the Tiptap node tree, see @trama/shared richText) → document blocks. Keeps what
 * a document can carry: paragraphs, lists (nested), quotes, code, hard breaks, and the marks
 * bold, italic, underline, strike, code and link. Headings written inside a card become bold
 * paragraphs: the document's own headings are the outline.
 */

const SAFE_LINK = /^(https?:\/\/|mailto:)/i;

function attrsOf(run: { attributes?: Record<string, unknown> }): Omit<Run, 'text'> {
  const a = run.attributes ?? {};
  const props: Omit<Run, 'text'> = {};
  if (a.bold !== undefined) props.bold = true;
  if (a.italic !== undefined) props.italic = true;
  if (a.underline !== undefined) props.underline = true;
  if (a.strike !== undefined) props.strike = true;
  if (a.code !== undefined) props.code = true;
  const link = a.link as { href?: unknown } | undefined;
  if (link && typeof link.href === 'string' && SAFE_LINK.test(link.href)) props.link = link.href;
  return props;
}

function inlineRuns(nodes: readonly RichNode[], extra: Omit<Run, 'text'> = {}): Run[] {
  const runs: Run[] = [];
  for (const node of nodes) {
    if (node.type === 'text') {
      for (const op of node.delta) {
        if (typeof op.insert !== 'string' || op.insert === '') continue;
        runs.push({ text: op.insert, ...extra, ...attrsOf(op) });
      }
    } else if (node.name === 'hardBreak') {
      runs.push({ text: '\n' });
    } else {
      runs.push(...inlineRuns(node.children, extra));
    }
  }
  return mergeRuns(runs);
}

/** Adjacent runs with the same marks become one (y-prosemirror may split them). */
function mergeRuns(runs: Run[]): Run[] {
  const out: Run[] = [];
  for (const run of runs) {
    const last = out.at(-1);
    if (last && sameMarks(last, run) && run.text !== '\n' && !last.text.endsWith('\n')) {
      last.text += run.text;
    } else out.push({ ...run });
  }
  return out;
}

function sameMarks(a: Run, b: Run): boolean {
  return (
    !!a.bold === !!b.bold &&
    !!a.italic === !!b.italic &&
    !!a.underline === !!b.underline &&
    !!a.strike === !!b.strike &&
    !!a.code === !!b.code &&
    a.link === b.link
  );
}

function plainOf(nodes: readonly RichNode[]): string {
  return nodes
    .map((node) =>
      node.type === 'text'
        ? node.delta.map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('')
        : node.name === 'hardBreak'
          ? '\n'
          : plainOf(node.children),
    )
    .join('');
}

function nodeToBlocks(node: RichNode): Block[] {
  if (node.type === 'text') {
    const runs = inlineRuns([node]);
    return runs.length === 0 ? [] : [{ kind: 'paragraph', runs }];
  }
  switch (node.name) {
    case 'paragraph': {
      const runs = inlineRuns(node.children);
      return runs.length === 0 ? [] : [{ kind: 'paragraph', runs }];
    }
    case 'heading': {
      const runs = inlineRuns(node.children, { bold: true });
      return runs.length === 0 ? [] : [{ kind: 'paragraph', runs }];
    }
    case 'bulletList':
    case 'orderedList':
    case 'taskList': {
      const items = node.children
        .map((item) => (item.type === 'element' ? childrenToBlocks(item.children) : []))
        .filter((item) => item.length > 0);
      return items.length === 0
        ? []
        : [{ kind: 'list', ordered: node.name === 'orderedList', items }];
    }
    case 'blockquote': {
      const blocks = childrenToBlocks(node.children);
      return blocks.length === 0 ? [] : [{ kind: 'quote', blocks }];
    }
    case 'codeBlock': {
      const value = plainOf(node.children);
      return value === '' ? [] : [{ kind: 'code', text: value }];
    }
    case 'horizontalRule':
    case 'image':
      return [];
    default:
      return childrenToBlocks(node.children);
  }
}

function childrenToBlocks(nodes: readonly RichNode[]): Block[] {
  return nodes.flatMap(nodeToBlocks);
}

/** The blocks of a rich-text field; empty paragraphs are dropped. */
export function richToBlocks(json: RichTextJSON): Block[] {
  return childrenToBlocks(json);
}

/** Plain text of a rich-text field: blocks on their own lines, list items with "- ". */
export function richToPlain(json: RichTextJSON): string {
  return blocksPlain(richToBlocks(json));
}

function blocksPlain(blocks: readonly Block[], indent = ''): string {
  const lines: string[] = [];
  for (const block of blocks) {
    if (block.kind === 'paragraph') lines.push(indent + block.runs.map((r) => r.text).join(''));
    else if (block.kind === 'code') lines.push(indent + block.text);
    else if (block.kind === 'quote') lines.push(blocksPlain(block.blocks, indent));
    else if (block.kind === 'list') {
      block.items.forEach((item, index) => {
        const marker = block.ordered ? `${index + 1}. ` : '- ';
        lines.push(indent + marker + blocksPlain(item, `${indent}  `).trimStart());
      });
    }
  }
  return lines.join('\n');
}

/** Every link target in a rich-text field, in reading order. */
export function richLinks(json: RichTextJSON): string[] {
  const links: string[] = [];
  const walk = (blocks: readonly Block[]) => {
    for (const block of blocks) {
      if (block.kind === 'paragraph') {
        for (const run of block.runs)
          if (run.link && !links.includes(run.link)) links.push(run.link);
      } else if (block.kind === 'list') block.items.forEach(walk);
      else if (block.kind === 'quote') walk(block.blocks);
    }
  };
  walk(richToBlocks(json));
  return links;
}
