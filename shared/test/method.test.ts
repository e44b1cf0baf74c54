import { describe, expect, it } from 'vitest';
import {
  FASI,
  FASI_PROCEDIMENTO,
  getMethodStep,
  METHOD_STEPS,
  REQUISITI_IDS,
  REQUISITI_MINIMI,
  STEP_IDS,
} from '../src/index.js';

describe('the method as data', () => {
  it('[M1] nine steps numbered 1–9, ids in order', () => {
    expect(METHOD_STEPS.map((s) => s.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(METHOD_STEPS.map((s) => s.id)).toEqual([...STEP_IDS]);
  });

  it('[M1] steps 1–6 belong to the percorso, 7–9 to each snodo', () => {
    for (const step of METHOD_STEPS) {
      expect(step.level).toBe(step.number <= 6 ? 'percorso' : 'snodo');
    }
  });

  it('[M1] every step has bilingual title and guiding questions', () => {
    for (const step of METHOD_STEPS) {
      expect(step.title.it).not.toBe('');
      expect(step.title.en).not.toBe('');
      expect(step.domandeGuida.length).toBeGreaterThan(0);
      for (const q of step.domandeGuida) {
        expect(q.it.endsWith('?')).toBe(true);
        expect(q.en.endsWith('?')).toBe(true);
      }
    }
  });

  it('[M1] the Italian texts are the seminar’s own', () => {
    expect(getMethodStep('esigenze').title.it).toBe(
      'Costruzione di lettura delle esigenze vs elenco bisogni',
    );
    expect(getMethodStep('obiettivoGenerale').domandeGuida[0]?.it).toBe(
      'Verso dove andiamo tutti insieme?',
    );
    expect(getMethodStep('mandato').domandeGuida).toHaveLength(3);
    expect(() => getMethodStep('bogus' as never)).toThrow(RangeError);
  });

  it('[M2] four fasi del procedimento and requisiti minimi a)–e)', () => {
    expect(FASI_PROCEDIMENTO.map((f) => [f.number, f.id])).toEqual([
      [1, 'avvio'],
      [2, 'avviso'],
      [3, 'istruttoria'],
      [4, 'conclusione'],
    ]);
    expect(FASI).toHaveLength(4);
    expect(REQUISITI_MINIMI.map((r) => r.letter)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(REQUISITI_MINIMI.map((r) => r.id)).toEqual([...REQUISITI_IDS]);
    expect(REQUISITI_MINIMI[1]?.title.it).toBe('Requisiti dei partecipanti');
  });
});
