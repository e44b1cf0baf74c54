import {
  type CardJSON,
  checkSnodoBoard,
  countMandateOutputs,
  ESIGENZA_LEVELS,
  type ExportLang,
  type Finding,
  fromJSON,
  MANDATE_OUTPUT_TEXT,
  type MandateOutput,
  OBIETTIVO_CHECKLIST_ITEMS,
  type PercorsoBoardJSON,
  type SnodoBoardJSON,
  type VerbaleEntry,
} from '@trama/shared';
import { dayOf, formatDay, type Labels, labels } from './labels.js';
import {
  type Block,
  bullets,
  type ExportDocument,
  field,
  type HeadingLevel,
  heading,
  para,
  table,
  text,
} from './model.js';
import { richToBlocks } from './richText.js';
import { describeSession, groupByEnte, participantsOf, sessionsOf } from './verbaleDoc.js';

/**
 * The scheda di tavolo: one snodo's output as the method describes it (METHOD.md, "What a
 * table's output is"): header, Lettura delle esigenze, Obiettivi, Linee strategiche, the
 * open findings as an annex. Pure: board JSON (plus its percorso and verbale) in, blocks out.
 */

export interface SchedaInput {
  board: SnodoBoardJSON;
  /** The percorso the snodo belongs to, for the header and the planned sessions. */
  percorso?: PercorsoBoardJSON | undefined;
  verbale: readonly VerbaleEntry[];
  lang: ExportLang;
  /** YYYY-MM-DD */
  generatedAt: string;
}

type Esigenza = Extract<CardJSON, { kind: 'esigenza' }>;
type Obiettivo = Extract<CardJSON, { kind: 'obiettivo' }>;
type Linea = Extract<CardJSON, { kind: 'lineaStrategica' }>;

export interface SnodoIndex {
  esigenze: Esigenza[];
  obiettivi: Obiettivo[];
  linee: Linea[];
  /** Card id → "E1", "O2", "L3": short labels for cross-references. */
  label: Map<string, string>;
  byId: Map<string, CardJSON>;
}

export const CARD_PREFIX = { esigenza: 'E', obiettivo: 'O', lineaStrategica: 'L' } as const;

export function indexSnodo(board: SnodoBoardJSON): SnodoIndex {
  const esigenze = board.cards.filter((c): c is Esigenza => c.kind === 'esigenza');
  const obiettivi = board.cards.filter((c): c is Obiettivo => c.kind === 'obiettivo');
  const linee = board.cards.filter((c): c is Linea => c.kind === 'lineaStrategica');
  const label = new Map<string, string>();
  for (const list of [esigenze, obiettivi, linee]) {
    list.forEach((card, index) => {
      label.set(card.id, `${CARD_PREFIX[card.kind]}${index + 1}`);
    });
  }
  return { esigenze, obiettivi, linee, label, byId: new Map(board.cards.map((c) => [c.id, c])) };
}

export function cardTitle(card: CardJSON, index: SnodoIndex): string {
  return `${index.label.get(card.id) ?? ''}. ${card.title || '—'}`;
}

/** Revealed dots over every votazione the card was in, and how many votazioni. */
function votesOf(card: CardJSON): { total: number; votazioni: number } {
  const counts = Object.values(card.votes);
  return { total: counts.reduce((a, b) => a + b, 0), votazioni: counts.length };
}

function richField(label: string, json: Parameters<typeof richToBlocks>[0], L: Labels): Block {
  const blocks = richToBlocks(json);
  return field(label, blocks.length > 0 ? blocks : [para(L.none, true)]);
}

function votesField(card: CardJSON, L: Labels): Block {
  const { total, votazioni } = votesOf(card);
  return field(L.votes, L.votesValue(total, votazioni));
}

function refsField(label: string, ids: readonly string[], index: SnodoIndex, L: Labels): Block {
  const cards = ids.map((id) => index.byId.get(id)).filter((c) => c !== undefined);
  return field(
    label,
    cards.length === 0 ? [para(L.none, true)] : [bullets(cards.map((c) => cardTitle(c, index)))],
  );
}

function esigenzaBlocks(card: Esigenza, index: SnodoIndex, level: HeadingLevel, L: Labels) {
  return [
    heading(level, cardTitle(card, index)),
    ...ESIGENZA_LEVELS.map((lvl) => richField(L[lvl], card[lvl], L)),
    richField(L.fonti, card.fonti, L),
    richField(L.coinvolti, card.coinvolti, L),
    votesField(card, L),
  ];
}

function obiettivoBlocks(
  card: Obiettivo,
  index: SnodoIndex,
  level: HeadingLevel,
  lang: ExportLang,
): Block[] {
  const L = labels(lang);
  const checked = OBIETTIVO_CHECKLIST_ITEMS.filter((item) => card.checklist.includes(item.id));
  return [
    heading(level, cardTitle(card, index)),
    richField(L.enunciato, card.enunciato, L),
    richField(L.cambiamento, card.cambiamento, L),
    field(L.indicatore, card.indicatore ? [para(card.indicatore)] : [para(L.none, true)]),
    field(L.orizzonte, card.orizzonte ? [para(card.orizzonte)] : [para(L.none, true)]),
    refsField(L.answers, card.esigenze, index, L),
    field(
      L.checklist,
      checked.length === 0
        ? [para(L.none, true)]
        : [bullets(checked.map((item) => `✓ ${item[lang]}`))],
    ),
    votesField(card, L),
  ];
}

function lineaBlocks(card: Linea, index: SnodoIndex, level: HeadingLevel, L: Labels): Block[] {
  const contributi = [...card.contributi].sort(
    (a, b) => a.ente.localeCompare(b.ente, 'it') || a.createdAt - b.createdAt,
  );
  return [
    heading(level, cardTitle(card, index)),
    richField(L.enunciato, card.enunciato, L),
    refsField(L.develops, card.obiettivi, index, L),
    field(
      L.contributi,
      contributi.length === 0
        ? [para(L.none, true)]
        : [
            table(
              [L.ente, L.tipo, L.descrizione],
              contributi.map((c) => [c.ente || L.none, L.contributoTipi[c.tipo], c.descrizione]),
              [2, 1, 4],
            ),
          ],
    ),
    votesField(card, L),
  ];
}

export function mandateBlocks(board: SnodoBoardJSON, L: Labels, lang: ExportLang): Block[] {
  const mandate = board.context?.mandate;
  if (!mandate || mandate.requirements.length === 0) return [para(L.none, true)];
  return [
    bullets(
      mandate.requirements.map((r) => {
        const what = MANDATE_OUTPUT_TEXT[r.output][lang];
        return `${L.minimum} ${r.min} ${what}${r.note ? ` — ${r.note}` : ''}`;
      }),
    ),
  ];
}

/** Session dates: from the verbale when sessions were held, else the percorso's calendar. */
function sessionBlocks(input: SchedaInput, L: Labels): Block[] {
  const held = sessionsOf(input.verbale);
  if (held.length > 0) return [bullets(held.map((s) => describeSession(s, input.lang)))];
  const snodoId = input.board.context?.snodoId;
  const planned = (input.percorso?.tappe ?? []).filter(
    (t) => snodoId !== undefined && t.snodoId === snodoId,
  );
  if (planned.length > 0) {
    return [
      para(`${L.plannedSessions}:`, true),
      bullets(planned.map((t) => `${formatDay(t.data, input.lang)} — ${t.titolo}`)),
    ];
  }
  return [para(L.noSessions, true)];
}

function participantBlocks(verbale: readonly VerbaleEntry[], L: Labels): Block[] {
  const people = participantsOf(verbale);
  if (people.length === 0) return [para(L.noParticipants, true)];
  return [
    table(
      [L.ente, L.participants],
      groupByEnte(people).map(([ente, list]) => [
        ente,
        [
          bullets(
            list.map((p) => [
              para([
                text(p.name, { bold: true }),
                text(` — ${p.roles.map((r) => L.roles[r]).join(', ')}`),
              ]),
            ]),
          ),
        ],
      ]),
      [2, 5],
    ),
  ];
}

/** Revealed votazioni, each with its cards by dots (most first); nothing when none. */
function votazioniBlocks(
  board: SnodoBoardJSON,
  index: SnodoIndex,
  level: HeadingLevel,
  lang: ExportLang,
): Block[] {
  const L = labels(lang);
  const revealed = board.votazioni.filter((v) => v.status === 'revealed' && v.results);
  if (revealed.length === 0) return [];
  return [
    heading(level, L.votazioni),
    ...revealed.flatMap((v) => {
      const rows = Object.entries(v.results ?? {})
        .sort(([, a], [, b]) => b - a)
        .map(([cardId, dots]) => {
          const card = index.byId.get(cardId);
          return [card ? cardTitle(card, index) : L.none, String(dots)];
        });
      return [
        para(
          L.votazioneLine(
            v.titolo,
            formatDay(dayOf(v.closedAt ?? v.openedAt), lang),
            v.voters ?? 0,
          ),
          true,
        ),
        table([L.card, L.dots], rows, [5, 1]),
      ];
    }),
  ];
}

function findingBlocks(findings: readonly Finding[], index: SnodoIndex, lang: ExportLang): Block[] {
  const L = labels(lang);
  if (findings.length === 0) return [para(L.noFindings, true)];
  return [
    bullets(
      findings.map((f) => {
        const cards = f.cardIds.map((id) => index.label.get(id)).filter(Boolean);
        return [
          para([
            text(`${f.severity === 'warning' ? L.warning : L.hint} — `, { bold: true }),
            text(`${L.step} ${f.step}${cards.length > 0 ? ` (${cards.join(', ')})` : ''}: `),
            text(f.message[lang]),
          ]),
        ];
      }),
    ),
  ];
}

export function findingsOf(board: SnodoBoardJSON): readonly Finding[] {
  return checkSnodoBoard(fromJSON(board));
}

export function countsOf(board: SnodoBoardJSON): Readonly<Record<MandateOutput, number>> {
  return countMandateOutputs(fromJSON(board));
}

/** The header lines: percorso, ente, snodo, object, mandate, sessions, participants. */
function headerBlocks(input: SchedaInput, level: HeadingLevel): Block[] {
  const { board, percorso, lang } = input;
  const L = labels(lang);
  const tipo = board.context ? L.tipi[board.context.tipo] : L.tipi.tavolo;
  const snodoRecord = percorso?.snodi.find((s) => s.id === board.context?.snodoId);
  return [
    field(L.percorso, percorso?.title || L.none),
    field(L.ente, percorso?.ente || L.none),
    field(tipo, snodoRecord?.titolo || board.title || L.none),
    field(L.oggetto, board.context?.oggetto || L.none),
    field(L.mandate, mandateBlocks(board, L, lang)),
    field(L.sessions, sessionBlocks(input, L)),
    heading(level, L.participants),
    ...participantBlocks(input.verbale, L),
  ];
}

/**
 * The scheda's body, its sections at `level` and cards one level below: the sintesi embeds
 * it as one chapter per snodo.
 */
export function schedaBlocks(input: SchedaInput, level: 1 | 2): Block[] {
  const { board, lang } = input;
  const L = labels(lang);
  const index = indexSnodo(board);
  const sub = (level + 1) as HeadingLevel;
  const section = (title: string, blocks: Block[]) => [
    heading(level, title),
    ...(blocks.length > 0 ? blocks : [para(L.noCards, true)]),
  ];
  return [
    ...headerBlocks(input, level),
    ...section(
      L.esigenze,
      index.esigenze.flatMap((c) => esigenzaBlocks(c, index, sub, L)),
    ),
    ...section(
      L.obiettivi,
      index.obiettivi.flatMap((c) => obiettivoBlocks(c, index, sub, lang)),
    ),
    ...section(
      L.linee,
      index.linee.flatMap((c) => lineaBlocks(c, index, sub, L)),
    ),
    ...votazioniBlocks(board, index, level, lang),
    heading(level, L.findingsAnnex),
    ...findingBlocks(findingsOf(board), index, lang),
  ];
}

export function buildScheda(input: SchedaInput): ExportDocument {
  const L = labels(input.lang);
  return {
    lang: input.lang,
    title: `${L.schedaTitle}: ${input.board.title || L.none}`,
    subtitle: `${L.generatedOn} ${formatDay(input.generatedAt, input.lang)}`,
    generatedAt: input.generatedAt,
    blocks: schedaBlocks(input, 1),
  };
}
