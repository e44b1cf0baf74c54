import type * as Y from 'yjs';
import { getBoardTitle, setBoardTitle } from '../board/meta.js';
import type { LaneChanges, SnapshotDiff } from '../exportApi.js';
import { getSnodoContext, setSnodoContext } from './board.js';
import { CARD_KINDS, type CardKind } from './card.js';
import { deleteCard, moveCard, resizeCard } from './cards.js';
import {
  addGroup,
  deleteGroup,
  getCardGroupId,
  moveGroup,
  resizeGroup,
  setCardGroup,
  setGroupTitle,
} from './groups.js';
import {
  type CardJSON,
  type SnodoBoardJSON,
  snodoBoardJSONSchema,
  snodoToJSON,
  writeCardJSON,
} from './json.js';
import { getLinkedIds, linkCards, pruneDanglingLinks, unlinkCards } from './links.js';

/**
 * Snapshots of a snodo board: what changed since one ([R1]), and restoring one as a NEW change
 * on top of the current board ([R2]), so later history is never destroyed — everyone's
 * edits after the snapshot stay in the document's history, and the restore can itself be
 * undone by restoring a later snapshot.
 */

function linksOf(card: CardJSON): readonly string[] {
  return card.kind === 'obiettivo'
    ? card.esigenze
    : card.kind === 'lineaStrategica'
      ? card.obiettivi
      : [];
}

/** The card without what restore handles separately: links, group, place on the canvas. */
function body(card: CardJSON): string {
  const { pos: _pos, size: _size, group: _group, ...rest } = card;
  const copy: Record<string, unknown> = { ...rest };
  delete copy.esigenze;
  delete copy.obiettivi;
  return JSON.stringify(copy);
}

function sameJSON(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * [R2] Makes the board read as `target` (a snodo board's plain form, e.g. a snapshot's),
 * in one transaction, touching only what differs: cards added since are deleted, cards
 * deleted since come back under their ids, changed cards are rewritten, moved cards moved
 * back; links, groups, title and context follow. Dangling links are pruned first, so a card
 * that comes back never revives a link nobody could see ([L3]).
 */
export function restoreSnodoBoard(doc: Y.Doc, target: SnodoBoardJSON): void {
  const board = snodoBoardJSONSchema.parse(target);
  doc.transact(() => {
    pruneDanglingLinks(doc);
    const current = snodoToJSON(doc);
    if (getBoardTitle(doc) !== board.title) setBoardTitle(doc, board.title);
    if (board.context && !sameJSON(getSnodoContext(doc), board.context)) {
      setSnodoContext(doc, board.context);
    }

    const targetGroups = new Map(board.groups.map((g) => [g.id, g]));
    for (const group of current.groups) if (!targetGroups.has(group.id)) deleteGroup(doc, group.id);
    const currentGroups = new Map(current.groups.map((g) => [g.id, g]));
    for (const group of board.groups) {
      const now = currentGroups.get(group.id);
      if (!now) {
        addGroup(doc, group);
        continue;
      }
      if (now.title !== group.title) setGroupTitle(doc, group.id, group.title);
      if (group.pos && !sameJSON(now.pos, group.pos)) moveGroup(doc, group.id, group.pos);
      if (group.size && !sameJSON(now.size, group.size)) resizeGroup(doc, group.id, group.size);
    }

    const targetCards = new Map(board.cards.map((c) => [c.id, c]));
    for (const card of current.cards) if (!targetCards.has(card.id)) deleteCard(doc, card.id);
    const currentCards = new Map(current.cards.map((c) => [c.id, c]));
    for (const card of board.cards) {
      const now = currentCards.get(card.id);
      if (now && now.kind === card.kind && body(now) === body(card)) {
        if (card.pos && !sameJSON(now.pos, card.pos)) moveCard(doc, card.id, card.pos);
        if (card.size && !sameJSON(now.size, card.size)) resizeCard(doc, card.id, card.size);
        continue;
      }
      if (now) deleteCard(doc, card.id);
      writeCardJSON(doc, card);
    }

    // Links and groups last: targets and groups all exist now.
    for (const card of board.cards) {
      const want = linksOf(card);
      const have = getLinkedIds(doc, card.id);
      if (!sameJSON(have, want)) {
        for (const to of have) unlinkCards(doc, card.id, to);
        want.forEach((to, index) => {
          linkCards(doc, card.id, to, index);
        });
      }
      if (getCardGroupId(doc, card.id) !== card.group) setCardGroup(doc, card.id, card.group);
    }
  });
}

function emptyLanes(): Record<CardKind, LaneChanges> {
  const lanes = {} as Record<CardKind, LaneChanges>;
  for (const kind of CARD_KINDS) lanes[kind] = { added: [], removed: [], edited: [], moved: [] };
  return lanes;
}

/**
 * [R1] What changed from `before` to `after`, lane by lane: cards added, removed, edited
 * (anything but the place on the canvas, links included) and only moved or resized.
 */
export function diffSnodoBoards(
  before: SnodoBoardJSON,
  after: SnodoBoardJSON,
): Omit<SnapshotDiff, 'snapshot'> {
  const lanes = emptyLanes();
  const old = new Map(before.cards.map((c) => [c.id, c]));
  const ref = (card: CardJSON) => ({ id: card.id, title: card.title });
  for (const card of after.cards) {
    const was = old.get(card.id);
    if (!was) lanes[card.kind].added.push(ref(card));
    else if (
      body(was) !== body(card) ||
      !sameJSON(linksOf(was), linksOf(card)) ||
      was.group !== card.group
    ) {
      lanes[card.kind].edited.push(ref(card));
    } else if (!sameJSON(was.pos, card.pos) || !sameJSON(was.size, card.size)) {
      lanes[card.kind].moved.push(ref(card));
    }
  }
  const now = new Set(after.cards.map((c) => c.id));
  for (const card of before.cards) if (!now.has(card.id)) lanes[card.kind].removed.push(ref(card));
  return { titleChanged: before.title !== after.title, lanes };
}
