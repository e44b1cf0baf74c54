import type { CardJSON, ExportLang, RichTextJSON, SnodoBoardJSON } from '@trama/shared';
import { labels } from './labels.js';
import { richLinks, richToPlain } from './richText.js';
import { indexSnodo } from './scheda.js';

/**
 * One row per card (RFC 4180): id, kind, lane, number (E1, O2…), title, text as plain text
 * (every rich field, labelled), the cards it links to, the URLs in its text, revealed dots and
 * the number of votazioni they come from.
 * Fields with a comma, quote or line break are quoted, quotes doubled; lines end in CRLF;
 * a BOM so spreadsheet programs read UTF-8.
 */

export function csvField(value: string | number): string {
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(values: readonly (string | number)[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

function richEntries(card: CardJSON): [string, RichTextJSON][] {
  switch (card.kind) {
    case 'esigenza':
      return [
        ['personale', card.personale],
        ['familiare', card.familiare],
        ['comunitario', card.comunitario],
        ['reteServizi', card.reteServizi],
        ['fonti', card.fonti],
        ['coinvolti', card.coinvolti],
      ];
    case 'obiettivo':
      return [
        ['enunciato', card.enunciato],
        ['cambiamento', card.cambiamento],
      ];
    case 'lineaStrategica':
      return [['enunciato', card.enunciato]];
  }
}

export function renderCsv(board: SnodoBoardJSON, lang: ExportLang): string {
  const L = labels(lang);
  const index = indexSnodo(board);
  const fieldLabel = (key: string) => {
    const value = (L as unknown as Record<string, unknown>)[key];
    return typeof value === 'string' ? value : key;
  };
  const header = [
    L.csv.id,
    L.csv.kind,
    L.csv.lane,
    L.csv.number,
    L.csv.title,
    L.csv.text,
    L.csv.links,
    L.csv.urls,
    L.csv.votes,
    L.csv.votazioni,
  ];
  const laneName = { esigenza: L.esigenze, obiettivo: L.obiettivi, lineaStrategica: L.linee };
  let out = `\uFEFF${csvLine(header)}`;
  for (const card of [...index.esigenze, ...index.obiettivi, ...index.linee]) {
    const parts: string[] = [];
    const urls: string[] = [];
    for (const [key, json] of richEntries(card)) {
      const plain = richToPlain(json);
      if (plain.trim() !== '') parts.push(`${fieldLabel(key)}: ${plain}`);
      for (const url of richLinks(json)) if (!urls.includes(url)) urls.push(url);
    }
    if (card.kind === 'obiettivo') {
      if (card.indicatore) parts.push(`${L.indicatore}: ${card.indicatore}`);
      if (card.orizzonte) parts.push(`${L.orizzonte}: ${card.orizzonte}`);
    }
    if (card.kind === 'lineaStrategica') {
      for (const c of card.contributi) {
        parts.push(
          `${L.contributo}: ${c.ente} (${L.contributoTipi[c.tipo]}) ${c.descrizione}`.trim(),
        );
      }
    }
    const targets =
      card.kind === 'obiettivo'
        ? card.esigenze
        : card.kind === 'lineaStrategica'
          ? card.obiettivi
          : [];
    const votes = Object.values(card.votes);
    out += csvLine([
      card.id,
      L.lanes[card.kind],
      laneName[card.kind],
      index.label.get(card.id) ?? '',
      card.title,
      parts.join('\n'),
      targets.map((id) => index.label.get(id) ?? id).join(' '),
      urls.join(' '),
      votes.reduce((a, b) => a + b, 0),
      votes.length,
    ]);
  }
  return out;
}
