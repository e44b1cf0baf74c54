import { useCallback, useState } from 'react';
import { readPreference, writePreference } from '../app/preferences';

/** What others see of this participant: in the presence list and on their caret. */
export interface Identity {
  readonly name: string;
  readonly color: string;
  /** The ente (PA office, ETS, group of citizens) they take part for; may be empty. */
  readonly ente: string;
}

/**
 * Caret and avatar colours: six-digit hex (the caret plugin accepts nothing else), each dark
 * enough for white text at WCAG AA (contrast ≥ 4.5:1).
 */
export const IDENTITY_COLORS = [
  '#0066cc',
  '#a3195b',
  '#00704a',
  '#8a4500',
  '#6b3fa0',
  '#b3261e',
  '#005f73',
  '#5c6b00',
] as const;

export const MAX_NAME_LENGTH = 40;
export const MAX_ENTE_LENGTH = 60;
const NAME_KEY = 'displayName';
const ENTE_KEY = 'ente';
const COLOR_KEY = 'color';

function pick<T>(items: readonly T[]): T {
  const item = items[Math.floor(Math.random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

export function cleanName(name: string): string {
  return name.replace(/\s+/g, ' ').trim().slice(0, MAX_NAME_LENGTH);
}

export function cleanEnte(ente: string): string {
  return ente.replace(/\s+/g, ' ').trim().slice(0, MAX_ENTE_LENGTH);
}

function loadIdentity(defaultName: (n: number) => string): Identity {
  const storedName = cleanName(readPreference(NAME_KEY) ?? '');
  const name = storedName || defaultName(10 + Math.floor(Math.random() * 90));
  const storedColor = readPreference(COLOR_KEY);
  const color =
    storedColor !== null && (IDENTITY_COLORS as readonly string[]).includes(storedColor)
      ? storedColor
      : pick(IDENTITY_COLORS);
  const ente = cleanEnte(readPreference(ENTE_KEY) ?? '');
  writePreference(NAME_KEY, name);
  writePreference(COLOR_KEY, color);
  return { name, color, ente };
}

/**
 * This device's display name and colour, created on first use ("Partecipante 12") and kept in
 * localStorage. `draftName` is what the name field shows while someone types; `identity` holds
 * the last non-empty name, so others always see something.
 */
export function useIdentity(defaultName: (n: number) => string): {
  identity: Identity;
  draftName: string;
  setDraftName: (name: string) => void;
  draftEnte: string;
  setDraftEnte: (ente: string) => void;
} {
  const [identity, setIdentity] = useState(() => loadIdentity(defaultName));
  const [draftName, setDraft] = useState(identity.name);
  const setDraftName = useCallback((name: string) => {
    setDraft(name.slice(0, MAX_NAME_LENGTH));
    const clean = cleanName(name);
    if (clean === '') return;
    writePreference(NAME_KEY, clean);
    setIdentity((previous) => (previous.name === clean ? previous : { ...previous, name: clean }));
  }, []);
  const [draftEnte, setEnteDraft] = useState(identity.ente);
  const setDraftEnte = useCallback((ente: string) => {
    setEnteDraft(ente.slice(0, MAX_ENTE_LENGTH));
    const clean = cleanEnte(ente);
    writePreference(ENTE_KEY, clean);
    setIdentity((previous) => (previous.ente === clean ? previous : { ...previous, ente: clean }));
  }, []);
  return { identity, draftName, setDraftName, draftEnte, setDraftEnte };
}
