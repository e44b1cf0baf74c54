import { CARD_KINDS, cardRichTextFields } from '@trama/shared';
import type { TFunction } from 'i18next';
import { describe, expect, test } from 'vitest';
import { en } from '../src/i18n/en';
import { fieldLabel, humanizeFieldId } from '../src/i18n/fieldLabel';
import { it as italian } from '../src/i18n/it';

function keys(value: object, prefix = ''): string[] {
  return Object.entries(value).flatMap(([key, child]) =>
    typeof child === 'object' && child !== null
      ? keys(child, `${prefix}${key}.`)
      : [`${prefix}${key}`],
  );
}

describe('translations', () => {
  test('English has exactly the Italian keys', () => {
    expect(keys(en).sort()).toEqual(keys(italian).sort());
  });

  test('every rich-text field of every card kind has a label in both languages', () => {
    for (const kind of CARD_KINDS) {
      for (const field of cardRichTextFields(kind)) {
        expect(Object.keys(italian.fields), `${kind}.${field}`).toContain(field);
        expect(Object.keys(en.fields), `${kind}.${field}`).toContain(field);
      }
    }
  });

  test('the method’s terms stay Italian in English', () => {
    for (const kind of CARD_KINDS) {
      expect(en.sections[kind].title).toBe(italian.sections[kind].title);
    }
    for (const level of ['personale', 'familiare', 'comunitario', 'reteServizi'] as const) {
      expect(en.fields[level]).toBe(italian.fields[level]);
    }
  });

  test('unknown field ids get a readable label', () => {
    expect(humanizeFieldId('reteServizi')).toBe('Rete servizi');
    expect(humanizeFieldId('fonti_evidenze')).toBe('Fonti evidenze');
    const t = ((key: string) => `translated:${key}`) as unknown as TFunction;
    expect(fieldLabel(t, 'personale')).toBe('translated:fields.personale');
    expect(fieldLabel(t, 'nuovoCampo')).toBe('Nuovo campo');
  });
});
