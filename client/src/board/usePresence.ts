import { useEffect, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';

/**
 * Awareness fields this client publishes:
 * - `user: { name, color, ente }` — who they are (presence list, carets, cursors);
 * - `editing: cardId | null` — the card whose text they are writing in (highlighted for others);
 * - `pointer: { x, y } | null` — their pointer on the canvas, in flow coordinates.
 * Carets inside editors use y-tiptap's `cursor` field. Everything is cleared when they leave.
 */
export interface Participant {
  readonly clientId: number;
  readonly name: string;
  readonly color: string;
  readonly ente: string;
  /** The card they are writing in, if any. */
  readonly editing: string | null;
  readonly isSelf: boolean;
}

export interface Pointer {
  readonly clientId: number;
  readonly name: string;
  readonly color: string;
  readonly x: number;
  readonly y: number;
}

const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;
const FALLBACK_COLOR = '#5c6f82';

function readUser(state: unknown): { name: string; color: string; ente: string } | null {
  if (typeof state !== 'object' || state === null) return null;
  const user = (state as { user?: unknown }).user;
  if (typeof user !== 'object' || user === null) return null;
  const { name, color, ente } = user as { name?: unknown; color?: unknown; ente?: unknown };
  if (typeof name !== 'string' || name.trim() === '') return null;
  return {
    name: name.slice(0, 60),
    color: typeof color === 'string' && HEX_COLOR.test(color) ? color : FALLBACK_COLOR,
    ente: typeof ente === 'string' ? ente.slice(0, 60) : '',
  };
}

function readEditing(state: unknown): string | null {
  const editing = (state as { editing?: unknown } | null)?.editing;
  return typeof editing === 'string' && editing.length <= 64 ? editing : null;
}

export function listParticipants(awareness: Awareness): Participant[] {
  const self = awareness.clientID;
  const participants: Participant[] = [];
  awareness.getStates().forEach((state, clientId) => {
    const user = readUser(state);
    if (user !== null) {
      participants.push({
        clientId,
        ...user,
        editing: readEditing(state),
        isSelf: clientId === self,
      });
    }
  });
  // You first, then the others by name, so the list does not jump around as people type.
  return participants.sort((a, b) =>
    a.isSelf !== b.isSelf
      ? a.isSelf
        ? -1
        : 1
      : a.name.localeCompare(b.name) || a.clientId - b.clientId,
  );
}

/** The others' pointers on the canvas (never your own). */
export function listPointers(awareness: Awareness): Pointer[] {
  const pointers: Pointer[] = [];
  awareness.getStates().forEach((state, clientId) => {
    if (clientId === awareness.clientID) return;
    const user = readUser(state);
    const pointer = (state as { pointer?: unknown }).pointer;
    if (user === null || typeof pointer !== 'object' || pointer === null) return;
    const { x, y } = pointer as { x?: unknown; y?: unknown };
    if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x + y)) return;
    pointers.push({ clientId, name: user.name, color: user.color, x, y });
  });
  return pointers;
}

function sameParticipants(a: readonly Participant[], b: readonly Participant[]): boolean {
  return (
    a.length === b.length &&
    a.every((person, i) => {
      const other = b[i];
      return (
        other !== undefined &&
        person.clientId === other.clientId &&
        person.name === other.name &&
        person.color === other.color &&
        person.ente === other.ente &&
        person.editing === other.editing &&
        person.isSelf === other.isSelf
      );
    })
  );
}

/** Everyone connected to the board (from awareness `user`), you included. */
export function usePresence(awareness: Awareness | null): readonly Participant[] {
  const [participants, setParticipants] = useState<readonly Participant[]>([]);
  useEffect(() => {
    if (awareness === null) {
      setParticipants([]);
      return;
    }
    // Awareness also changes with every caret and pointer move; re-render only when the
    // people (or the card they edit) change.
    const refresh = () => {
      const next = listParticipants(awareness);
      setParticipants((previous) => (sameParticipants(previous, next) ? previous : next));
    };
    refresh();
    awareness.on('change', refresh);
    return () => awareness.off('change', refresh);
  }, [awareness]);
  return participants;
}

/** Who is editing which card (others only): card id → their name and colour. */
export function editorsByCard(
  participants: readonly Participant[],
): ReadonlyMap<string, readonly Participant[]> {
  const map = new Map<string, Participant[]>();
  for (const person of participants) {
    if (person.isSelf || person.editing === null) continue;
    const list = map.get(person.editing) ?? [];
    list.push(person);
    map.set(person.editing, list);
  }
  return map;
}
