import type { CardKind } from '@trama/shared';
import type { Node, NodeProps } from '@xyflow/react';
import { memo, useId } from 'react';
import { useTranslation } from 'react-i18next';

export interface LaneNodeData extends Record<string, unknown> {
  readonly kind: CardKind;
  readonly count: number;
  readonly locked: boolean;
  readonly canAdd: boolean;
  readonly questionOpen: boolean;
  readonly onToggleQuestion: (kind: CardKind) => void;
  readonly onAdd: (kind: CardKind) => void;
}

export type LaneNodeType = Node<LaneNodeData, 'lane'>;

const SHORTCUT: Readonly<Record<CardKind, string>> = {
  esigenza: 'E',
  obiettivo: 'O',
  lineaStrategica: 'L',
};

export function shortcutFor(kind: CardKind): string {
  return SHORTCUT[kind];
}

/**
 * A lane of the canvas: one step of the tavolo, headed by its name and (collapsible) guiding
 * question, with a lock badge when a facilitator has locked it. Only the header takes the
 * pointer; the rest lets pans and selection boxes through to the canvas.
 */
export const LaneNode = memo(function LaneNode({ data }: NodeProps<LaneNodeType>) {
  const { t } = useTranslation();
  const questionId = useId();
  const { kind } = data;
  return (
    <section
      className="lane"
      data-kind={kind}
      data-testid={`lane-${kind}`}
      aria-label={t(`sections.${kind}.title`)}
    >
      <header className="lane__header nodrag">
        <p className="lane__step">
          {t(`sections.${kind}.step`)} · {t('canvas.cardCount', { count: data.count })}
        </p>
        <h2 className="lane__title" lang="it">
          {t(`sections.${kind}.title`)}
          {data.locked ? (
            <span className="lane__lock" data-testid="lane-lock">
              {' '}
              <span aria-hidden="true">🔒</span> {t('canvas.laneLocked')}
            </span>
          ) : null}
        </h2>
        <div className="lane__actions">
          <button
            type="button"
            className="button button--ghost button--small"
            aria-expanded={data.questionOpen}
            aria-controls={questionId}
            onClick={() => data.onToggleQuestion(kind)}
            data-testid="toggle-question"
          >
            {data.questionOpen ? t('canvas.hideQuestion') : t('canvas.showQuestion')}
          </button>
          {data.canAdd ? (
            <button
              type="button"
              className="button button--primary button--small"
              aria-keyshortcuts={SHORTCUT[kind]}
              onClick={() => data.onAdd(kind)}
              data-testid="canvas-add-card"
            >
              <span aria-hidden="true">+ </span>
              {t(`sections.${kind}.add`)}
            </button>
          ) : null}
        </div>
        <p id={questionId} className="lane__question" hidden={!data.questionOpen}>
          {t(`sections.${kind}.question`)}
        </p>
      </header>
    </section>
  );
});
