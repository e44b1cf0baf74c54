/**
 * The Italian heuristics behind the method's hints. Deliberately simple word lists: a false
 * positive is a hint a table can ignore, never a blocker ([K0]). Each list says what it is
 * for; extend them with examples and a test, not with cleverness.
 */

/** Lowercase, accents and typographic apostrophes folded: "Non c’è" → "non c'e". */
export function normalizeItalian(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

function matchesAny(text: string, patterns: readonly RegExp[]): boolean {
  const clean = normalizeItalian(text);
  return patterns.some((pattern) => pattern.test(clean));
}

/**
 * A need voiced as a lack or a request — the shape of a *bisogno*: "mancano posti",
 * "servono più operatori", "non c'è un centro", "ci vorrebbe", "bisogno di".
 */
export const LACK_PATTERNS: readonly RegExp[] = [
  /\bmanca(no|nza|nte|nti)?\b/,
  /\bcarenz[ae]\b/,
  /\bserv(e|ono|irebbe|irebbero)\b/,
  /\bnon c'e\b/,
  /\bnon ci sono\b/,
  /\bnon esist(e|ono)\b/,
  /\bci vo(gliono|rrebbe|rrebbero|uole)\b/,
  /\boccorr(e|ono|erebbe|erebbero)\b/,
  /\bbisogn(o|i) di\b/,
  /\binsufficient[ei]\b/,
  /\b(piu|maggiori|nuov[ie]) (posti|fondi|risorse|operatori|servizi|educatori|spazi)\b/,
  /\b(chiediamo|chiedono|richiesta di|vorremmo)\b/,
];

/**
 * Words that describe how a need is being generated or managed — the reading step 7 asks
 * for: who copes, how, with whom ("le famiglie si organizzano", "si rivolgono al medico",
 * "gestiscono da sole", "fanno fronte", "si appoggiano ai vicini", "delegano").
 */
export const MANAGEMENT_PATTERNS: readonly RegExp[] = [
  /\bgest(isc|ion|it|ir|iamo|iscono)\w*/,
  /\baffront\w*/,
  /\b(fa|fanno|fare) fronte\b/,
  /\b(si|ci) (organizz|arrang|appoggi|rivolg|fa carico|fanno carico|occup|attiv|aiut)\w*/,
  /\bricorr\w*/,
  /\bdeleg\w*/,
  /\bcompens\w*/,
  /\bsuppl(isc|iscono|ire)\w*/,
  /\bprovved\w*/,
  /\bcome si sta\b/,
  /\bda sol[aeio]\b/,
  /\b(rete|reti) informal\w*/,
];

export function soundsLikeLack(text: string): boolean {
  return matchesAny(text, LACK_PATTERNS);
}

export function describesManagement(text: string): boolean {
  return matchesAny(text, MANAGEMENT_PATTERNS);
}

/**
 * The first word of an activity or an output rather than a change: "Organizzare un corso",
 * "Apertura di uno sportello", "Attivare un servizio".
 */
export const ACTIVITY_OPENERS: ReadonlySet<string> = new Set([
  'organizzare',
  'organizzazione',
  'attivare',
  'attivazione',
  'realizzare',
  'realizzazione',
  'aprire',
  'apertura',
  'creare',
  'creazione',
  'istituire',
  'istituzione',
  'implementare',
  'implementazione',
  'avviare',
  'avvio',
  'erogare',
  'erogazione',
  'fare',
  'costruire',
  'costruzione',
  'allestire',
  'allestimento',
  'predisporre',
  'predisposizione',
  'fornire',
  'fornitura',
  'offrire',
  'finanziare',
  'finanziamento',
  'acquistare',
  'acquisto',
  'assumere',
  'svolgere',
  'effettuare',
  'progettare',
  'progettazione',
]);

/** Words that name a change to reach: "ridurre", "aumentare", "in grado di", "più"… */
export const CHANGE_PATTERNS: readonly RegExp[] = [
  /\b(aument|riduc|ridurr|ridott|miglior|rafforz|diminu|accresc|cresc|incrementa|consolid|svilupp)\w*/,
  /\bin grado di\b/,
  /\b(capacita|autonomi[ae]|competenz[ae])\b/,
  /\b(piu|meno)\b/,
  /\b(passare|passaggio) da\b/,
  /\bdiven(tare|tino|ga|gano)\b/,
  /\bcambiament\w*/,
];

export function soundsLikeActivity(text: string): boolean {
  const clean = normalizeItalian(text);
  const first = clean.split(/[^a-z']+/).find((word) => word !== '');
  return first !== undefined && ACTIVITY_OPENERS.has(first);
}

export function namesAChange(text: string): boolean {
  return matchesAny(text, CHANGE_PATTERNS);
}
