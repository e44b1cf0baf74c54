import { setCardTitle } from '@trama/shared';
import { type Ref, useId } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { useEditorEnvironment } from '../editor/editorEnvironment';
import { LabelInput } from './LabelInput';

export interface CardTitleFieldProps {
  readonly doc: Y.Doc;
  readonly cardId: string;
  readonly title: string;
  /** The card kind's singular name, for the label ("Titolo dell'esigenza"). */
  readonly kindLabel: string;
  readonly editable: boolean;
  /** The canvas shows the label; the outline has the heading and hides it. */
  readonly labelClassName: string;
  readonly ref?: Ref<HTMLInputElement>;
}

/** A card's title with its label: the same field on the canvas and in the outline. */
export function CardTitleField({
  doc,
  cardId,
  title,
  kindLabel,
  editable,
  labelClassName,
  ref,
}: CardTitleFieldProps) {
  const { t } = useTranslation();
  const environment = useEditorEnvironment();
  const id = useId();
  return (
    <>
      <label htmlFor={id} className={labelClassName}>
        {t('card.titleLabel', { kind: kindLabel })}
      </label>
      <LabelInput
        ref={ref}
        id={id}
        className="input card__title"
        value={title}
        readOnly={!editable}
        placeholder={t('card.titlePlaceholder')}
        onCommit={(value) => setCardTitle(doc, cardId, value)}
        onFocus={() => environment.setEditing(cardId)}
        onBlur={() => environment.setEditing(null)}
        data-testid="card-title"
      />
    </>
  );
}
