/**
 * The method as data: the nine passaggi metodologici of co-programmazione, the four fasi del
 * procedimento and the requisiti minimi of the avviso. Italian texts are the seminar's own
 * ("Programmare co-programmando", Milano, 21 giugno 2024); English texts are translations.
 */

export interface BilingualText {
  it: string;
  en: string;
}

/** Steps 1–6 are set once for the whole percorso; steps 7–9 are worked by each snodo. */
export type StepLevel = 'percorso' | 'snodo';

export type StepNumber = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

export interface MethodStep {
  id: StepId;
  number: StepNumber;
  title: BilingualText;
  domandeGuida: readonly BilingualText[];
  level: StepLevel;
  /** "Passaggi organizzativi e procedurali": where the step is worked out. */
  where: BilingualText;
}

export const STEP_IDS = [
  'riferimenti',
  'obiettivoGenerale',
  'ruoli',
  'oggetti',
  'mandato',
  'modalita',
  'esigenze',
  'obiettivi',
  'lineeStrategiche',
] as const;
export type StepId = (typeof STEP_IDS)[number];

const PERCORSO_WHERE: BilingualText = {
  it: 'Linee guida e/o Avviso e/o percorso plenario con tutti gli aderenti',
  en: 'Guidelines and/or the avviso and/or a plenary with everyone who joined',
};
const ISTRUTTORIA_WHERE: BilingualText = {
  it: 'Istruttoria partecipata',
  en: 'Participatory inquiry (istruttoria partecipata)',
};

export const METHOD_STEPS: readonly MethodStep[] = [
  {
    id: 'riferimenti',
    number: 1,
    title: { it: 'Definire riferimenti terzi comuni', en: 'Define common third-party references' },
    domandeGuida: [
      {
        it: 'Qual è la visione di welfare che proponiamo e il suo fondamento scientifico oltre che normativo?',
        en: 'What vision of welfare do we propose, and what is its scientific as well as normative foundation?',
      },
    ],
    level: 'percorso',
    where: PERCORSO_WHERE,
  },
  {
    id: 'obiettivoGenerale',
    number: 2,
    title: {
      it: 'Definire un obiettivo generale in virtù dei riferimenti',
      en: 'Define a general objective in the light of the references',
    },
    domandeGuida: [
      { it: 'Verso dove andiamo tutti insieme?', en: 'Where are we all going together?' },
    ],
    level: 'percorso',
    where: PERCORSO_WHERE,
  },
  {
    id: 'ruoli',
    number: 3,
    title: {
      it: "Costruire l'identità dei partecipanti al percorso come ruoli che contribuiscono entro un assetto definito",
      en: "Build the participants' identity as roles that contribute within a defined arrangement",
    },
    domandeGuida: [
      {
        it: 'Che requisiti si richiedono per orientare una collocazione da communityholders?',
        en: 'What requirements are asked for, to steer participants towards a communityholder position?',
      },
      {
        it: 'In quale assetto gli verrà chiesto di esercitare un ruolo?',
        en: 'Within what arrangement will they be asked to play a role?',
      },
    ],
    level: 'percorso',
    where: PERCORSO_WHERE,
  },
  {
    id: 'oggetti',
    number: 4,
    title: {
      it: "Definire l'oggetto/gli oggetti di lavoro",
      en: 'Define the object(s) of work',
    },
    domandeGuida: [
      {
        it: "Quale criterio uso per definire l'oggetto/oggetti?",
        en: 'What criterion do I use to define the object(s)?',
      },
      {
        it: 'Quale oggetto/oggetti mi consentono di ridurre la frammentazione della comunità e lavorare sulle esigenze vs bisogni?',
        en: "Which object(s) let me reduce the community's fragmentation and work on esigenze rather than bisogni?",
      },
    ],
    level: 'percorso',
    where: PERCORSO_WHERE,
  },
  {
    id: 'mandato',
    number: 5,
    title: {
      it: 'Definire il mandato degli snodi che prenderanno in gestione gli oggetti di lavoro',
      en: 'Define the mandate of the snodi that will take charge of the objects of work',
    },
    domandeGuida: [
      {
        it: "Cosa dovranno produrre gli snodi (Tavoli, Laboratori, Gruppi di lavoro...) alla fine dell'istruttoria?",
        en: 'What must the snodi (tables, laboratories, working groups…) produce by the end of the inquiry?',
      },
      {
        it: 'Quanto i mandati sono omogenei e quindi confrontabili gli output che ne usciranno?',
        en: 'How homogeneous are the mandates, and so how comparable will their outputs be?',
      },
      {
        it: "Quanto i mandati orientano rispetto ad un'identità da ruoli che contribuiscono vs partecipanti generici?",
        en: 'How far do the mandates steer towards an identity of contributing roles rather than generic participants?',
      },
    ],
    level: 'percorso',
    where: {
      it: "Linee guida e/o Avviso e/o percorso plenario con tutti gli aderenti (primo passaggio dell'Istruttoria partecipata)",
      en: 'Guidelines and/or the avviso and/or a plenary with everyone who joined (first step of the participatory inquiry)',
    },
  },
  {
    id: 'modalita',
    number: 6,
    title: {
      it: 'Definire le modalità di sviluppo del processo',
      en: 'Define how the process will unfold',
    },
    domandeGuida: [
      { it: 'Chi governerà il percorso?', en: 'Who will govern the process?' },
      { it: 'Attraverso quali strumenti e metodi?', en: 'With what tools and methods?' },
      {
        it: 'Come si svilupperà a livello temporale e di tappe di lavoro?',
        en: 'How will it unfold in time and in working stages?',
      },
    ],
    level: 'percorso',
    where: PERCORSO_WHERE,
  },
  {
    id: 'esigenze',
    number: 7,
    title: {
      it: 'Costruzione di lettura delle esigenze vs elenco bisogni',
      en: 'Building a reading of esigenze rather than a list of bisogni',
    },
    domandeGuida: [
      {
        it: 'Quali domande guidano la nostra osservazione della comunità se vogliamo leggere esigenze e non costruire elenco di bisogni?',
        en: 'What questions guide our observation of the community if we want to read esigenze and not build a list of bisogni?',
      },
    ],
    level: 'snodo',
    where: ISTRUTTORIA_WHERE,
  },
  {
    id: 'obiettivi',
    number: 8,
    title: { it: 'Definizione di obiettivi', en: 'Defining objectives' },
    domandeGuida: [
      {
        it: 'Che requisiti deve avere un obiettivo per essere tale?',
        en: 'What requirements must an objective meet to be one?',
      },
      {
        it: 'E cosa succede se costruisco un obiettivo che non è tale?',
        en: 'And what happens if I build an objective that is not one?',
      },
    ],
    level: 'snodo',
    where: ISTRUTTORIA_WHERE,
  },
  {
    id: 'lineeStrategiche',
    number: 9,
    title: {
      it: 'Costruzione di linee strategiche di sviluppo degli obiettivi',
      en: 'Building strategic lines that develop the objectives',
    },
    domandeGuida: [
      {
        it: "In quali linee di intervento possiamo declinare l'obiettivo?",
        en: 'Into which lines of intervention can we break down the objective?',
      },
    ],
    level: 'snodo',
    where: ISTRUTTORIA_WHERE,
  },
];

export function getMethodStep(id: StepId): MethodStep {
  const step = METHOD_STEPS.find((s) => s.id === id);
  if (step === undefined) throw new RangeError(`unknown step ${id}`);
  return step;
}

export const FASI = ['avvio', 'avviso', 'istruttoria', 'conclusione'] as const;
export type Fase = (typeof FASI)[number];

export interface FaseProcedimento {
  id: Fase;
  number: 1 | 2 | 3 | 4;
  title: BilingualText;
}

/** Le fasi del procedimento di co-programmazione. */
export const FASI_PROCEDIMENTO: readonly FaseProcedimento[] = [
  {
    id: 'avvio',
    number: 1,
    title: {
      it: 'Avvio del procedimento con atto del dirigente della PA, anche su impulso degli ETS',
      en: "Start of the procedure by act of the PA's director, possibly on the Third Sector entities' initiative",
    },
  },
  {
    id: 'avviso',
    number: 2,
    title: {
      it: "Pubblicazione dell'avviso e di eventuali allegati",
      en: 'Publication of the notice (avviso) and any annexes',
    },
  },
  {
    id: 'istruttoria',
    number: 3,
    title: { it: "Svolgimento dell'istruttoria", en: 'Conduct of the inquiry (istruttoria)' },
  },
  {
    id: 'conclusione',
    number: 4,
    title: {
      it: 'Conclusione della procedura ad evidenza pubblica',
      en: 'Conclusion of the public procedure',
    },
  },
];

export const REQUISITI_IDS = [
  'oggetto',
  'requisitiPartecipanti',
  'modalitaDomanda',
  'tempiModalita',
  'conclusione',
] as const;
export type RequisitoId = (typeof REQUISITI_IDS)[number];

export interface RequisitoMinimo {
  id: RequisitoId;
  letter: 'a' | 'b' | 'c' | 'd' | 'e';
  title: BilingualText;
}

/** Requisiti minimi of the avviso, a)–e). */
export const REQUISITI_MINIMI: readonly RequisitoMinimo[] = [
  {
    id: 'oggetto',
    letter: 'a',
    title: { it: 'Oggetto del procedimento', en: 'Object of the procedure' },
  },
  {
    id: 'requisitiPartecipanti',
    letter: 'b',
    title: { it: 'Requisiti dei partecipanti', en: "Participants' requirements" },
  },
  {
    id: 'modalitaDomanda',
    letter: 'c',
    title: {
      it: 'Modalità di presentazione della domanda di partecipazione',
      en: 'How to submit the application to take part',
    },
  },
  {
    id: 'tempiModalita',
    letter: 'd',
    title: {
      it: 'Tempi e modalità di svolgimento del procedimento',
      en: 'Timing and conduct of the procedure',
    },
  },
  { id: 'conclusione', letter: 'e', title: { it: 'Conclusione', en: 'Conclusion' } },
];
