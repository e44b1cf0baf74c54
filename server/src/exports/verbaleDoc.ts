import type { ExportLang, Role, VerbaleEntry, VerbaleEvent } from '@trama/shared';
import { dayOf, formatDay, type Labels, labels, timeOf } from './labels.js';
import { type Block, bullets, type HeadingLevel, heading, para, table } from './model.js';

/** What the verbale says, as document blocks and as the participants and session dates. */

export interface Participant {
  name: string;
  ente: string;
  roles: Role[];
}

/** Everyone who joined, once per name and ente (case-insensitive), in order of first joining. */
export function participantsOf(entries: readonly VerbaleEntry[]): Participant[] {
  const byKey = new Map<string, Participant>();
  for (const { event } of entries) {
    if (event.type !== 'joined') continue;
    const key = `${event.name.toLocaleLowerCase('it')}\u0000${event.ente.toLocaleLowerCase('it')}`;
    const found = byKey.get(key);
    if (found) {
      if (!found.roles.includes(event.role)) found.roles.push(event.role);
    } else byKey.set(key, { name: event.name, ente: event.ente, roles: [event.role] });
  }
  return [...byKey.values()];
}

/** Participants grouped by ente, entes in alphabetical order, names in order of joining. */
export function groupByEnte<P extends { ente: string }>(people: readonly P[]): [string, P[]][] {
  const groups = new Map<string, P[]>();
  for (const person of people) {
    const list = groups.get(person.ente) ?? [];
    list.push(person);
    groups.set(person.ente, list);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b, 'it'));
}

export interface SessionSpan {
  number: number;
  title?: string;
  openedAt: number;
  closedAt?: number;
}

export function sessionsOf(entries: readonly VerbaleEntry[]): SessionSpan[] {
  const sessions: SessionSpan[] = [];
  for (const { event, at } of entries) {
    if (event.type === 'sessionOpened') {
      sessions.push({
        number: event.session,
        openedAt: at,
        ...(event.title !== undefined && { title: event.title }),
      });
    } else if (event.type === 'sessionClosed') {
      const open = sessions.find((s) => s.number === event.session && s.closedAt === undefined);
      if (open) open.closedAt = at;
    }
  }
  return sessions;
}

export function describeSession(session: SessionSpan, lang: ExportLang): string {
  const L = labels(lang);
  const day = formatDay(dayOf(session.openedAt), lang);
  const span =
    session.closedAt === undefined
      ? timeOf(session.openedAt)
      : `${timeOf(session.openedAt)}–${timeOf(session.closedAt)}`;
  const title = session.title ? ` — ${session.title}` : '';
  return `${L.session} ${session.number}${title}: ${day}, ${span}`;
}

export function describeEvent(event: VerbaleEvent, L: Labels): string {
  const lane = (value?: keyof Labels['lanes']) => (value ? L.lanes[value] : undefined);
  switch (event.type) {
    case 'sessionOpened':
      return L.events.sessionOpened(event.session, event.title);
    case 'sessionClosed':
      return L.events.sessionClosed(event.session);
    case 'joined':
      return L.events.joined(event.name, event.ente, L.roles[event.role]);
    case 'focusChanged':
      return L.events.focusChanged(event.step);
    case 'voteOpened':
      return L.events.voteOpened(lane(event.lane));
    case 'voteClosed':
      return L.events.voteClosed(lane(event.lane));
    case 'voteResults':
      return L.events.voteResults(
        event.results.map((r) => `${r.title || r.cardId} (${r.votes})`).join('; ') || L.none,
      );
    case 'snapshotTaken':
      return L.events.snapshotTaken(event.name, event.auto);
    case 'snapshotRestored':
      return L.events.snapshotRestored(event.name);
    case 'exportMade':
      return L.events.exportMade(event.format);
  }
}

/** The verbale of one board as blocks: one table per day, time and event. */
export function verbaleBlocks(
  entries: readonly VerbaleEntry[],
  lang: ExportLang,
  level: HeadingLevel,
): Block[] {
  const L = labels(lang);
  if (entries.length === 0) return [para(L.noVerbale, true)];
  const blocks: Block[] = [];
  const sessions = sessionsOf(entries);
  if (sessions.length > 0) blocks.push(bullets(sessions.map((s) => describeSession(s, lang))));
  const byDay = new Map<string, VerbaleEntry[]>();
  for (const entry of entries) {
    const day = dayOf(entry.at);
    byDay.set(day, [...(byDay.get(day) ?? []), entry]);
  }
  for (const [day, dayEntries] of byDay) {
    blocks.push(heading(level, formatDay(day, lang)));
    blocks.push(
      table(
        [L.time, L.event],
        dayEntries.map((entry) => [timeOf(entry.at), describeEvent(entry.event, L)]),
        [1, 6],
      ),
    );
  }
  return blocks;
}
