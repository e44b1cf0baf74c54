import type * as Y from 'yjs';
import { MANDATE_OUTPUT_TEXT, type MandateOutput } from '../mandate.js';
import type { BilingualText } from '../method.js';
import { isRichTextEmpty, richTextToPlain } from '../richText.js';
import { getSnodoContext } from '../snodo/board.js';
import { type CardSummary, getCardRichText, listCards } from '../snodo/cards.js';
import { ESIGENZA_LEVELS } from '../snodo/esigenza.js';
import { listContributi } from '../snodo/lineaStrategica.js';
import { getLinkedIds } from '../snodo/links.js';
import {
  describesManagement,
  namesAChange,
  soundsLikeActivity,
  soundsLikeLack,
} from './italian.js';

/**
 * The checks the method implies, over a snodo board ([K0]–[K7]). Pure functions of the
 * document: they read, never write. Findings are hints for the table and the exports — a
 * board with findings is still a valid board.
 */

export const CHECK_IDS = [
  'esigenza.senzaLivelli',
  'esigenza.senzaFonti',
  'esigenza.sembraBisogno',
  'obiettivo.senzaEsigenze',
  'obiettivo.sembraAttivita',
  'linea.senzaObiettivi',
  'mandato.outputMancante',
] as const;
export type CheckId = (typeof CHECK_IDS)[number];

/** `warning`: something the method asks for is missing. `hint`: a wording heuristic. */
export type Severity = 'warning' | 'hint';

export interface Finding {
  /** Unique within one run: check id plus what it concerns. */
  key: string;
  check: CheckId;
  severity: Severity;
  step: 5 | 7 | 8 | 9;
  message: BilingualText;
  /** The cards concerned, in board order; empty for findings on the whole board. */
  cardIds: readonly string[];
}

function text(doc: Y.Doc, cardId: string, field: Parameters<typeof getCardRichText>[2]): string {
  const fragment = getCardRichText(doc, cardId, field);
  return fragment === undefined ? '' : richTextToPlain(fragment);
}

function quote(card: CardSummary): string {
  return card.title === '' ? '' : ` «${card.title}»`;
}

function checkEsigenze(doc: Y.Doc, esigenze: readonly CardSummary[]): Finding[] {
  const findings: Finding[] = [];
  for (const card of esigenze) {
    const levels = ESIGENZA_LEVELS.map((level) => text(doc, card.id, level));
    const filled = levels.filter((level) => level.trim() !== '');
    // [K1] The four levels are the reading; none filled means no reading yet.
    if (filled.length === 0) {
      findings.push({
        key: `esigenza.senzaLivelli:${card.id}`,
        check: 'esigenza.senzaLivelli',
        severity: 'warning',
        step: 7,
        message: {
          it: `L'esigenza${quote(card)} non descrive ancora nessun livello (personale, familiare, comunitario, rete dei servizi).`,
          en: `The esigenza${quote(card)} describes no level yet (personal, family, community, service network).`,
        },
        cardIds: [card.id],
      });
    }
    // [K2] A reading rests on sources or evidence.
    if (isRichTextEmpty(getCardRichText(doc, card.id, 'fonti'))) {
      findings.push({
        key: `esigenza.senzaFonti:${card.id}`,
        check: 'esigenza.senzaFonti',
        severity: 'warning',
        step: 7,
        message: {
          it: `L'esigenza${quote(card)} non indica fonti o evidenze.`,
          en: `The esigenza${quote(card)} names no sources or evidence.`,
        },
        cardIds: [card.id],
      });
    }
    // [K3] Phrased as a lack, with nothing on how the need is being managed.
    const wording = [card.title, ...levels].join('\n');
    if (soundsLikeLack(wording) && !filled.some(describesManagement)) {
      findings.push({
        key: `esigenza.sembraBisogno:${card.id}`,
        check: 'esigenza.sembraBisogno',
        severity: 'hint',
        step: 7,
        message: {
          it: `Sembra un bisogno, non un'esigenza: «${card.title || 'questa scheda'}» dice cosa manca. Come si sta gestendo oggi, a livello personale, familiare, comunitario e di rete dei servizi?`,
          en: `This looks like a need (bisogno), not an esigenza: «${card.title || 'this card'}» says what is missing. How is it being managed today, at personal, family, community and service-network level?`,
        },
        cardIds: [card.id],
      });
    }
  }
  return findings;
}

function checkObiettivi(doc: Y.Doc, obiettivi: readonly CardSummary[]): Finding[] {
  const findings: Finding[] = [];
  for (const card of obiettivi) {
    // [K4] Every obiettivo answers at least one esigenza.
    if (getLinkedIds(doc, card.id).length === 0) {
      findings.push({
        key: `obiettivo.senzaEsigenze:${card.id}`,
        check: 'obiettivo.senzaEsigenze',
        severity: 'warning',
        step: 8,
        message: {
          it: `L'obiettivo${quote(card)} non è collegato a nessuna esigenza.`,
          en: `The objective${quote(card)} is not linked to any esigenza.`,
        },
        cardIds: [card.id],
      });
    }
    // [K5] An activity or output where a change is expected.
    const enunciato = text(doc, card.id, 'enunciato');
    const statement = enunciato.trim() === '' ? card.title : enunciato;
    const cambiamento = text(doc, card.id, 'cambiamento');
    if (
      soundsLikeActivity(statement) &&
      !namesAChange(`${card.title}\n${enunciato}`) &&
      cambiamento.trim() === ''
    ) {
      findings.push({
        key: `obiettivo.sembraAttivita:${card.id}`,
        check: 'obiettivo.sembraAttivita',
        severity: 'hint',
        step: 8,
        message: {
          it: `L'obiettivo${quote(card)} sembra un'attività, non un cambiamento. Che cosa cambierà, e per chi, se l'attività riesce?`,
          en: `The objective${quote(card)} reads like an activity, not a change. What will have changed, and for whom, if the activity succeeds?`,
        },
        cardIds: [card.id],
      });
    }
  }
  return findings;
}

function checkLinee(doc: Y.Doc, linee: readonly CardSummary[]): Finding[] {
  // [K6] Every linea strategica develops at least one obiettivo.
  return linee
    .filter((card) => getLinkedIds(doc, card.id).length === 0)
    .map((card) => ({
      key: `linea.senzaObiettivi:${card.id}`,
      check: 'linea.senzaObiettivi',
      severity: 'warning',
      step: 9,
      message: {
        it: `La linea strategica${quote(card)} non sviluppa nessun obiettivo.`,
        en: `The strategic line${quote(card)} develops no objective.`,
      },
      cardIds: [card.id],
    }));
}

/** How many of each mandate output the board holds. */
export function countMandateOutputs(doc: Y.Doc): Readonly<Record<MandateOutput, number>> {
  const esigenze = listCards(doc, 'esigenza');
  const linee = listCards(doc, 'lineaStrategica');
  return {
    esigenze: esigenze.length,
    esigenzeConFonti: esigenze.filter(
      (card) => !isRichTextEmpty(getCardRichText(doc, card.id, 'fonti')),
    ).length,
    obiettivi: listCards(doc, 'obiettivo').length,
    lineeStrategiche: linee.length,
    contributi: linee.reduce((sum, card) => sum + listContributi(doc, card.id).length, 0),
  };
}

function checkMandate(doc: Y.Doc): Finding[] {
  const context = getSnodoContext(doc);
  if (context === undefined) return [];
  const counts = countMandateOutputs(doc);
  // [K7] Each requirement of the mandate, by count.
  return context.mandate.requirements
    .filter((requirement) => counts[requirement.output] < requirement.min)
    .map((requirement) => {
      const what = MANDATE_OUTPUT_TEXT[requirement.output];
      const have = counts[requirement.output];
      return {
        key: `mandato.outputMancante:${requirement.id}`,
        check: 'mandato.outputMancante',
        severity: 'warning',
        step: 5,
        message: {
          it: `Il mandato chiede almeno ${requirement.min} ${what.it}; finora ${have}.`,
          en: `The mandate asks for at least ${requirement.min} ${what.en}; so far ${have}.`,
        },
        cardIds: [],
      };
    });
}

/** [K0] Every finding on a snodo board: the mandate first, then step by step, card by card. */
export function checkSnodoBoard(doc: Y.Doc): readonly Finding[] {
  return [
    ...checkMandate(doc),
    ...checkEsigenze(doc, listCards(doc, 'esigenza')),
    ...checkObiettivi(doc, listCards(doc, 'obiettivo')),
    ...checkLinee(doc, listCards(doc, 'lineaStrategica')),
  ];
}

/** The findings that concern one card, for showing beside it. */
export function findingsForCard(findings: readonly Finding[], cardId: string): readonly Finding[] {
  return findings.filter((finding) => finding.cardIds.includes(cardId));
}
