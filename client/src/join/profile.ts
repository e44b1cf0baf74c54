import { readPreference, writePreference } from '../app/preferences';

/**
 * Who joins from this device: name and ente (and an optional email), asked by the join form
 * and remembered here so the next invite is one click. Name and ente are the same
 * preferences the board's presence identity reads (`displayName`, `ente`).
 */
export interface JoinProfile {
  readonly name: string;
  readonly ente: string;
  readonly email: string;
}

export const MAX_JOIN_NAME = 40;
export const MAX_JOIN_ENTE = 60;
export const MAX_JOIN_EMAIL = 200;

const NAME_KEY = 'displayName';
const ENTE_KEY = 'ente';
const EMAIL_KEY = 'email';
/** Set once a person typed their name (not the generated "Partecipante 12"). */
const CHOSEN_KEY = 'nameChosen';

function clean(text: string, max: number): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, max);
}

export function readJoinProfile(): JoinProfile {
  const chosen = readPreference(CHOSEN_KEY) === '1';
  return {
    name: chosen ? clean(readPreference(NAME_KEY) ?? '', MAX_JOIN_NAME) : '',
    ente: clean(readPreference(ENTE_KEY) ?? '', MAX_JOIN_ENTE),
    email: clean(readPreference(EMAIL_KEY) ?? '', MAX_JOIN_EMAIL),
  };
}

export function writeJoinProfile(profile: JoinProfile): void {
  const cleaned = cleanJoinProfile(profile);
  writePreference(NAME_KEY, cleaned.name);
  writePreference(CHOSEN_KEY, '1');
  writePreference(ENTE_KEY, cleaned.ente);
  writePreference(EMAIL_KEY, cleaned.email);
}

export function cleanJoinProfile(profile: JoinProfile): JoinProfile {
  return {
    name: clean(profile.name, MAX_JOIN_NAME),
    ente: clean(profile.ente, MAX_JOIN_ENTE),
    email: profile.email.trim().slice(0, MAX_JOIN_EMAIL),
  };
}

export type JoinProblem = 'nameMissing' | 'enteMissing' | 'emailInvalid';

/** A permissive check (the server validates again): something@something.something. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Pure: what is wrong with the form, field by field (empty: ready to send). */
export function validateJoinProfile(
  profile: JoinProfile,
): Partial<Record<keyof JoinProfile, JoinProblem>> {
  const cleaned = cleanJoinProfile(profile);
  const problems: Partial<Record<keyof JoinProfile, JoinProblem>> = {};
  if (cleaned.name === '') problems.name = 'nameMissing';
  if (cleaned.ente === '') problems.ente = 'enteMissing';
  if (cleaned.email !== '' && !EMAIL.test(cleaned.email)) problems.email = 'emailInvalid';
  return problems;
}

/** The `POST /api/join` body: the email only when given. */
export function joinBodyOf(profile: JoinProfile): { name: string; ente: string; email?: string } {
  const cleaned = cleanJoinProfile(profile);
  return cleaned.email === ''
    ? { name: cleaned.name, ente: cleaned.ente }
    : { name: cleaned.name, ente: cleaned.ente, email: cleaned.email };
}
