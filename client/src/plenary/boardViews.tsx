import {
  CARD_KINDS,
  type CardKind,
  cardRichTextFields,
  getCardRichText,
  getCardSummary,
  getMethodStep,
  METHOD_STEPS,
  richTextToPlain,
  type StepNumber,
} from '@trama/shared';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { useBoard } from '../board/useBoard';
import { useDocValue } from '../board/useDocValue';
import { currentLanguage } from '../i18n';
import { fieldLabel } from '../i18n/fieldLabel';
import { useBoardConnection } from '../sync/useBoardConnection';

/** A snodo board opened only to be read (projector, comparison): never writes. */
export function useReadOnlyBoard(boardId: string, token: string | null) {
  const { connection, state } = useBoardConnection(boardId, undefined, {
    token,
    readOnly: true,
    enabled: token !== null,
  });
  const doc = connection !== null && state.ready ? connection.doc : null;
  return { doc, state };
}

/** Step `n` of the method: number, title and domande guida, in the page's language. */
export function StepFocus({ step }: { step: number }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const method = METHOD_STEPS.find((item) => item.number === (step as StepNumber));
  if (method === undefined) return null;
  const full = getMethodStep(method.id);
  return (
    <article className="projector-step" data-testid="projector-step" data-step={step}>
      <p className="projector__kicker">{t('plenary.focus.stepNumber', { n: step })}</p>
      <h1 lang={lang}>{full.title[lang]}</h1>
      <h2 className="projector-step__questions">{t('plenary.focus.domandeGuida')}</h2>
      <ul className="projector-step__list">
        {full.domandeGuida.map((question) => (
          <li key={question.it} lang={lang}>
            {question[lang]}
          </li>
        ))}
      </ul>
    </article>
  );
}

function Lane({
  kind,
  cards,
}: {
  kind: CardKind;
  cards: readonly { id: string; title: string }[];
}) {
  const { t } = useTranslation();
  return (
    <section className="projector-lane" data-testid={`projector-lane-${kind}`}>
      <h2 lang="it">{t(`sections.${kind}.title`)}</h2>
      {cards.length === 0 ? (
        <p className="projector__empty">{t(`sections.${kind}.empty`)}</p>
      ) : (
        <ul>
          {cards.map((card) => (
            <li key={card.id} data-card-id={card.id}>
              {card.title.trim() || t('card.untitled', { kind: t(`sections.${kind}.singular`) })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** A tavolo's board: its three lanes side by side, titles only, large. */
export function SnodoFocus({ boardId, token }: { boardId: string; token: string | null }) {
  const { t } = useTranslation();
  const { doc } = useReadOnlyBoard(boardId, token);
  const board = useBoard(doc);
  if (board === null || doc === null) {
    return <p className="projector__empty">{t('plenary.projector.loadingBoard')}</p>;
  }
  return (
    <article className="projector-snodo" data-testid="projector-snodo" data-board-id={boardId}>
      <h1>{board.title.trim() || t('board.untitled')}</h1>
      <div className="projector-snodo__lanes">
        {CARD_KINDS.map((kind) => (
          <Lane key={kind} kind={kind} cards={board.cards[kind]} />
        ))}
      </div>
    </article>
  );
}

function CardBody({ doc, cardId }: { doc: Y.Doc; cardId: string }) {
  const { t } = useTranslation();
  const card = useDocValue(
    doc,
    (d) => {
      const summary = getCardSummary(d, cardId);
      if (summary === undefined) return null;
      return {
        kind: summary.kind,
        title: summary.title,
        fields: cardRichTextFields(summary.kind).flatMap((field) => {
          const fragment = getCardRichText(d, cardId, field);
          const text = fragment === undefined ? '' : richTextToPlain(fragment).trim();
          return text === '' ? [] : [{ field, text }];
        }),
      };
    },
    `projector-card:${cardId}`,
  );
  if (card === null) return <p className="projector__empty">{t('plenary.projector.cardGone')}</p>;
  return (
    <article className="projector-card" data-testid="projector-card" data-card-id={cardId}>
      <p className="projector__kicker" lang="it">
        {t(`sections.${card.kind}.singular`)}
      </p>
      <h1>
        {card.title.trim() || t('card.untitled', { kind: t(`sections.${card.kind}.singular`) })}
      </h1>
      <dl className="projector-card__fields">
        {card.fields.map((item) => (
          <div key={item.field}>
            <dt>{fieldLabel(t, item.field)}</dt>
            <dd>{item.text}</dd>
          </div>
        ))}
      </dl>
    </article>
  );
}

/** One card, large, with the fields it has filled in. */
export function CardFocus({
  boardId,
  cardId,
  token,
}: {
  boardId: string;
  cardId: string;
  token: string | null;
}) {
  const { t } = useTranslation();
  const { doc } = useReadOnlyBoard(boardId, token);
  if (doc === null)
    return <p className="projector__empty">{t('plenary.projector.loadingBoard')}</p>;
  return <CardBody doc={doc} cardId={cardId} />;
}
