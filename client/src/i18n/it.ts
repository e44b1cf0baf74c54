/**
 * Italian: the default language. The method's own terms (Lettura delle esigenze, Obiettivi,
 * Linee strategiche, tavolo, esigenza, …) come from the seminar the product serves and keep
 * their Italian form in every language.
 */
export const it = {
  app: {
    name: 'Trama',
    tagline: 'La bacheca condivisa della co-programmazione',
    skipToContent: 'Vai al contenuto principale',
    home: 'Trama, pagina iniziale',
  },
  language: {
    label: 'Lingua',
    it: 'Italiano',
    en: 'English',
  },
  home: {
    documentTitle: 'Trama',
    heading: 'Una bacheca per ogni tavolo',
    intro:
      'Ogni tavolo o laboratorio della co-programmazione costruisce insieme la sua lettura delle esigenze, i suoi obiettivi e le sue linee strategiche. Crea una bacheca e condividi il link: chi lo apre partecipa subito, senza account.',
    create: {
      heading: 'Nuova bacheca',
      titleLabel: 'Nome del tavolo (facoltativo)',
      titlePlaceholder: 'Es. Tavolo anziani e fragilità',
      submit: 'Crea la bacheca',
    },
    open: {
      heading: 'Apri una bacheca',
      label: 'Codice o link della bacheca',
      hint: 'Incolla il link ricevuto o il codice della bacheca.',
      submit: 'Apri',
      invalid: 'Non riconosco un codice o un link di bacheca. Controlla e riprova.',
    },
    recent: {
      heading: 'Aperte di recente su questo dispositivo',
      untitled: 'Bacheca {{id}}',
    },
  },
  notFound: {
    documentTitle: 'Pagina non trovata · Trama',
    heading: 'Pagina non trovata',
    body: 'Questo indirizzo non corrisponde a nessuna pagina di Trama.',
    invalidBoard: 'Il codice «{{id}}» non è un codice di bacheca valido.',
    back: 'Torna alla pagina iniziale',
  },
  board: {
    documentTitle: '{{title}} · Trama',
    untitled: 'Bacheca senza titolo',
    titleLabel: 'Titolo della bacheca',
    loading: 'Caricamento della bacheca…',
    rejected: 'Il server non ha aperto questa bacheca.',
    wrongKind: 'Questo codice apre la bacheca di un percorso, non quella di un tavolo.',
    sectionsLabel: 'Passaggi del tavolo',
    share: {
      label: 'Link per partecipare',
      copy: 'Copia il link',
      copied: 'Link copiato negli appunti.',
      copyFailed: 'Copia non riuscita: seleziona il link e copialo a mano.',
    },
  },
  identity: {
    nameLabel: 'Il tuo nome',
    nameHint: 'Gli altri lo vedono nell’elenco dei presenti e accanto al tuo cursore.',
    defaultName: 'Partecipante {{n}}',
  },
  presence: {
    heading: 'Chi è presente',
    you: '{{name}} (tu)',
    count_one: '{{count}} persona collegata',
    count_other: '{{count}} persone collegate',
  },
  status: {
    label: 'Connessione',
    connecting: 'Connessione in corso…',
    connected: 'Connesso',
    reconnecting: 'Riconnessione in corso…',
    offline: 'Offline: le modifiche saranno inviate quando torna la connessione',
    rejected: 'Bacheca non disponibile',
  },
  sections: {
    esigenza: {
      title: 'Lettura delle esigenze',
      step: 'Passaggio 7',
      question:
        'Quali domande guidano la nostra osservazione della comunità se vogliamo leggere esigenze e non costruire un elenco di bisogni?',
      singular: 'Esigenza',
      add: 'Aggiungi un’esigenza',
      empty: 'Nessuna esigenza ancora.',
    },
    obiettivo: {
      title: 'Obiettivi',
      step: 'Passaggio 8',
      question:
        'Che requisiti deve avere un obiettivo per essere tale? E cosa succede se costruisco un obiettivo che non è tale?',
      singular: 'Obiettivo',
      add: 'Aggiungi un obiettivo',
      empty: 'Nessun obiettivo ancora.',
    },
    lineaStrategica: {
      title: 'Linee strategiche',
      step: 'Passaggio 9',
      question: 'In quali linee di intervento possiamo declinare l’obiettivo?',
      singular: 'Linea strategica',
      add: 'Aggiungi una linea strategica',
      empty: 'Nessuna linea strategica ancora.',
    },
  },
  card: {
    titleLabel: 'Titolo: {{kind}}',
    titlePlaceholder: 'Scrivi un titolo',
    untitled: '{{kind}} senza titolo',
    delete: 'Elimina',
    deleteLabel: 'Elimina la scheda «{{title}}»',
    added: 'Scheda aggiunta: {{kind}}.',
    deleted: 'Scheda eliminata.',
    confirm: {
      heading: 'Eliminare la scheda?',
      body: 'La scheda «{{title}}» e tutto quello che contiene spariranno per tutti i partecipanti.',
      confirm: 'Elimina la scheda',
      cancel: 'Annulla',
    },
  },
  fields: {
    personale: 'Livello personale',
    familiare: 'Livello familiare',
    comunitario: 'Livello comunitario',
    reteServizi: 'Rete dei servizi',
    fonti: 'Fonti ed evidenze',
    coinvolti: 'Chi è coinvolto',
    enunciato: 'Enunciato',
    cambiamento: 'Cambiamento atteso',
  },
} as const;

type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** The shape every language must fill in, key for key. */
export type Messages = Widen<typeof it>;
