import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import {
  addCard,
  addContributo,
  CHECK_IDS,
  type CheckId,
  checkSnodoBoard,
  countMandateOutputs,
  DEFAULT_MANDATE,
  describesManagement,
  findingsForCard,
  linkCards,
  namesAChange,
  normalizeItalian,
  setSnodoContext,
  soundsLikeActivity,
  soundsLikeLack,
} from '../src/index.js';
import { newSnodo, writeText } from './helpers.js';

function checksOn(doc: Y.Doc, cardId: string): CheckId[] {
  return findingsForCard(checkSnodoBoard(doc), cardId).map((finding) => finding.check);
}

/** An esigenza read at every level, with sources: no finding. */
function goodEsigenza(doc: Y.Doc, title = 'Caregiver soli nella cura'): string {
  const id = addCard(doc, 'esigenza', { title });
  writeText(doc, id, 'personale', 'La figlia gestisce da sola la terapia, di notte.');
  writeText(doc, id, 'fonti', 'Colloqui con i medici di base');
  return id;
}

describe('Italian heuristics', () => {
  it('[K3] folds case, accents and typographic apostrophes', () => {
    expect(normalizeItalian('  Non C’È  PIÙ ')).toBe("non c'e piu");
  });

  it.each([
    'Mancano posti al centro diurno',
    'Servono più educatori',
    "Non c'è un centro di aggregazione",
    'Non c’è trasporto la sera',
    'Ci vorrebbe uno sportello',
    'Carenza di assistenti sociali',
    'Abbiamo bisogno di nuovi spazi',
    'Risorse insufficienti per la domiciliarità',
  ])('[K3] %s sounds like a lack', (text) => {
    expect(soundsLikeLack(text)).toBe(true);
  });

  it.each([
    'Le famiglie si organizzano a turni',
    'Caregiver che servono da anni la comunità gestiscono la cura', // "servono" alone would not matter here
    'Anziani soli nella cura quotidiana',
    'I ragazzi si ritrovano in piazza la sera',
  ])('[K3] %s is not voiced as a lack (or speaks of management)', (text) => {
    expect(soundsLikeLack(text) && !describesManagement(text)).toBe(false);
  });

  it.each([
    'Le famiglie si organizzano a turni',
    'Si rivolgono al pronto soccorso',
    'La madre gestisce tutto da sola',
    'I vicini fanno fronte alle emergenze',
    'Delegano ai servizi ogni decisione',
  ])('[K3] %s describes how the need is being managed', (text) => {
    expect(describesManagement(text)).toBe(true);
  });

  it.each([
    'Organizzare un corso per caregiver',
    'Apertura di uno sportello unico',
    'Attivare un servizio di trasporto',
    'Realizzazione di un centro diurno',
  ])('[K5] %s opens like an activity', (text) => {
    expect(soundsLikeActivity(text)).toBe(true);
    expect(namesAChange(text)).toBe(false);
  });

  it.each([
    'Ridurre la solitudine degli anziani',
    'Famiglie più capaci di chiedere aiuto',
    'Caregiver in grado di riconoscere i segnali di crisi',
    'Aumentare le reti di vicinato',
  ])('[K5] %s names a change', (text) => {
    expect(soundsLikeActivity(text) && !namesAChange(text)).toBe(false);
  });
});

describe('checks on a snodo board', () => {
  it('[K0] a well-formed chain has no findings', () => {
    const doc = newSnodo();
    const e = goodEsigenza(doc);
    const o = addCard(doc, 'obiettivo', { title: 'Ridurre la solitudine dei caregiver' });
    linkCards(doc, o, e);
    const l = addCard(doc, 'lineaStrategica', { title: 'Gruppi di mutuo aiuto' });
    linkCards(doc, l, o);
    addContributo(doc, l, { ente: 'Parrocchia', tipo: 'luoghi' });
    setSnodoContext(doc, {
      percorsoBoardId: 'pdz',
      snodoId: 's1',
      tipo: 'tavolo',
      oggetto: '',
      mandate: DEFAULT_MANDATE,
    });
    expect(checkSnodoBoard(doc)).toEqual([]);
  });

  it('[K0] findings carry a check id, severity, step, both languages and the cards', () => {
    const doc = newSnodo();
    const id = addCard(doc, 'esigenza', { title: 'Mancano posti al centro diurno' });
    const findings = checkSnodoBoard(doc);
    expect(findings.map((f) => f.check)).toEqual([
      'esigenza.senzaLivelli',
      'esigenza.senzaFonti',
      'esigenza.sembraBisogno',
    ]);
    for (const finding of findings) {
      expect(CHECK_IDS).toContain(finding.check);
      expect(finding.cardIds).toEqual([id]);
      expect(finding.step).toBe(7);
      expect(finding.message.it).not.toBe('');
      expect(finding.message.en).not.toBe('');
    }
    expect(new Set(findings.map((f) => f.key)).size).toBe(findings.length);
    expect(findings[2]?.message.it).toMatch(/^Sembra un bisogno, non un'esigenza/);
    expect(findings[2]?.severity).toBe('hint');
  });

  it('[K1] an esigenza with no level filled', () => {
    const doc = newSnodo();
    const id = addCard(doc, 'esigenza', { title: 'Anziani soli' });
    writeText(doc, id, 'fonti', 'Censimento');
    writeText(doc, id, 'coinvolti', 'Anziani over 80');
    expect(checksOn(doc, id)).toEqual(['esigenza.senzaLivelli']);
    writeText(doc, id, 'comunitario', 'Il quartiere si appoggia al bar sotto casa');
    expect(checksOn(doc, id)).toEqual([]);
  });

  it('[K2] an esigenza with no source', () => {
    const doc = newSnodo();
    const id = goodEsigenza(doc);
    writeText(doc, id, 'fonti', '  ');
    expect(checksOn(doc, id)).toEqual(['esigenza.senzaFonti']);
  });

  it('[K3] a lack with nothing on how it is being managed: sembra un bisogno', () => {
    const doc = newSnodo();
    const id = addCard(doc, 'esigenza', { title: "Non c'è un centro diurno" });
    writeText(doc, id, 'fonti', 'Lista d’attesa 2024');
    writeText(doc, id, 'reteServizi', 'Servono più posti convenzionati');
    expect(checksOn(doc, id)).toEqual(['esigenza.sembraBisogno']);
    writeText(doc, id, 'familiare', 'Le famiglie si organizzano con badanti a ore');
    expect(checksOn(doc, id)).toEqual([]);
  });

  it('[K4] an obiettivo with no esigenza', () => {
    const doc = newSnodo();
    const o = addCard(doc, 'obiettivo', { title: 'Ridurre la solitudine' });
    expect(checksOn(doc, o)).toEqual(['obiettivo.senzaEsigenze']);
    linkCards(doc, o, goodEsigenza(doc));
    expect(checksOn(doc, o)).toEqual([]);
  });

  it('[K5] an obiettivo phrased as an activity, unless it names a change', () => {
    const doc = newSnodo();
    const e = goodEsigenza(doc);
    const o = addCard(doc, 'obiettivo', { title: 'Organizzare un corso per caregiver' });
    linkCards(doc, o, e);
    expect(checksOn(doc, o)).toEqual(['obiettivo.sembraAttivita']);
    writeText(
      doc,
      o,
      'enunciato',
      'Organizzare un corso perché i caregiver siano in grado di chiedere aiuto',
    );
    expect(checksOn(doc, o)).toEqual([]);
    writeText(doc, o, 'enunciato', 'Attivare uno sportello');
    expect(checksOn(doc, o)).toEqual(['obiettivo.sembraAttivita']);
    writeText(doc, o, 'cambiamento', 'Le famiglie sanno a chi rivolgersi');
    expect(checksOn(doc, o)).toEqual([]);
  });

  it('[K6] a linea strategica with no obiettivo', () => {
    const doc = newSnodo();
    const l = addCard(doc, 'lineaStrategica', { title: 'Custodi sociali' });
    expect(checksOn(doc, l)).toEqual(['linea.senzaObiettivi']);
  });

  it('[K7] every mandate requirement short of its minimum is a finding', () => {
    const doc = newSnodo();
    expect(checkSnodoBoard(doc)).toEqual([]); // no context, no mandate to check
    setSnodoContext(doc, {
      percorsoBoardId: 'pdz',
      snodoId: 's1',
      tipo: 'tavolo',
      oggetto: '',
      mandate: {
        requirements: [
          { id: 'esigenze', output: 'esigenze', min: 2, note: '' },
          { id: 'fonti', output: 'esigenzeConFonti', min: 1, note: '' },
          { id: 'contributi', output: 'contributi', min: 1, note: '' },
        ],
      },
    });
    goodEsigenza(doc);
    const mandate = checkSnodoBoard(doc).filter((f) => f.check === 'mandato.outputMancante');
    expect(mandate.map((f) => f.key)).toEqual([
      'mandato.outputMancante:esigenze',
      'mandato.outputMancante:contributi',
    ]);
    expect(mandate[0]?.message.it).toBe('Il mandato chiede almeno 2 esigenze lette; finora 1.');
    expect(mandate[0]?.cardIds).toEqual([]);
    expect(countMandateOutputs(doc)).toEqual({
      esigenze: 1,
      esigenzeConFonti: 1,
      obiettivi: 0,
      lineeStrategiche: 0,
      contributi: 0,
    });
  });

  it('[K0] checks only read: the document does not change', () => {
    const doc = newSnodo();
    addCard(doc, 'esigenza', { title: 'Mancano spazi' });
    let updates = 0;
    doc.on('update', () => updates++);
    checkSnodoBoard(doc);
    expect(updates).toBe(0);
  });
});
