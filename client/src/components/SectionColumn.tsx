import { addCard, type CardKind, type CardSummary } from '@trama/shared';
import { useCallback, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { useAnnounce } from './Announcer';
import { CardView } from './CardView';

export interface SectionColumnProps {
  readonly doc: Y.Doc;
  readonly awareness: Awareness;
  readonly kind: CardKind;
  readonly cards: readonly CardSummary[];
}

/**
 * One step of the tavolo (Lettura delle esigenze, Obiettivi, Linee strategiche): its guiding
 * question, its cards, and a button to add one. A new card gets focus on its title; after a
 * deletion, focus returns to the add button.
 */
export function SectionColumn({ doc, awareness, kind, cards }: SectionColumnProps) {
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
              <CardView
                doc={doc}
                awareness={awareness}
                card={card}
                focusOnMount={card.id === addedCardId}
                onDeleted={focusAddButton}
              />
            </li>
          ))}
        </ol>
      )}
      <button
        ref={addButton}
        type="button"
        className="button button--primary section__add"
        aria-describedby={questionId}
        data-testid="add-card"
        onClick={() => {
          setAddedCardId(addCard(doc, kind));
          announce(t('card.added', { kind: t(`sections.${kind}.singular`) }));
        }}
      >
        <span aria-hidden="true">+ </span>
        {t(`sections.${kind}.add`)}
      </button>
    </section>
  );
}
