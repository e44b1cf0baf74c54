import {
  CARD_KINDS,
  type CardKind,
  type CardSummary,
  getBoardTitle,
  getCardSummary,
  listCards,
  observeSnodoBoardChanges,
  type SnodoBoardChange,
} from '@trama/shared';
import type * as Y from 'yjs';

/** What the board page renders: the title and the cards of each section, in order. */
export interface BoardSnapshot {
  readonly title: string;
  readonly cards: Readonly<Record<CardKind, readonly CardSummary[]>>;
}

function sameCards(a: readonly CardSummary[], b: readonly CardSummary[]): boolean {
  return (
    a.length === b.length &&
    a.every((card, i) => {
      const other = b[i];
      return (
        other !== undefined &&
        card.id === other.id &&
        card.kind === other.kind &&
        card.title === other.title &&
        card.createdAt === other.createdAt
      );
    })
  );
}

function readSnapshot(doc: Y.Doc, previous: BoardSnapshot | null): BoardSnapshot {
  const title = getBoardTitle(doc);
  let changed = previous === null || previous.title !== title;
  const cards = {} as Record<CardKind, readonly CardSummary[]>;
  for (const kind of CARD_KINDS) {
    const next = listCards(doc, kind);
    const before = previous?.cards[kind];
    if (before !== undefined && sameCards(before, next)) {
      cards[kind] = before;
    } else {
      cards[kind] = next;
      changed = true;
    }
  }
  return !changed && previous !== null ? previous : { title, cards };
}

/**
 * A React external store over the board model. Every change in the document (including each
 * keystroke in a rich-text field) notifies it, but the snapshot object changes only when the
 * title or a section's cards change, so typing does not re-render the board.
 */
export class BoardStore {
  private snapshot: BoardSnapshot;
  private readonly listeners = new Set<() => void>();
  private readonly unobserve: () => void;
  /** The shown title of each card, for telling cheaply whether a change matters here. */
  private titles: Map<string, string> | null = null;

  constructor(private readonly doc: Y.Doc) {
    this.snapshot = readSnapshot(doc, null);
    this.unobserve = observeSnodoBoardChanges(doc, this.refresh);
  }

  getSnapshot = (): BoardSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  destroy(): void {
    this.unobserve();
    this.listeners.clear();
  }

  private refresh = (change: SnodoBoardChange): void => {
    // Moves, resizes and typing in a card's fields (most changes) leave titles as they are.
    if (!change.structure) {
      if (this.titles === null) {
        this.titles = new Map();
        for (const kind of CARD_KINDS) {
          for (const card of this.snapshot.cards[kind]) this.titles.set(card.id, card.title);
        }
      }
      const titles = this.titles;
      const same = [...change.cards].every(
        (id) => getCardSummary(this.doc, id)?.title === titles.get(id),
      );
      if (same) return;
    }
    const next = readSnapshot(this.doc, this.snapshot);
    if (next === this.snapshot) return;
    this.snapshot = next;
    this.titles = null;
    for (const listener of this.listeners) listener();
  };
}
