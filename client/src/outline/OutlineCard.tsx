import { type CardSummary, deleteCard, type Finding } from '@trama/shared';
import { memo, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import type { Participant } from '../board/usePresence';
import { useAnnounce } from '../components/Announcer';
import { CardDetails } from '../components/CardDetails';
import { CardTitleField } from '../components/CardTitleField';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { currentLanguage } from '../i18n';
import { VoteBadge } from '../votes/VoteBadge';

export interface OutlineCardProps {
  readonly doc: Y.Doc;
  readonly awareness: Awareness;
  readonly card: CardSummary;
  readonly editable: boolean;
  readonly findings: readonly Finding[];
  readonly editors: readonly Participant[];
  /** Put the caret in the title once the card appears (it was just added here). */
  readonly focusOnMount?: boolean;
  /** Called after the card was deleted, so the section can move focus somewhere sensible. */
  readonly onDeleted: () => void;
}

/**
 * One card of the outline, as a section of a document: a heading, its title, every field of
 * its kind, its links as lists, and its hints. Deleting asks for confirmation.
 */
export const OutlineCard = memo(function OutlineCard({
  doc,
  awareness,
  card,
  editable,
  findings,
  editors,
  focusOnMount = false,
  onDeleted,
}: OutlineCardProps) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const headingId = useId();
  const [confirming, setConfirming] = useState(false);
  const titleInput = useRef<HTMLInputElement>(null);
  const [shouldFocus] = useState(focusOnMount);

  useEffect(() => {
    if (shouldFocus) titleInput.current?.focus();
  }, [shouldFocus]);
  const kindLabel = t(`sections.${card.kind}.singular`);
  const shownTitle = card.title.trim() || t('card.untitled', { kind: kindLabel });
  const language = currentLanguage();

  return (
    <article
      id={`card-${card.id}`}
      tabIndex={-1}
      className="card"
      aria-labelledby={headingId}
      data-card-id={card.id}
      data-testid="card"
      data-edited={editors.length > 0 || undefined}
    >
      <h3 id={headingId} className="visually-hidden">
        {kindLabel}: {shownTitle}
      </h3>
      <header className="card__header">
        <CardTitleField
          ref={titleInput}
          doc={doc}
          cardId={card.id}
          title={card.title}
          kindLabel={kindLabel}
          editable={editable}
          labelClassName="visually-hidden"
        />
        <VoteBadge doc={doc} cardId={card.id} />
        {editable ? (
          <button
            type="button"
            className="button button--ghost button--small"
            aria-label={t('card.deleteLabel', { title: shownTitle })}
            onClick={() => setConfirming(true)}
            data-testid="delete-card"
          >
            {t('card.delete')}
          </button>
        ) : null}
      </header>
      {editors.length > 0 ? (
        <p className="card__editing" style={{ borderColor: editors[0]?.color }}>
          {t('canvas.editing', { name: editors.map((person) => person.name).join(', ') })}
        </p>
      ) : null}
      {findings.length > 0 ? (
        <div
          className="card__hints"
          role="note"
          aria-label={t('hints.heading')}
          data-testid="card-hints"
        >
          <ul>
            {findings.map((finding) => (
              <li key={finding.key} data-severity={finding.severity}>
                {finding.message[language]}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <CardDetails
        doc={doc}
        awareness={awareness}
        cardId={card.id}
        kind={card.kind}
        editable={editable}
        level={4}
      />
      <ConfirmDialog
        open={confirming}
        heading={t('card.confirm.heading')}
        confirmLabel={t('card.confirm.confirm')}
        cancelLabel={t('card.confirm.cancel')}
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          deleteCard(doc, card.id);
          announce(t('card.deleted'));
          onDeleted();
        }}
      >
        <p>{t('card.confirm.body', { title: shownTitle })}</p>
      </ConfirmDialog>
    </article>
  );
});
