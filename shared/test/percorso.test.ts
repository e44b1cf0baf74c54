import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  buildSnodoContext,
  DEFAULT_MANDATE,
  getBoardKind,
  getMandate,
  getPercorsoInfo,
  getPercorsoRichText,
  getRequisitoRichText,
  getSchemaVersion,
  initPercorsoBoard,
  mandateTemplate,
  oggetti,
  PERCORSO_SCHEMA_VERSION,
  plainTextToRichJSON,
  RecordNotFoundError,
  richTextToPlain,
  riferimenti,
  ruoli,
  setPercorsoInfo,
  setRichTextJSON,
  snodi,
  tappe,
} from '../src/index.js';
import { newPercorso, syncBoth } from './helpers.js';

describe('percorso board', () => {
  it('[B1] init stamps kind, version, first fase and the default mandate', () => {
    const doc = newPercorso();
    expect(getBoardKind(doc)).toBe('percorso');
    expect(getSchemaVersion(doc)).toBe(PERCORSO_SCHEMA_VERSION);
    expect(getPercorsoInfo(doc)).toEqual({ ente: '', ambito: '', fase: 'avvio' });
    expect(getMandate(doc)).toEqual(DEFAULT_MANDATE);
  });

  it('[P3] peers seeding the default mandate concurrently converge on one template', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    initPercorsoBoard(a);
    initPercorsoBoard(b);
    syncBoth(a, b);
    expect(getMandate(a)).toEqual(DEFAULT_MANDATE);
    expect(getMandate(b)).toEqual(DEFAULT_MANDATE);
  });

  it('[P1] rich-text fields are root fragments: concurrent first edits both survive', () => {
    const a = newPercorso();
    const b = new Y.Doc();
    syncBoth(a, b);
    setRichTextJSON(getPercorsoRichText(a, 'visione'), plainTextToRichJSON('Prossimità'));
    getRequisitoRichText(b, 'tempiModalita').insert(0, [new Y.XmlElement('paragraph')]);
    syncBoth(a, b);
    expect(richTextToPlain(getPercorsoRichText(b, 'visione'))).toBe('Prossimità');
    expect(getRequisitoRichText(a, 'tempiModalita').length).toBe(1);
    expect(() => getPercorsoRichText(a, 'bogus' as never)).toThrow(RangeError);
    expect(() => getRequisitoRichText(a, 'bogus' as never)).toThrow(RangeError);
  });

  it('[P2] info is trimmed; an unknown fase is refused', () => {
    const doc = newPercorso();
    setPercorsoInfo(doc, { ente: '  Comune di Esempio ', fase: 'conclusione' });
    expect(getPercorsoInfo(doc)).toEqual({
      ente: 'Comune di Esempio',
      ambito: '',
      fase: 'conclusione',
    });
    expect(() => setPercorsoInfo(doc, { fase: 'chiusa' as never })).toThrow(RangeError);
  });
});

describe('percorso records', () => {
  it('[P2] add, get, update, list in creation order, remove', () => {
    const doc = newPercorso();
    const r2 = riferimenti.add(doc, { titolo: 'Legge 328/2000', tipo: 'normativo', createdAt: 2 });
    const r1 = riferimenti.add(doc, {
      titolo: ' Welfare di comunità ',
      tipo: 'scientifico',
      link: 'https://example.org/paper',
      createdAt: 1,
    });
    expect(riferimenti.list(doc).map((r) => r.id)).toEqual([r1, r2]);
    expect(riferimenti.get(doc, r1)?.titolo).toBe('Welfare di comunità');
    riferimenti.update(doc, r1, { link: undefined });
    expect(riferimenti.get(doc, r1)?.link).toBeUndefined();
    riferimenti.remove(doc, r2);
    expect(riferimenti.list(doc)).toHaveLength(1);
    expect(() => riferimenti.update(doc, r2, { titolo: 'x' })).toThrow(RecordNotFoundError);
  });

  it('[P2] writes are validated', () => {
    const doc = newPercorso();
    expect(() => riferimenti.add(doc, { titolo: '', tipo: 'normativo' })).toThrow();
    expect(() =>
      riferimenti.add(doc, { titolo: 'x', tipo: 'normativo', link: 'javascript:alert(1)' }),
    ).toThrow();
    expect(() => tappe.add(doc, { titolo: 'x', tipo: 'sessione', data: '10/03/2025' })).toThrow();
    expect(() => snodi.add(doc, { titolo: 'x', tipo: 'commissione' as never })).toThrow();
    const id = ruoli.add(doc, { ente: 'ETS', ruolo: '', contributo: '' });
    expect(() => ruoli.update(doc, id, { ente: '' })).toThrow();
    expect(ruoli.get(doc, id)?.ente).toBe('ETS');
  });

  it('[P2] concurrent edits of different fields of one record both survive', () => {
    const a = newPercorso();
    const b = new Y.Doc();
    const id = ruoli.add(a, { ente: 'Cooperativa', ruolo: '', contributo: '' });
    syncBoth(a, b);
    ruoli.update(a, id, { ruolo: 'Coordinamento' });
    ruoli.update(b, id, { contributo: 'Due operatori' });
    syncBoth(a, b);
    expect(ruoli.get(b, id)).toMatchObject({ ruolo: 'Coordinamento', contributo: 'Due operatori' });
  });

  it('[P3] one mandate template for all snodi; the context carries it with the oggetto', () => {
    const doc = newPercorso();
    const og = oggetti.add(doc, {
      titolo: 'Domiciliarità',
      criterio: 'Trasversalità',
      descrizione: '',
    });
    const s1 = snodi.add(doc, { tipo: 'tavolo', titolo: 'Tavolo 1', oggettoId: og });
    const s2 = snodi.add(doc, { tipo: 'laboratorio', titolo: 'Lab 2' });
    mandateTemplate.update(doc, 'esigenze', { min: 3, note: 'Almeno una per quartiere' });
    const c1 = buildSnodoContext(doc, 'pdz', s1);
    const c2 = buildSnodoContext(doc, 'pdz', s2);
    expect(c1).toMatchObject({
      percorsoBoardId: 'pdz',
      snodoId: s1,
      tipo: 'tavolo',
      oggetto: 'Domiciliarità',
    });
    expect(c1?.mandate).toEqual(c2?.mandate);
    expect(c1?.mandate.requirements[0]).toMatchObject({ id: 'esigenze', min: 3 });
    expect(buildSnodoContext(doc, 'pdz', 'missing')).toBeUndefined();
  });

  it('[P4] a snodo whose oggetto was deleted reads as having none', () => {
    const doc = newPercorso();
    const og = oggetti.add(doc, { titolo: 'Giovani', criterio: '', descrizione: '' });
    const s1 = snodi.add(doc, { tipo: 'gruppoDiLavoro', titolo: 'Gruppo', oggettoId: og });
    oggetti.remove(doc, og);
    expect(buildSnodoContext(doc, 'pdz', s1)?.oggetto).toBe('');
  });
});
