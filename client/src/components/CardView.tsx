import {
  type CardSummary,
  cardRichTextFields,
  deleteCard,
  getCardRichText,
  type RichTextField as RichTextFieldId,
  setCardTitle,
} from '@trama/shared';
import { memo, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { RichTextEditor } from '../editor/RichTextEditor';
import { fieldLabel } from '../i18n/fieldLabel';
import { useAnnounce } from './Announcer';
import { ConfirmDialog } from './ConfirmDialog';
import { LabelInput } from './LabelInput';

export interface CardViewProps {
  readonly doc: Y.Doc;
  readonly awareness: Awareness;
  readonly card: CardSummary;
  /** Put the caret in the title once the card appears (it was just added here). */
  readonly focusOnMount?: boolean;
  /** Called after the card was deleted, so the section can move focus somewhere sensible. */
  readonly onDeleted: () => void;
}

function RichTextField({
  doc,
  awareness,
  cardId,
  field,
}: {
  doc: Y.Doc;
  awareness: Awareness;
  cardId: string;
  field: RichTextFieldId;
}) {
  const { t } = useTranslation();
  const labelId = useId();
  const fragment = getCardRichText(doc, cardId, field);
  if (fragment === undefined) return null;
  return (
    <div className="card__field" data-field={field}>
      <div id={labelId} className="card__field-label">
        {fieldLabel(t, field)}
      </div>
      <RichTextEditor fragment={fragment} awareness={awareness} labelledBy={labelId} />
    </div>
  );
}

/**
 * One card of a section: its title (a plain input, last writer wins) and its rich-text fields,
 * each a collaborative editor. Deleting asks for confirmation: it removes the card for everyone.
 */
export const CardView = memo(function CardView({
  doc,
  awareness,
  card,
  focusOnMount = false,
  onDeleted,
}: CardViewProps) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const titleId = useId();
  const [confirming, setConfirming] = useState(false);
  const titleInput = useRef<HTMLInputElement>(null);
  const [shouldFocus] = useState(focusOnMount);

  useEffect(() => {
    if (shouldFocus) titleInput.current?.focus();
  }, [shouldFocus]);
  const kindLabel = t(`sections.${card.kind}.singular`);
  const shownTitle = card.title.trim() || t('card.untitled', { kind: kindLabel });

  return (
    <article className="card" aria-labelledby={titleId} data-card-id={card.id} data-testid="card">
      <header className="card__header">
        <label htmlFor={titleId} className="visually-hidden">
          {t('card.titleLabel', { kind: kindLabel })}
        </label>
        <LabelInput
          ref={titleInput}
          id={titleId}
          className="input card__title"
          value={card.title}
          placeholder={t('card.titlePlaceholder')}
          onCommit={(title) => setCardTitle(doc, card.id, title)}
          data-testid="card-title"
        />
        <button
          type="button"
          className="button button--ghost button--small"
          aria-label={t('card.deleteLabel', { title: shownTitle })}
          onClick={() => setConfirming(true)}
          data-testid="delete-card"
        >
          {t('card.delete')}
        </button>
      </header>
      {cardRichTextFields(card.kind).map((field) => (
        <RichTextField key={field} doc={doc} awareness={awareness} cardId={card.id} field={field} />
      ))}
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
