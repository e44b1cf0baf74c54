import type { TFunction } from 'i18next';
import { it } from './it';

type KnownField = keyof typeof it.fields;

function isKnownField(id: string): id is KnownField {
  return Object.hasOwn(it.fields, id);
}

/** `reteServizi` → `Rete servizi`: a readable label for a field the resources do not know yet. */
export function humanizeFieldId(id: string): string {
  const words = id
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The translated label of a card's rich-text field, given its stable id from @trama/shared. */
export function fieldLabel(t: TFunction, id: string): string {
  return isKnownField(id) ? t(`fields.${id}`) : humanizeFieldId(id);
}
