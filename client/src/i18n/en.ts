import type { Messages } from './it';

/**
 * English. The method's terms stay Italian (they name the steps of the co-programmazione
 * procedure and are what participants say at the table).
 */
export const en: Messages = {
  app: {
    name: 'Trama',
    tagline: 'The shared board for co-programmazione',
    skipToContent: 'Skip to main content',
    home: 'Trama, home page',
  },
  language: {
    label: 'Language',
    it: 'Italiano',
    en: 'English',
  },
  home: {
    documentTitle: 'Trama',
    heading: 'A board for every tavolo',
    intro:
      'Each tavolo or laboratorio of the co-programmazione builds its Lettura delle esigenze, its Obiettivi and its Linee strategiche together. Create a board and share the link: whoever opens it takes part at once, with no account.',
    create: {
      heading: 'New board',
      titleLabel: 'Name of the tavolo (optional)',
      titlePlaceholder: 'E.g. Tavolo anziani e fragilità',
      submit: 'Create the board',
    },
    open: {
      heading: 'Open a board',
      label: 'Board code or link',
      hint: 'Paste the link you received or the board’s code.',
      submit: 'Open',
      invalid: 'That is not a board code or link. Check it and try again.',
    },
    recent: {
      heading: 'Recently opened on this device',
      untitled: 'Board {{id}}',
    },
  },
  notFound: {
    documentTitle: 'Page not found · Trama',
    heading: 'Page not found',
    body: 'This address does not match any page of Trama.',
    invalidBoard: '“{{id}}” is not a valid board code.',
    back: 'Back to the home page',
  },
  board: {
    documentTitle: '{{title}} · Trama',
    untitled: 'Untitled board',
    titleLabel: 'Board title',
    loading: 'Loading the board…',
    rejected: 'The server did not open this board.',
    wrongKind: 'This code opens the board of a percorso, not the board of a tavolo.',
    sectionsLabel: 'Steps of the tavolo',
    share: {
      label: 'Link to join',
      copy: 'Copy the link',
      copied: 'Link copied to the clipboard.',
      copyFailed: 'Copy failed: select the link and copy it by hand.',
    },
  },
  identity: {
    nameLabel: 'Your name',
    nameHint: 'Others see it in the list of people present and next to your caret.',
    defaultName: 'Participant {{n}}',
  },
  presence: {
    heading: 'Who is here',
    you: '{{name}} (you)',
    count_one: '{{count}} person connected',
    count_other: '{{count}} people connected',
  },
  status: {
    label: 'Connection',
    connecting: 'Connecting…',
    connected: 'Connected',
    reconnecting: 'Reconnecting…',
    offline: 'Offline: your changes will be sent when the connection is back',
    rejected: 'Board not available',
  },
  sections: {
    esigenza: {
      title: 'Lettura delle esigenze',
      step: 'Step 7',
      question:
        'Which questions guide our observation of the community if we want to read esigenze rather than draw up a list of bisogni?',
      singular: 'Esigenza',
      add: 'Add an esigenza',
      empty: 'No esigenze yet.',
    },
    obiettivo: {
      title: 'Obiettivi',
      step: 'Step 8',
      question:
        'What must an obiettivo have to be one? And what happens if I build an obiettivo that is not one?',
      singular: 'Obiettivo',
      add: 'Add an obiettivo',
      empty: 'No obiettivi yet.',
    },
    lineaStrategica: {
      title: 'Linee strategiche',
      step: 'Step 9',
      question: 'Into which lines of intervention can we develop the obiettivo?',
      singular: 'Linea strategica',
      add: 'Add a linea strategica',
      empty: 'No linee strategiche yet.',
    },
  },
  card: {
    titleLabel: 'Title: {{kind}}',
    titlePlaceholder: 'Write a title',
    untitled: 'Untitled {{kind}}',
    delete: 'Delete',
    deleteLabel: 'Delete the card “{{title}}”',
    added: 'Card added: {{kind}}.',
    deleted: 'Card deleted.',
    confirm: {
      heading: 'Delete the card?',
      body: 'The card “{{title}}” and everything in it will disappear for every participant.',
      confirm: 'Delete the card',
      cancel: 'Cancel',
    },
  },
  fields: {
    personale: 'Livello personale',
    familiare: 'Livello familiare',
    comunitario: 'Livello comunitario',
    reteServizi: 'Rete dei servizi',
    fonti: 'Sources and evidence',
    coinvolti: 'Who is involved',
    enunciato: 'Statement',
    cambiamento: 'Expected change',
  },
};
