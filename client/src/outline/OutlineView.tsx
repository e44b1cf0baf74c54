import { addCard, CARD_KINDS, type CardKind, type CardSummary, type Finding } from '@trama/shared';
import { useCallback, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import type { Participant } from '../board/usePresence';
import { useAnnounce } from '../components/Announcer';
import { OutlineCard } from './OutlineCard';

export interface OutlineViewProps {
  readonly doc: Y.Doc;
  readonly awareness: Awareness;
  readonly cards: Readonly<Record<CardKind, readonly CardSummary[]>>;
  readonly findings: ReadonlyMap<string, readonly Finding[]>;
  readonly editors: ReadonlyMap<string, readonly Participant[]>;
  readonly lockedLanes: readonly CardKind[];
  readonly canEditLane: (kind: CardKind) => boolean;
}

const NO_FINDINGS: readonly Finding[] = [];
const NO_EDITORS: readonly Participant[] = [];

function OutlineSection({
  kind,
  cards,
  locked,
  editable,
  ...props
}: Omit<OutlineViewProps, 'cards' | 'lockedLanes' | 'canEditLane'> & {
  kind: CardKind;
  cards: readonly CardSummary[];
  locked: boolean;
  editable: boolean;
}) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const headingId = useId();
  const questionId = useId();
  const addButton = useRef<HTMLButtonElement>(null);
  const [addedCardId, setAddedCardId] = useState<string | null>(null);
  const focusAddButton = useCallback(() => addButton.current?.focus(), []);

  return (
    <section
      className="section"
      aria-labelledby={headingId}
      data-kind={kind}
      data-testid={`section-${kind}`}
    >
      <header className="section__header">
        <p className="section__step">{t(`sections.${kind}.step`)}</p>
        <h2 id={headingId} className="section__title" lang="it">
          {t(`sections.${kind}.title`)}
        </h2>
        {locked ? (
          <p className="section__lock" data-testid="lane-lock">
            <span aria-hidden="true">🔒 </span>
            {t('canvas.laneLocked')}
          </p>
        ) : null}
        <p id={questionId} className="section__question">
          {t(`sections.${kind}.question`)}
        </p>
      </header>
      {cards.length === 0 ? (
        <p className="section__empty">{t(`sections.${kind}.empty`)}</p>
      ) : (
        <ol className="section__cards" aria-labelledby={headingId}>
          {cards.map((card) => (
            <li key={card.id}>
              <OutlineCard
                doc={props.doc}
                awareness={props.awareness}
                card={card}
                editable={editable}
                findings={props.findings.get(card.id) ?? NO_FINDINGS}
                editors={props.editors.get(card.id) ?? NO_EDITORS}
                focusOnMount={card.id === addedCardId}
                onDeleted={focusAddButton}
              />
            </li>
          ))}
        </ol>
      )}
      {editable ? (
        <button
          ref={addButton}
          type="button"
          className="button button--primary section__add"
          aria-describedby={questionId}
          data-testid="add-card"
          onClick={() => {
            setAddedCardId(addCard(props.doc, kind));
            announce(t('card.added', { kind: t(`sections.${kind}.singular`) }));
          }}
        >
          <span aria-hidden="true">+ </span>
          {t(`sections.${kind}.add`)}
        </button>
      ) : null}
    </section>
  );
}

/**
 * The board as a linear document: a heading per step with its guiding question, each card a
 * section with its fields and links. Live with the canvas (same document); everything can be
 * done with the keyboard and a screen reader.
 */
export function OutlineView(props: OutlineViewProps) {
  return (
    <div className="board__sections outline" data-testid="outline">
      {CARD_KINDS.map((kind) => (
        <OutlineSection
          key={kind}
          kind={kind}
          doc={props.doc}
          awareness={props.awareness}
          cards={props.cards[kind]}
          findings={props.findings}
          editors={props.editors}
          locked={props.lockedLanes.includes(kind)}
          editable={props.canEditLane(kind)}
        />
      ))}
    </div>
  );
}
