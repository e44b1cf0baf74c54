import {
  type ExportLang,
  FASI_PROCEDIMENTO,
  MANDATE_OUTPUT_TEXT,
  MANDATE_OUTPUTS,
  METHOD_STEPS,
  type PercorsoBoardJSON,
  REQUISITI_MINIMI,
  type RichTextJSON,
  type SnodoBoardJSON,
  type VerbaleEntry,
} from '@trama/shared';
import { formatDay, type Labels, labels } from './labels.js';
import {
  type Block,
  bullets,
  type ExportDocument,
  field,
  heading,
  para,
  table,
  text,
} from './model.js';
import { richToBlocks } from './richText.js';
import { cardTitle, countsOf, indexSnodo, schedaBlocks } from './scheda.js';
import { groupByEnte, participantsOf, verbaleBlocks } from './verbaleDoc.js';

/**
 * The documento istruttorio di sintesi of a percorso: front matter (ente, oggetto, requisiti
 * a–e, fasi and dates), steps 1–6, one chapter per snodo (its scheda), a comparison across
 * snodi by mandate item, a traceability appendix, the participants by ente and the verbali.
 * Pure: percorso JSON, each snodo's board JSON and verbale in; blocks out.
 */

export interface SintesiSnodo {
  /** The snodo record's id in the percorso. */
  id: string;
  titolo: string;
  tipo: PercorsoBoardJSON['snodi'][number]['tipo'];
  /** Undefined when the snodo has no board yet (or it was never opened). */
  board: SnodoBoardJSON | undefined;
  verbale: readonly VerbaleEntry[];
}

export interface SintesiInput {
  percorso: PercorsoBoardJSON;
  snodi: readonly SintesiSnodo[];
  /** The verbale of the percorso board itself (plenary sessions). */
  percorsoVerbale: readonly VerbaleEntry[];
  lang: ExportLang;
  generatedAt: string;
}

function rich(json: RichTextJSON, L: Labels): Block[] {
  const blocks = richToBlocks(json);
  return blocks.length > 0 ? blocks : [para(L.none, true)];
}

function snodoName(snodo: Pick<SintesiSnodo, 'tipo' | 'titolo'>, L: Labels): string {
  return `${L.tipi[snodo.tipo]}: ${snodo.titolo}`;
}

function frontMatter(input: SintesiInput, L: Labels): Block[] {
  const { percorso, lang } = input;
  const current = FASI_PROCEDIMENTO.find((f) => f.id === percorso.fase);
  const planned = [...percorso.tappe].sort((a, b) => a.data.localeCompare(b.data));
  const snodoTitle = new Map(percorso.snodi.map((s) => [s.id, s.titolo]));
  return [
    heading(1, L.front),
    field(L.ente, percorso.ente || L.none),
    field(L.ambito, percorso.ambito || L.none),
    field(L.oggetto, rich(percorso.avviso.oggetto, L)),
    heading(2, L.requisiti),
    ...REQUISITI_MINIMI.flatMap((r) => [
      field(`${r.letter}) ${r.title[lang]}`, rich(percorso.avviso[r.id], L)),
    ]),
    heading(2, L.fasi),
    bullets(
      FASI_PROCEDIMENTO.map((f) => [
        para([
          text(`${f.number}. ${f.title[lang]}`, { bold: f.id === current?.id }),
          ...(f.id === current?.id ? [text(` (${L.currentFase})`, { italic: true })] : []),
        ]),
      ]),
    ),
    heading(2, L.calendar),
    planned.length === 0
      ? para(L.noSessions, true)
      : table(
          [L.date, L.event, L.snodo, L.luogo],
          planned.map((t) => [
            formatDay(t.data, lang),
            t.titolo,
            (t.snodoId && snodoTitle.get(t.snodoId)) || L.plenary,
            t.luogo || L.none,
          ]),
          [2, 4, 3, 2],
        ),
  ];
}

function stepsChapter(input: SintesiInput, L: Labels): Block[] {
  const { percorso, lang } = input;
  const oggettoTitle = new Map(percorso.oggetti.map((o) => [o.id, o.titolo]));
  const body: Record<number, Block[]> = {
    1: [
      field(L.visione, rich(percorso.text.visione, L)),
      field(
        L.riferimenti,
        percorso.riferimenti.length === 0
          ? [para(L.none, true)]
          : [
              bullets(
                percorso.riferimenti.map((r) => [
                  para([
                    r.link ? text(r.titolo, { link: r.link }) : text(r.titolo),
                    text(` (${L.riferimentoTipi[r.tipo]})`),
                  ]),
                ]),
              ),
            ],
      ),
    ],
    2: [field(L.obiettivoGenerale, rich(percorso.text.obiettivoGenerale, L))],
    3: [
      field(L.requisitiRuolo, rich(percorso.text.requisitiRuolo, L)),
      field(L.assetto, rich(percorso.text.assetto, L)),
      percorso.ruoli.length === 0
        ? para(L.none, true)
        : table(
            [L.ente, L.role, L.contributo],
            percorso.ruoli.map((r) => [r.ente, r.ruolo || L.none, r.contributo || L.none]),
            [2, 2, 4],
          ),
    ],
    4:
      percorso.oggetti.length === 0
        ? [para(L.none, true)]
        : [
            table(
              [L.oggetto, L.criterio, L.descrizione],
              percorso.oggetti.map((o) => [
                o.titolo,
                o.criterio || L.none,
                o.descrizione || L.none,
              ]),
              [2, 2, 4],
            ),
          ],
    5: [
      field(
        L.mandate,
        percorso.mandate.length === 0
          ? [para(L.none, true)]
          : [
              bullets(
                percorso.mandate.map(
                  (m) =>
                    `${L.minimum} ${m.min} ${MANDATE_OUTPUT_TEXT[m.output][lang]}${m.note ? ` — ${m.note}` : ''}`,
                ),
              ),
            ],
      ),
      field(
        L.snodi,
        percorso.snodi.length === 0
          ? [para(L.none, true)]
          : [
              bullets(
                percorso.snodi.map(
                  (s) =>
                    `${snodoName(s, L)}${s.oggettoId && oggettoTitle.get(s.oggettoId) ? ` — ${oggettoTitle.get(s.oggettoId)}` : ''}`,
                ),
              ),
            ],
      ),
    ],
    6: [
      field(L.governance, rich(percorso.text.governance, L)),
      field(L.strumenti, rich(percorso.text.strumenti, L)),
    ],
  };
  return [
    heading(1, L.steps),
    ...METHOD_STEPS.filter((s) => s.level === 'percorso').flatMap((step) => [
      heading(2, `${step.number}. ${step.title[lang]}`),
      para(step.domandeGuida.map((q) => q[lang]).join(' '), true),
      ...(body[step.number] ?? []),
    ]),
  ];
}

function comparison(input: SintesiInput, L: Labels): Block[] {
  const { percorso, snodi, lang } = input;
  const counts = snodi.map((s) => (s.board ? countsOf(s.board) : undefined));
  const header = [L.requirement, ...snodi.map((s) => s.titolo)];
  const mandateRows = percorso.mandate.map((m) => [
    `${MANDATE_OUTPUT_TEXT[m.output][lang]} (${L.minimum} ${m.min})`,
    ...counts.map((c) => {
      if (!c) return L.none;
      const have = c[m.output];
      return `${have} — ${have >= m.min ? `✓ ${L.met}` : `✗ ${L.notMet}`}`;
    }),
  ]);
  const countRows = MANDATE_OUTPUTS.map((output) => [
    MANDATE_OUTPUT_TEXT[output][lang],
    ...counts.map((c) => (c ? String(c[output]) : L.none)),
  ]);
  const obiettiviRow = [
    L.obiettivi,
    ...snodi.map((s): Block[] => {
      if (!s.board) return [para(L.none, true)];
      const index = indexSnodo(s.board);
      return index.obiettivi.length === 0
        ? [para(L.none, true)]
        : [bullets(index.obiettivi.map((o) => cardTitle(o, index)))];
    }),
  ];
  const lineeRow = [
    L.linee,
    ...snodi.map((s): Block[] => {
      if (!s.board) return [para(L.none, true)];
      const index = indexSnodo(s.board);
      return index.linee.length === 0
        ? [para(L.none, true)]
        : [bullets(index.linee.map((l) => cardTitle(l, index)))];
    }),
  ];
  const widths = [2, ...snodi.map(() => 2)];
  return [
    heading(1, L.comparison),
    para(L.comparisonIntro, true),
    snodi.length === 0 ? para(L.none, true) : table(header, [...mandateRows], widths),
    heading(2, L.comparisonCounts),
    snodi.length === 0
      ? para(L.none, true)
      : table(header, [...countRows, obiettiviRow, lineeRow], widths),
  ];
}

function traceability(input: SintesiInput, L: Labels): Block[] {
  const rows: Block[][][] = [];
  for (const snodo of input.snodi) {
    if (!snodo.board) continue;
    const index = indexSnodo(snodo.board);
    for (const linea of index.linee) {
      const obiettivi = linea.obiettivi
        .map((id) => index.byId.get(id))
        .filter((c) => c?.kind === 'obiettivo');
      const esigenzeIds = [
        ...new Set(obiettivi.flatMap((o) => (o.kind === 'obiettivo' ? o.esigenze : []))),
      ];
      const esigenze = esigenzeIds.map((id) => index.byId.get(id)).filter((c) => c !== undefined);
      const list = (cards: typeof esigenze): Block[] =>
        cards.length === 0
          ? [para(L.none, true)]
          : [bullets(cards.map((c) => cardTitle(c, index)))];
      rows.push([
        [para(snodo.titolo)],
        [para(cardTitle(linea, index))],
        list(obiettivi),
        list(esigenze),
      ]);
    }
  }
  return [
    heading(1, L.traceability),
    para(L.traceabilityIntro, true),
    rows.length === 0
      ? para(L.none, true)
      : {
          kind: 'table',
          header: [L.snodo, L.linee, L.obiettivi, L.esigenze],
          rows,
          widths: [2, 3, 3, 3],
        },
  ];
}

function participantsAppendix(input: SintesiInput, L: Labels): Block[] {
  const people = new Map<
    string,
    { name: string; ente: string; roles: Set<string>; where: Set<string> }
  >();
  const add = (verbale: readonly VerbaleEntry[], where: string) => {
    for (const p of participantsOf(verbale)) {
      const key = `${p.name.toLocaleLowerCase('it')}\u0000${p.ente.toLocaleLowerCase('it')}`;
      const found = people.get(key) ?? {
        name: p.name,
        ente: p.ente,
        roles: new Set(),
        where: new Set(),
      };
      for (const role of p.roles) found.roles.add(L.roles[role]);
      found.where.add(where);
      people.set(key, found);
    }
  };
  add(input.percorsoVerbale, L.plenary);
  for (const snodo of input.snodi) add(snodo.verbale, snodo.titolo);
  const groups = groupByEnte([...people.values()]);
  return [
    heading(1, L.appendixParticipants),
    groups.length === 0
      ? para(L.noParticipants, true)
      : table(
          [L.ente, L.participants],
          groups.map(([ente, list]) => [
            ente,
            [
              bullets(
                list.map((p) => [
                  para([
                    text(p.name, { bold: true }),
                    text(` — ${[...p.roles].join(', ')}; ${[...p.where].join(', ')}`),
                  ]),
                ]),
              ),
            ],
          ]),
          [2, 5],
        ),
  ];
}

export function buildSintesi(input: SintesiInput): ExportDocument {
  const { percorso, lang } = input;
  const L = labels(lang);
  const chapters = input.snodi.flatMap((snodo): Block[] => [
    heading(1, snodoName(snodo, L)),
    ...(snodo.board
      ? schedaBlocks(
          {
            board: snodo.board,
            percorso,
            verbale: snodo.verbale,
            lang,
            generatedAt: input.generatedAt,
          },
          2,
        )
      : [para(L.noBoard, true)]),
  ]);
  return {
    lang,
    title: `${L.sintesiTitle}: ${percorso.title || L.none}`,
    subtitle: `${percorso.ente ? `${percorso.ente} — ` : ''}${L.generatedOn} ${formatDay(input.generatedAt, lang)}`,
    generatedAt: input.generatedAt,
    blocks: [
      ...frontMatter(input, L),
      ...stepsChapter(input, L),
      ...chapters,
      ...comparison(input, L),
      ...traceability(input, L),
      ...participantsAppendix(input, L),
      heading(1, L.appendixVerbali),
      heading(2, `${L.verbaleOf} — ${L.plenary}`),
      ...verbaleBlocks(input.percorsoVerbale, lang, 3),
      ...input.snodi.flatMap((snodo) => [
        heading(2, `${L.verbaleOf} — ${snodo.titolo}`),
        ...verbaleBlocks(snodo.verbale, lang, 3),
      ]),
    ],
  };
}

/** The verbale of one board on its own, as a document. */
export function buildVerbale(input: {
  title: string;
  verbale: readonly VerbaleEntry[];
  lang: ExportLang;
  generatedAt: string;
}): ExportDocument {
  const L = labels(input.lang);
  const people = participantsOf(input.verbale);
  return {
    lang: input.lang,
    title: `${L.verbaleTitle}: ${input.title || L.none}`,
    subtitle: `${L.generatedOn} ${formatDay(input.generatedAt, input.lang)}`,
    generatedAt: input.generatedAt,
    blocks: [
      heading(1, L.participantsByEnte),
      people.length === 0
        ? para(L.noParticipants, true)
        : table(
            [L.ente, L.participants],
            groupByEnte(people).map(([ente, list]) => [
              ente,
              list
                .map((p) => `${p.name} — ${p.roles.map((r) => L.roles[r]).join(', ')}`)
                .join('; '),
            ]),
            [2, 5],
          ),
      heading(1, L.verbaleTitle),
      ...verbaleBlocks(input.verbale, input.lang, 2),
    ],
  };
}
