import * as Y from 'yjs';
import { z } from 'zod';
import { richTextSchema } from '../richText.js';
import {
  type CardMap,
  cardBaseJSONSchema,
  readString,
  readYMap,
  recordIdSchema,
  requireCard,
} from './card.js';

/**
 * Obiettivo (step 8): a change to reach — "efficacia come cambiamento" — not an activity or
 * an output. It carries its statement, the change it aims at, an indicator, a time frame, the
 * esigenze it answers (links, see `links.ts`) and the step-8 requirement checklist.
 */

export const OBIETTIVO_RICH_FIELDS = ['enunciato', 'cambiamento'] as const;
export type ObiettivoRichField = (typeof OBIETTIVO_RICH_FIELDS)[number];

export const OBIETTIVO_TEXT_FIELDS = ['indicatore', 'orizzonte'] as const;
export type ObiettivoTextField = (typeof OBIETTIVO_TEXT_FIELDS)[number];

/** Cards linked from an obiettivo: the esigenze it answers (card id → time linked). */
export const OBIETTIVO_LINKS = 'esigenze';
/** Checklist answers: item id → boolean. */
export const OBIETTIVO_CHECKLIST = 'checklist';

export const MAX_SHORT_TEXT_LENGTH = 500;

/**
 * "Che requisiti deve avere un obiettivo per essere tale?" (step 8). The seminar asks the
 * question; these items are its answer in the seminar's own terms (change vs output, traced
 * to esigenze, contribution of communityholders, shared governance).
 */
export const OBIETTIVO_CHECKLIST_ITEMS = [
  {
    id: 'cambiamento',
    it: "Descrive un cambiamento da raggiungere, non un'attività o una prestazione",
    en: 'Describes a change to reach, not an activity or a service',
  },
  {
    id: 'esigenze',
    it: 'Risponde a esigenze lette dal tavolo',
    en: 'Answers esigenze the table has read',
  },
  {
    id: 'osservabile',
    it: 'Il cambiamento è osservabile: ha un indicatore',
    en: 'The change is observable: it has an indicator',
  },
  {
    id: 'tempi',
    it: 'Ha un orizzonte temporale definito',
    en: 'Has a defined time frame',
  },
  {
    id: 'contributi',
    it: 'È raggiungibile con i contributi dei communityholder',
    en: "Is reachable with the communityholders' contributions",
  },
  {
    id: 'condiviso',
    it: 'È condiviso da chi partecipa allo snodo',
    en: 'Is shared by those who take part in the snodo',
  },
] as const;
export type ObiettivoChecklistItem = (typeof OBIETTIVO_CHECKLIST_ITEMS)[number]['id'];
export const OBIETTIVO_CHECKLIST_IDS: readonly ObiettivoChecklistItem[] =
  OBIETTIVO_CHECKLIST_ITEMS.map((item) => item.id);

export function isObiettivoChecklistItem(value: string): value is ObiettivoChecklistItem {
  return (OBIETTIVO_CHECKLIST_IDS as readonly string[]).includes(value);
}

export const obiettivoJSONSchema = cardBaseJSONSchema.extend({
  kind: z.literal('obiettivo'),
  enunciato: richTextSchema,
  cambiamento: richTextSchema,
  indicatore: z.string().max(MAX_SHORT_TEXT_LENGTH),
  orizzonte: z.string().max(MAX_SHORT_TEXT_LENGTH),
  /** The esigenze it answers, in link order. */
  esigenze: z.array(recordIdSchema),
  /** The checklist items answered yes, in checklist order. */
  checklist: z.array(z.enum(OBIETTIVO_CHECKLIST_ITEMS.map((item) => item.id))),
});
export type ObiettivoJSON = z.infer<typeof obiettivoJSONSchema>;

export function initObiettivoFields(card: CardMap): void {
  for (const field of OBIETTIVO_RICH_FIELDS) card.set(field, new Y.XmlFragment());
  for (const field of OBIETTIVO_TEXT_FIELDS) card.set(field, '');
  card.set(OBIETTIVO_LINKS, new Y.Map<number>());
  card.set(OBIETTIVO_CHECKLIST, new Y.Map<boolean>());
}

export function getObiettivoText(doc: Y.Doc, cardId: string, field: ObiettivoTextField): string {
  return readString(requireCard(doc, cardId, 'obiettivo'), field);
}

/** [C9] Indicator and time frame are short plain texts, trimmed and cut to 500 characters. */
export function setObiettivoText(
  doc: Y.Doc,
  cardId: string,
  field: ObiettivoTextField,
  text: string,
): void {
  doc.transact(() => {
    const card = requireCard(doc, cardId, 'obiettivo');
    const clean = text.trim().slice(0, MAX_SHORT_TEXT_LENGTH);
    if (readString(card, field) !== clean) card.set(field, clean);
  });
}

/** Every checklist item with its answer; unanswered items are false. */
export function getObiettivoChecklist(
  doc: Y.Doc,
  cardId: string,
): Readonly<Record<ObiettivoChecklistItem, boolean>> {
  const checklist = readYMap<unknown>(requireCard(doc, cardId, 'obiettivo'), OBIETTIVO_CHECKLIST);
  const answers = {} as Record<ObiettivoChecklistItem, boolean>;
  for (const id of OBIETTIVO_CHECKLIST_IDS) answers[id] = checklist?.get(id) === true;
  return answers;
}

export function setObiettivoChecklistItem(
  doc: Y.Doc,
  cardId: string,
  item: ObiettivoChecklistItem,
  checked: boolean,
): void {
  if (!isObiettivoChecklistItem(item)) throw new RangeError(`unknown checklist item ${item}`);
  doc.transact(() => {
    const checklist = readYMap<boolean>(requireCard(doc, cardId, 'obiettivo'), OBIETTIVO_CHECKLIST);
    if (checklist === undefined) throw new Error(`obiettivo ${cardId} has no checklist`);
    // Unchecked is stored as absence, so the map only grows with real answers.
    if (checked) checklist.set(item, true);
    else checklist.delete(item);
  });
}
