import type { BoardExportFormat, BoardJSON, SnodoBoardJSON } from '@trama/shared';
import { renderCsv } from './csv.js';
import { renderMarkdown } from './markdown.js';
import { buildScheda, type SchedaInput } from './scheda.js';

/**
 * The pure generators of a board's exports: board JSON (with its percorso and verbale) in,
 * bytes out. Same input → same bytes; the only date printed is `generatedAt`.
 * The DOCX and PDF writers are imported on first use: they are large, and loading them at
 * start would slow every server start for a feature used at the end of a session.
 */

/** JSON export: exactly the model's plain form (versioned by its schemaVersion), re-importable. */
export function renderJson(board: BoardJSON): string {
  return `${JSON.stringify(board, null, 2)}\n`;
}

export async function renderBoardExport(
  format: BoardExportFormat,
  input: SchedaInput,
): Promise<Buffer> {
  switch (format) {
    case 'json':
      return Buffer.from(renderJson(input.board), 'utf8');
    case 'csv':
      return Buffer.from(renderCsv(input.board, input.lang), 'utf8');
    case 'md':
      return Buffer.from(renderMarkdown(buildScheda(input)), 'utf8');
    case 'docx':
      return (await import('./docx.js')).renderDocx(buildScheda(input));
    case 'pdf':
      return (await import('./pdf.js')).renderPdf(buildScheda(input));
  }
}

/** File name for a download: the board title, ASCII-safe, then the format. */
export function exportFileName(board: Pick<SnodoBoardJSON, 'title'>, suffix: string): string {
  const base =
    board.title
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .toLowerCase() || 'tavolo';
  return `${base}.${suffix}`;
}
