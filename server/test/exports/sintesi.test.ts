import { describe, expect, it } from 'vitest';
import { renderDocx } from '../../src/exports/docx.js';
import { renderMarkdown } from '../../src/exports/markdown.js';
import { renderPdf } from '../../src/exports/pdf.js';
import { buildSintesi, buildVerbale, type SintesiInput } from '../../src/exports/sintesi.js';
import { entry, fixture, VERBALE } from './fixtures.js';
import { inOrder, readDocx, readPdf } from './readers.js';

function input(lang: 'it' | 'en' = 'it'): SintesiInput {
  const { board, percorso } = fixture();
  return {
    percorso: {
      ...percorso,
      snodi: [
        ...percorso.snodi,
        { id: 'snodo2', createdAt: 2, tipo: 'laboratorio', titolo: 'Laboratorio giovani' },
      ],
    },
    snodi: [
      { id: 'snodo1', titolo: 'Tavolo anziani', tipo: 'tavolo', board, verbale: VERBALE },
      {
        id: 'snodo2',
        titolo: 'Laboratorio giovani',
        tipo: 'laboratorio',
        board: undefined,
        verbale: [],
      },
    ],
    percorsoVerbale: [
      entry(
        1,
        -60,
        { type: 'sessionOpened', session: 1, title: 'Plenaria di avvio' },
        'percorso-board',
      ),
      entry(
        2,
        -59,
        { type: 'joined', name: 'Anna Rossi', ente: 'Comune di Lodi', role: 'facilitatore' },
        'percorso-board',
      ),
    ],
    lang,
    generatedAt: '2026-06-30',
  };
}

const CHAPTERS_IT = [
  'Premessa',
  'Passaggi metodologici 1–6',
  'Tavolo: Tavolo anziani',
  'Laboratorio: Laboratorio giovani',
  'Confronto tra gli snodi',
  'Appendice A — Tracciabilità',
  'Appendice B — Partecipanti per ente',
  'Appendice C — Verbali delle sessioni',
];

describe('documento istruttorio di sintesi', () => {
  it('[EX6] DOCX: front matter, steps 1–6, one chapter per snodo, comparison, appendices, verbali', async () => {
    const bytes = await renderDocx(buildSintesi(input()));
    const { paragraphs } = readDocx(bytes);
    const h1 = paragraphs.filter((p) => p.style === 'Heading1').map((p) => p.text);
    expect(h1).toEqual(CHAPTERS_IT);
    const h2 = paragraphs.filter((p) => p.style === 'Heading2').map((p) => p.text);
    expect(
      inOrder(h2.join('\n'), [
        'Requisiti minimi dell’avviso',
        'Fasi del procedimento',
        'Calendario',
        '1. Definire riferimenti terzi comuni',
        '6. Definire le modalità di sviluppo del processo',
        'Lettura delle esigenze',
        'Obiettivi',
        'Linee strategiche',
        'Verbale — plenaria',
        'Verbale — Tavolo anziani',
        'Verbale — Laboratorio giovani',
      ]),
    ).toBeNull();
    const all = paragraphs.map((p) => p.text).join('\n');
    expect(all).toContain(
      'a) Oggetto del procedimento: Co-programmazione dei servizi per la domiciliarità',
    );
    expect(all).toContain('D.Lgs. 117/2017, art. 55');
    // Comparison: the mandate item, counted per snodo, the snodo without a board shown as such.
    expect(all).toMatch(/esigenze lette \(minimo 1\)\n2 — ✓ raggiunto\n—/);
    expect(all).toContain('La lavagna di questo snodo non è ancora stata aperta.');
    // Traceability: L1 → O1 → E1, E2 with its tavolo.
    expect(
      inOrder(all, [
        'Appendice A',
        'Tavolo anziani',
        'L1. Portierato sociale di quartiere',
        'O1. Ridurre',
        'E1. Solitudine',
        'E2. Mancano',
      ]),
    ).toBeNull();
    // Participants by ente, with where they took part; the verbali with joins and snapshots.
    expect(
      inOrder(all, [
        'Appendice B',
        'Comune di Lodi',
        'Anna Rossi',
        'plenaria, Tavolo anziani',
        'Cooperativa Sole',
        'Marco Bianchi',
      ]),
    ).toBeNull();
    expect(
      inOrder(all, [
        'Appendice C',
        'Apertura della sessione 1 «Plenaria di avvio»',
        'Ingresso di Marco Bianchi (Cooperativa Sole), referente di tavolo',
        'Il lavoro passa al passaggio 7',
        'Apertura della votazione (esigenza)',
        'Istantanea «Sessione 1 — 14 marzo» (automatica, a fine sessione)',
        'Chiusura della sessione 1',
      ]),
    ).toBeNull();
  });

  it('[EX6] PDF: the same chapters as top-level bookmarks, deterministic', async () => {
    const a = await renderPdf(buildSintesi(input()));
    const pdf = await readPdf(a);
    expect(pdf.outline.map((o) => o.title)).toEqual(CHAPTERS_IT);
    expect(pdf.outline[2]?.children).toContain('Lettura delle esigenze');
    expect(pdf.text).toContain('Portierato sociale di quartiere');
    const b = await renderPdf(buildSintesi(input()));
    expect(Buffer.compare(a, b)).toBe(0);
  });

  it('[EX9] English on request', async () => {
    const md = renderMarkdown(buildSintesi(input('en')));
    expect(md).toContain(
      '# Documento istruttorio di sintesi (synthesis document): Piano di Zona 2026–2028',
    );
    expect(md).toContain('## Comparison across snodi');
    expect(md).toContain('## Appendix A — Traceability');
    expect(md).toContain(
      'Marco Bianchi (Cooperativa Sole) joined as referente di tavolo (table lead)',
    );
    expect(md).toContain('### Lettura delle esigenze');
  });

  it('[EX7] the verbale on its own', () => {
    const md = renderMarkdown(
      buildVerbale({
        title: 'Tavolo anziani',
        verbale: VERBALE,
        lang: 'it',
        generatedAt: '2026-03-20',
      }),
    );
    expect(
      inOrder(md, [
        '# Verbale: Tavolo anziani',
        '## Partecipanti per ente',
        'Comune di Lodi',
        'Anna Rossi',
        'Cooperativa Sole',
        'Marco Bianchi — referente di tavolo; Giulia Verdi — partecipante',
        '## Verbale',
        'Sessione 1 — Sessione 1: 14 marzo 2026, 10:00–11:30',
        '### 14 marzo 2026',
        '| 10:00 | Apertura della sessione 1',
      ]),
    ).toBeNull();
  });
});
