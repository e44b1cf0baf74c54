import * as Y from 'yjs';
import { z } from 'zod';
import type { Migration } from '../board/migration.js';
import { plainTextToRichJSON, richTextSchema, setRichTextJSON } from '../richText.js';
import { CardKey, type CardMap, cardBaseJSONSchema, cardsMap } from './card.js';

/**
 * Esigenza (step 7): what the table reads of how a need is generated and is being managed, at
 * four levels — personale, familiare, comunitario, rete dei servizi — with the sources or
 * evidence behind the reading and who is affected. Every field is rich text.
 */

export const ESIGENZA_LEVELS = ['personale', 'familiare', 'comunitario', 'reteServizi'] as const;
export type EsigenzaLevel = (typeof ESIGENZA_LEVELS)[number];

export const ESIGENZA_RICH_FIELDS = [...ESIGENZA_LEVELS, 'fonti', 'coinvolti'] as const;
export type EsigenzaRichField = (typeof ESIGENZA_RICH_FIELDS)[number];

export const esigenzaJSONSchema = cardBaseJSONSchema.extend({
  kind: z.literal('esigenza'),
  personale: richTextSchema,
  familiare: richTextSchema,
  comunitario: richTextSchema,
  reteServizi: richTextSchema,
  fonti: richTextSchema,
  coinvolti: richTextSchema,
});
export type EsigenzaJSON = z.infer<typeof esigenzaJSONSchema>;

/** Creates the kind's fields inside the transaction that creates the card. */
export function initEsigenzaFields(card: CardMap): void {
  for (const field of ESIGENZA_RICH_FIELDS) card.set(field, new Y.XmlFragment());
}

/**
 * snodo/3 — sources become rich text and "who is affected" is added. Version 2 stored
 * `fonti` as a plain string and had no `coinvolti`; each line of the old string becomes a
 * paragraph. Old clients cannot undo it: they expect a string in `fonti`.
 */
export const fontiRichTextMigration: Migration = {
  id: 'snodo/3',
  description: 'esigenza fonti: plain string → rich text; adds the coinvolti rich-text field',
  breaksOldClients: true,
  up(doc) {
    for (const card of cardsMap(doc).values()) {
      if (!(card instanceof Y.Map) || card.get(CardKey.kind) !== 'esigenza') continue;
      const fonti = card.get('fonti');
      if (!(fonti instanceof Y.XmlFragment)) {
        const fragment = new Y.XmlFragment();
        card.set('fonti', fragment);
        setRichTextJSON(fragment, plainTextToRichJSON(typeof fonti === 'string' ? fonti : ''));
      }
      if (!(card.get('coinvolti') instanceof Y.XmlFragment)) {
        card.set('coinvolti', new Y.XmlFragment());
      }
    }
  },
};
