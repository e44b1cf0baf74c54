import type { Block, ExportDocument, Run } from './model.js';

/** A document as CommonMark (GFM tables): headings, lists, tables, emphasis and links kept. */

function escapeMd(value: string): string {
  return value.replace(/([\\`*_[\]<>|])/g, '\\$1');
}

function runMd(run: Run): string {
  if (run.text === '\n') return '  \n';
  if (run.text.trim() === '') return run.text;
  // Emphasis markers must hug the text: keep surrounding spaces outside them.
  const lead = run.text.match(/^\s*/)?.[0] ?? '';
  const trail = run.text.match(/\s*$/)?.[0] ?? '';
  let out = run.code ? `\`${run.text.trim().replace(/`/g, "'")}\`` : escapeMd(run.text.trim());
  if (run.bold) out = `**${out}**`;
  if (run.italic) out = `*${out}*`;
  if (run.strike) out = `~~${out}~~`;
  if (run.link) out = `[${out}](<${run.link.replace(/[<>\s]/g, encodeURIComponent)}>)`;
  return lead + out + trail;
}

function runsMd(runs: readonly Run[]): string {
  const line = runs.map(runMd).join('');
  // A paragraph that starts like a heading or a list item must stay a paragraph.
  return line.replace(/^(#|\d+[.)]|[-+])(\s)/, '\\$1$2');
}

function blockMd(block: Block, indent: string): string[] {
  switch (block.kind) {
    case 'heading':
      return [`${'#'.repeat(block.level + 1)} ${escapeMd(block.text)}`, ''];
    case 'paragraph': {
      const body = runsMd(block.runs);
      return [indent + (block.muted ? `*${body}*` : body).replace(/\n/g, `\n${indent}`), ''];
    }
    case 'code':
      return [
        `${indent}\`\`\``,
        ...block.text.split('\n').map((l) => indent + l),
        `${indent}\`\`\``,
        '',
      ];
    case 'quote':
      return blocksMd(block.blocks, '')
        .map((line) => `${indent}> ${line}`.trimEnd())
        .concat('');
    case 'list': {
      const lines: string[] = [];
      block.items.forEach((item, index) => {
        const marker = block.ordered ? `${index + 1}. ` : '- ';
        const inner = blocksMd(item, ' '.repeat(marker.length)).filter((l) => l.trim() !== '');
        const [first = '', ...rest] = inner;
        lines.push(indent + marker + first.trimStart(), ...rest.map((l) => indent + l));
      });
      return [...lines, ''];
    }
    case 'field': {
      const [first, ...rest] = block.blocks;
      const label = `**${escapeMd(block.label)}:**`;
      if (first?.kind === 'paragraph' && rest.length === 0) {
        const body = runsMd(first.runs);
        return [`${indent}${label} ${first.muted ? `*${body}*` : body}`, ''];
      }
      return [`${indent}${label}`, '', ...blocksMd(block.blocks, indent)];
    }
    case 'table': {
      const cell = (blocks: Block[]) =>
        blocks
          .flatMap((b) => blockMd(b, ''))
          .filter((l) => l.trim() !== '')
          .join('<br>')
          .replace(/\n/g, ' ');
      return [
        `| ${block.header.map(escape).join(' | ')} |`,
        `|${block.header.map(() => ' --- ').join('|')}|`,
        ...block.rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
        '',
      ];
    }
    case 'pageBreak':
      return [];
  }
}

function blocksMd(blocks: readonly Block[], indent: string): string[] {
  return blocks.flatMap((block) => blockMd(block, indent));
}

export function renderMarkdown(doc: ExportDocument): string {
  const lines = [
    `# ${escapeMd(doc.title)}`,
    '',
    `*${escapeMd(doc.subtitle)}*`,
    '',
    ...blocksMd(doc.blocks, ''),
  ];
  // One blank line between blocks, a newline at the end.
  return `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}
