import {
  type CardKind,
  checkSnodoBoard,
  type Finding,
  getCardGroupId,
  getCardLayout,
  getCardRichText,
  getCardSummary,
  getLinkedIds,
  getLockedLanes,
  listAllCards,
  listGroups,
  observeSnodoBoard,
  observeSnodoBoardChanges,
  richTextToPlain,
} from '@trama/shared';
import type * as Y from 'yjs';
import { DEFAULT_CARD_SIZE, type Rect, slotPosition } from './lanes';

/** One card as the canvas draws it: where, how big, a short preview of its text. */
export interface CanvasCard {
  readonly id: string;
  readonly kind: CardKind;
  readonly title: string;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  /** False while the card has no stored position (shown in its lane's next slot). */
  readonly placed: boolean;
  readonly groupId: string | undefined;
  readonly preview: string;
}

/** A link, drawn in the method's direction: esigenza → obiettivo → linea strategica. */
export interface CanvasLink {
  readonly id: string;
  /** Upstream card (esigenza, or obiettivo for a linea). */
  readonly source: string;
  /** Downstream card, where the link is stored (obiettivo, or linea). */
  readonly target: string;
}

export interface CanvasGroup extends Rect {
  readonly id: string;
  readonly title: string;
}

export interface CanvasSnapshot {
  readonly cards: readonly CanvasCard[];
  readonly links: readonly CanvasLink[];
  readonly groups: readonly CanvasGroup[];
  readonly lockedLanes: readonly CardKind[];
}

const PREVIEW_FIELD: Readonly<Record<CardKind, readonly string[]>> = {
  esigenza: ['personale', 'familiare', 'comunitario', 'reteServizi'],
  obiettivo: ['enunciato', 'cambiamento'],
  lineaStrategica: ['enunciato'],
};
const PREVIEW_LENGTH = 140;

function previewOf(doc: Y.Doc, id: string, kind: CardKind): string {
  for (const field of PREVIEW_FIELD[kind]) {
    const fragment = getCardRichText(doc, id, field as Parameters<typeof getCardRichText>[2]);
    const text =
      fragment === undefined ? '' : richTextToPlain(fragment).replace(/\s+/g, ' ').trim();
    if (text !== '')
      return text.length > PREVIEW_LENGTH ? `${text.slice(0, PREVIEW_LENGTH - 1)}…` : text;
  }
  return '';
}

function sameCard(a: CanvasCard, b: CanvasCard): boolean {
  return (
    a.id === b.id &&
    a.kind === b.kind &&
    a.title === b.title &&
    a.x === b.x &&
    a.y === b.y &&
    a.w === b.w &&
    a.h === b.h &&
    a.placed === b.placed &&
    a.groupId === b.groupId &&
    a.preview === b.preview
  );
}

function sameList<T>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean): boolean {
  return a.length === b.length && a.every((item, i) => same(item, b[i] as T));
}

/**
 * Reads the board for the canvas, reusing the previous snapshot's objects where nothing
 * changed, so React Flow re-renders only the cards that did.
 */
export function readCanvas(
  doc: Y.Doc,
  previous: CanvasSnapshot | null,
  options: { reusePreviews?: boolean } = {},
): CanvasSnapshot {
  const before = new Map(previous?.cards.map((card) => [card.id, card]));
  const unplaced: Record<CardKind, number> = { esigenza: 0, obiettivo: 0, lineaStrategica: 0 };
  const cards: CanvasCard[] = [];
  const links: CanvasLink[] = [];
  for (const summary of listAllCards(doc)) {
    const layout = getCardLayout(doc, summary.id);
    const size = layout.size ?? DEFAULT_CARD_SIZE;
    const pos = layout.pos ?? slotPosition(summary.kind, unplaced[summary.kind]++);
    const next: { -readonly [K in keyof CanvasCard]: CanvasCard[K] } = {
      id: summary.id,
      kind: summary.kind,
      title: summary.title,
      x: pos.x,
      y: pos.y,
      w: size.w,
      h: size.h,
      placed: layout.pos !== undefined,
      groupId: getCardGroupId(doc, summary.id),
      preview: '',
    };
    const old = before.get(summary.id);
    // While this user drags, only positions change here: keep the previews already read.
    next.preview =
      options.reusePreviews && old !== undefined
        ? old.preview
        : previewOf(doc, summary.id, summary.kind);
    cards.push(old !== undefined && sameCard(old, next) ? old : next);
    if (summary.kind !== 'esigenza') {
      for (const upstream of getLinkedIds(doc, summary.id)) {
        links.push({ id: `${upstream}->${summary.id}`, source: upstream, target: summary.id });
      }
    }
  }
  const groups: CanvasGroup[] = listGroups(doc).map((group) => ({
    id: group.id,
    title: group.title,
    x: group.pos?.x ?? 0,
    y: group.pos?.y ?? 0,
    w: group.size?.w ?? 400,
    h: group.size?.h ?? 300,
  }));
  const lockedLanes = getLockedLanes(doc);
  if (previous === null) return { cards, links, groups, lockedLanes };
  const sameCards = sameList(previous.cards, cards, (a, b) => a === b);
  const sameLinks = sameList(previous.links, links, (a, b) => a.id === b.id);
  const sameGroups = sameList(
    previous.groups,
    groups,
    (a, b) =>
      a.id === b.id &&
      a.title === b.title &&
      a.x === b.x &&
      a.y === b.y &&
      a.w === b.w &&
      a.h === b.h,
  );
  const sameLocks = sameList(previous.lockedLanes, lockedLanes, (a, b) => a === b);
  if (sameCards && sameLinks && sameGroups && sameLocks) return previous;
  return {
    cards: sameCards ? previous.cards : cards,
    links: sameLinks ? previous.links : links,
    groups: sameGroups ? previous.groups : groups,
    lockedLanes: sameLocks ? previous.lockedLanes : lockedLanes,
  };
}

/** Where each card sits in a snapshot's list, and the links each card holds (computed once). */
const indexes = new WeakMap<
  CanvasSnapshot,
  { position: Map<string, number>; links: Map<string, string> }
>();

function indexOf(snapshot: CanvasSnapshot) {
  let index = indexes.get(snapshot);
  if (index === undefined) {
    const position = new Map(snapshot.cards.map((card, i) => [card.id, i]));
    const links = new Map<string, string>();
    for (const link of snapshot.links) {
      links.set(link.target, `${links.get(link.target) ?? ''} ${link.source}`);
    }
    index = { position, links };
    indexes.set(snapshot, index);
  }
  return index;
}

/**
 * Re-reads only the cards in `changed`, when that is enough: it is not when cards came or went,
 * a card has no stored position (its slot depends on the others), or links changed (rare):
 * then it returns null and the caller reads the whole board.
 */
export function patchCanvas(
  doc: Y.Doc,
  previous: CanvasSnapshot,
  changed: ReadonlySet<string>,
  options: { reusePreviews?: boolean } = {},
): CanvasSnapshot | null {
  const index = indexOf(previous);
  let cards: CanvasCard[] | null = null;
  for (const id of changed) {
    const at = index.position.get(id);
    const old = at === undefined ? undefined : previous.cards[at];
    const summary = getCardSummary(doc, id);
    if (at === undefined || old === undefined || summary === undefined) return null;
    const layout = getCardLayout(doc, id);
    if (summary.kind !== old.kind || layout.pos === undefined || !old.placed) return null;
    if (summary.kind !== 'esigenza') {
      let holds = '';
      for (const upstream of getLinkedIds(doc, id)) holds = `${holds} ${upstream}`;
      if (holds !== (index.links.get(id) ?? '')) return null;
    }
    const size = layout.size ?? DEFAULT_CARD_SIZE;
    const next: CanvasCard = {
      id,
      kind: summary.kind,
      title: summary.title,
      x: layout.pos.x,
      y: layout.pos.y,
      w: size.w,
      h: size.h,
      placed: true,
      groupId: getCardGroupId(doc, id),
      preview: options.reusePreviews ? old.preview : previewOf(doc, id, summary.kind),
    };
    if (sameCard(old, next)) continue;
    cards ??= [...previous.cards];
    cards[at] = next;
  }
  if (cards === null) return previous;
  const patched = { ...previous, cards };
  // Same cards in the same places, same links: the index carries over.
  indexes.set(patched, indexOf(previous));
  return patched;
}

/**
 * A React external store of the canvas snapshot. Document changes are coalesced to one read
 * per animation frame (typing fires one change per keystroke; dragging many per frame).
 */
export class CanvasStore {
  private snapshot: CanvasSnapshot;
  private readonly listeners = new Set<() => void>();
  private readonly unobserve: () => void;
  private frame: number | null = null;
  /** Cards changed since the last read; null: read the whole board. */
  private changed: Set<string> | null = new Set();
  /** Set while this user drags: previews are not re-read on every position write. */
  dragging = false;

  constructor(private readonly doc: Y.Doc) {
    this.snapshot = readCanvas(doc, null);
    this.unobserve = observeSnodoBoardChanges(doc, (change) => {
      if (change.structure) this.changed = null;
      else if (this.changed !== null) for (const id of change.cards) this.changed.add(id);
      this.schedule();
    });
  }

  getSnapshot = (): CanvasSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  /** Reads now (e.g. right after this user added a card, to place and focus it at once). */
  flush = (): void => {
    if (this.frame !== null) cancelAnimationFrame(this.frame);
    this.frame = null;
    const options = { reusePreviews: this.dragging };
    const changed = this.changed;
    this.changed = new Set();
    const next =
      (changed !== null && patchCanvas(this.doc, this.snapshot, changed, options)) ||
      readCanvas(this.doc, this.snapshot, options);
    if (next === this.snapshot) return;
    this.snapshot = next;
    for (const listener of this.listeners) listener();
  };

  destroy(): void {
    if (this.frame !== null) cancelAnimationFrame(this.frame);
    this.unobserve();
    this.listeners.clear();
  }

  private schedule = (): void => {
    if (this.frame === null) this.frame = requestAnimationFrame(this.flush);
  };
}

/** The model's checks, grouped by card; recomputed at most every `delay` ms while people type. */
export class FindingsStore {
  private findings: readonly Finding[];
  private readonly listeners = new Set<() => void>();
  private readonly unobserve: () => void;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly doc: Y.Doc,
    private readonly delay = 400,
  ) {
    this.findings = checkSnodoBoard(doc);
    this.unobserve = observeSnodoBoard(doc, this.schedule);
  }

  getSnapshot = (): readonly Finding[] => this.findings;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  destroy(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.unobserve();
    this.listeners.clear();
  }

  /** Debounced: while people type or drag, the checks wait until they pause. */
  private schedule = (): void => {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      const next = checkSnodoBoard(this.doc);
      const same =
        next.length === this.findings.length &&
        next.every(
          (finding, i) =>
            finding.key === this.findings[i]?.key &&
            finding.message.it === this.findings[i]?.message.it,
        );
      if (same) return;
      this.findings = next;
      for (const listener of this.listeners) listener();
    }, this.delay);
  };
}

export function findingsByCard(
  findings: readonly Finding[],
): ReadonlyMap<string, readonly Finding[]> {
  const map = new Map<string, Finding[]>();
  for (const finding of findings) {
    for (const id of finding.cardIds) {
      const list = map.get(id) ?? [];
      list.push(finding);
      map.set(id, list);
    }
  }
  return map;
}
