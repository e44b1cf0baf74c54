import * as Y from 'yjs';
import { cleanLabel } from '../board/meta.js';
import { randomId } from '../ids.js';
import {
  CardKey,
  cardsMap,
  getCardMap,
  type Position,
  positionSchema,
  readNumber,
  readString,
  requireCard,
  type Size,
  sizeSchema,
} from './card.js';

/**
 * Groups (clusters) of cards on the canvas: a title and a frame. Membership is stored on the
 * card (`group` key), so a card is in at most one group and moving it is one write.
 *
 * [G2] Deleting a group clears `group` on its members in the same transaction; a card moved
 * into a group concurrently with the group's deletion keeps a stale id, which readers treat
 * as "no group" (group ids are never reused).
 */

export interface GroupSummary {
  id: string;
  title: string;
  createdAt: number;
  pos: Position | undefined;
  size: Size | undefined;
}

export function groupsMap(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap('groups');
}

function getGroupMap(doc: Y.Doc, groupId: string): Y.Map<unknown> | undefined {
  const group = groupsMap(doc).get(groupId);
  return group instanceof Y.Map ? group : undefined;
}

function requireGroup(doc: Y.Doc, groupId: string): Y.Map<unknown> {
  const group = getGroupMap(doc, groupId);
  if (group === undefined) throw new Error(`no group ${groupId} on this board`);
  return group;
}

export interface GroupInit {
  title?: string;
  id?: string;
  createdAt?: number;
  pos?: Position;
  size?: Size;
}

export function addGroup(doc: Y.Doc, init: GroupInit = {}): string {
  const id = init.id ?? randomId();
  doc.transact(() => {
    if (groupsMap(doc).has(id)) throw new Error(`group ${id} already exists`);
    const group = new Y.Map<unknown>();
    group.set('title', cleanLabel(init.title ?? ''));
    group.set('createdAt', init.createdAt ?? Date.now());
    if (init.pos !== undefined) group.set('pos', positionSchema.parse(init.pos));
    if (init.size !== undefined) group.set('size', sizeSchema.parse(init.size));
    groupsMap(doc).set(id, group);
  });
  return id;
}

export function setGroupTitle(doc: Y.Doc, groupId: string, title: string): void {
  doc.transact(() => {
    const group = requireGroup(doc, groupId);
    const clean = cleanLabel(title);
    if (readString(group, 'title') !== clean) group.set('title', clean);
  });
}

export function moveGroup(doc: Y.Doc, groupId: string, pos: Position): void {
  const clean = positionSchema.parse(pos);
  doc.transact(() => requireGroup(doc, groupId).set('pos', { x: clean.x, y: clean.y }));
}

export function resizeGroup(doc: Y.Doc, groupId: string, size: Size): void {
  const clean = sizeSchema.parse(size);
  doc.transact(() => requireGroup(doc, groupId).set('size', { w: clean.w, h: clean.h }));
}

/** [G2] Deletes the group and takes its members out of it; the cards stay. */
export function deleteGroup(doc: Y.Doc, groupId: string): void {
  doc.transact(() => {
    if (!groupsMap(doc).has(groupId)) return;
    groupsMap(doc).delete(groupId);
    for (const card of cardsMap(doc).values()) {
      if (card.get(CardKey.group) === groupId) card.delete(CardKey.group);
    }
  });
}

export function getGroup(doc: Y.Doc, groupId: string): GroupSummary | undefined {
  const group = getGroupMap(doc, groupId);
  if (group === undefined) return undefined;
  const pos = positionSchema.safeParse(group.get('pos'));
  const size = sizeSchema.safeParse(group.get('size'));
  return {
    id: groupId,
    title: readString(group, 'title'),
    createdAt: readNumber(group, 'createdAt'),
    pos: pos.success ? pos.data : undefined,
    size: size.success ? size.data : undefined,
  };
}

/** [G1] Groups by creation time, then id. */
export function listGroups(doc: Y.Doc): readonly GroupSummary[] {
  const list: GroupSummary[] = [];
  for (const id of groupsMap(doc).keys()) {
    const group = getGroup(doc, id);
    if (group !== undefined) list.push(group);
  }
  return list.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
}

/** Puts a card in a group, or takes it out with `undefined`. */
export function setCardGroup(doc: Y.Doc, cardId: string, groupId: string | undefined): void {
  doc.transact(() => {
    const card = requireCard(doc, cardId);
    if (groupId === undefined) {
      if (card.has(CardKey.group)) card.delete(CardKey.group);
      return;
    }
    requireGroup(doc, groupId);
    if (card.get(CardKey.group) !== groupId) card.set(CardKey.group, groupId);
  });
}

/** The live group a card is in, or undefined. */
export function getCardGroupId(doc: Y.Doc, cardId: string): string | undefined {
  const groupId = getCardMap(doc, cardId)?.get(CardKey.group);
  return typeof groupId === 'string' && getGroupMap(doc, groupId) !== undefined
    ? groupId
    : undefined;
}

/** Ids of the cards in a group, sorted by id. */
export function listGroupCardIds(doc: Y.Doc, groupId: string): readonly string[] {
  if (getGroupMap(doc, groupId) === undefined) return [];
  const ids: string[] = [];
  for (const [id, card] of cardsMap(doc)) if (card.get(CardKey.group) === groupId) ids.push(id);
  return ids.sort();
}
