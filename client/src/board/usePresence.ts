import { useEffect, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';

/** One person on the board, as their awareness state describes them. */
export interface Participant {
  readonly clientId: number;
  readonly name: string;
  readonly color: string;
  readonly isSelf: boolean;
}

const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;

function readUser(state: unknown): { name: string; color: string } | null {
  if (typeof state !== 'object' || state === null) return null;
  const user = (state as { user?: unknown }).user;
  if (typeof user !== 'object' || user === null) return null;
  const { name, color } = user as { name?: unknown; color?: unknown };
  if (typeof name !== 'string' || name.trim() === '') return null;
  return {
    name: name.slice(0, 60),
    color: typeof color === 'string' && HEX_COLOR.test(color) ? color : '#5c6f82',
  };
}

export function listParticipants(awareness: Awareness): Participant[] {
  const self = awareness.clientID;
  const participants: Participant[] = [];
  awareness.getStates().forEach((state, clientId) => {
    const user = readUser(state);
    if (user !== null) participants.push({ clientId, ...user, isSelf: clientId === self });
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
        person.isSelf === other.isSelf
      );
    })
  );
}

/** Everyone connected to the board (from awareness `user: { name, color }`), you included. */
export function usePresence(awareness: Awareness | null): readonly Participant[] {
  const [participants, setParticipants] = useState<readonly Participant[]>([]);
  useEffect(() => {
    if (awareness === null) {
      setParticipants([]);
      return;
    }
    // Awareness also changes with every caret move; re-render only when the people change.
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
